import { z } from "zod";
import { endpointFor, errorMessageOf, formatSeconds, postJson, tryParseJson, type Endpoint, type OpenAiConfig } from "./openai";
import { SummaryError } from "./types";

export type ConnectionTestResult = { ok: boolean; status?: number; message: string; model?: string; ms: number };

const TIMEOUT_MS = 15_000;

const completionSchema = z.object({ model: z.string().optional(), choices: z.array(z.unknown()).min(1) });

// Newer OpenAI models refuse max_tokens and want max_completion_tokens; an older server refuses
// the latter, so the test tries the widely known one first.
const isMaxTokensRefused = (status: number, message: string) => status === 400 && /max_tokens/.test(message);

/**
 * Sends the smallest chat completion there is and says what the endpoint answered, in words an
 * administrator can act on: the status and the server's message, the network error, or the timeout.
 * One attempt only: the person clicking "Test" wants to know what is wrong now.
 */
export async function testConnection(config: OpenAiConfig): Promise<ConnectionTestResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  // A summary's longer timeout does not apply: someone is waiting for this answer.
  const timeoutMs = Math.min(config.timeoutMs ?? TIMEOUT_MS, TIMEOUT_MS);

  let endpoint: Endpoint;
  try {
    endpoint = endpointFor(config);
  } catch (error) {
    return { ok: false, message: error instanceof SummaryError ? error.message : "The base URL is not valid", ms: elapsed() };
  }

  const messages = [{ role: "user", content: "Answer with the word OK." }];
  let reply = await postJson(endpoint, { model: config.model, messages, max_tokens: 5 }, { timeoutMs, fetch: config.fetch });
  if (reply.kind === "answer" && isMaxTokensRefused(reply.status, errorMessageOf(reply.text, endpoint.redact))) {
    const body = { model: config.model, messages, max_completion_tokens: 5 };
    reply = await postJson(endpoint, body, { timeoutMs, fetch: config.fetch });
  }

  if (reply.kind === "timeout") {
    return { ok: false, message: `No answer from ${endpoint.host} within ${formatSeconds(timeoutMs)} s`, ms: elapsed() };
  }
  if (reply.kind === "network") {
    return { ok: false, message: `Could not connect to ${endpoint.host}: ${reply.reason}`, ms: elapsed() };
  }
  const { status, text } = reply;
  if (status < 200 || status >= 300) {
    return { ok: false, status, message: `${status}: ${errorMessageOf(text, endpoint.redact)}`, ms: elapsed() };
  }

  const completion = completionSchema.safeParse(tryParseJson(text));
  if (!completion.success) {
    // Typically a base URL that points at a web page instead of the API (missing /v1).
    const preview = endpoint.redact(text).replace(/\s+/g, " ").trim().slice(0, 200);
    return { ok: false, status, message: `${status}, but the answer is not a chat completion: ${preview}`, ms: elapsed() };
  }
  const model = completion.data.model ?? config.model;
  const ms = elapsed();
  return { ok: true, status, model, message: `${endpoint.host} answered with model ${model} in ${ms} ms`, ms };
}
