import { z } from "zod";

import {
  endpointFor,
  errorMessageOf,
  formatSeconds,
  postJson,
  serverWords,
  tryParseJson,
  type Endpoint,
  type OpenAiConfig,
} from "./openai";
import { SummaryError } from "./types";

export type ConnectionTestResult = {
  ok: boolean;
  status?: number;
  message: string;
  model?: string;
  ms: number;
  /** The form field the failure is about, so the page shows it there. */
  field?: "baseUrl";
};

const TIMEOUT_MS = 15_000;

const completionSchema = z.object({ model: z.string().optional(), choices: z.array(z.unknown()).min(1) });

// Newer OpenAI models refuse max_tokens and want max_completion_tokens; an older server refuses
// the latter, so the test tries the widely known one first.
const isMaxTokensRefused = (status: number, words: string) => status === 400 && /max_tokens/.test(words);

/**
 * Sends the smallest chat completion there is and says what the endpoint answered, in words an
 * administrator can act on: the status and an OpenAI-style error message, the network error, the
 * timeout, or why the outbound policy did not send it. Never the body of any other answer: this
 * button would otherwise read back whatever a typed URL points at (see errorMessageOf).
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
    return {
      ok: false,
      field: "baseUrl",
      message: error instanceof SummaryError ? error.message : "The base URL is not valid",
      ms: elapsed(),
    };
  }

  const messages = [{ role: "user", content: "Answer with the word OK." }];
  const post = (body: object) =>
    postJson(
      endpoint,
      { model: config.model, messages, ...body },
      { timeoutMs, allowPrivate: config.allowPrivate, request: config.request },
    );
  let reply = await post({ max_tokens: 5 });
  if (reply.kind === "answer" && isMaxTokensRefused(reply.status, serverWords(reply.text)))
    reply = await post({ max_completion_tokens: 5 });

  if (reply.kind === "timeout") {
    return {
      ok: false,
      message: `No answer from ${endpoint.host} within ${formatSeconds(timeoutMs)} s`,
      ms: elapsed(),
    };
  }
  if (reply.kind === "network")
    return { ok: false, message: `Could not connect to ${endpoint.host}: ${reply.code}`, ms: elapsed() };
  if (reply.kind !== "answer") {
    const isUrlsFault = reply.kind === "refused" || reply.kind === "redirect";
    return {
      ok: false,
      message: reply.message,
      ms: elapsed(),
      ...(isUrlsFault ? { field: "baseUrl" } : {}),
      ...(reply.kind === "redirect" ? { status: reply.status } : {}),
    };
  }
  const { status, statusText, text } = reply;
  if (status < 200 || status >= 300) {
    const detail = errorMessageOf(text, endpoint.redact);
    return { ok: false, status, message: detail ? `${status}: ${detail}` : `${status} ${statusText}`, ms: elapsed() };
  }

  const completion = completionSchema.safeParse(tryParseJson(text));
  if (!completion.success) {
    // Typically a base URL that points at a web page instead of the API (missing /v1).
    return {
      ok: false,
      status,
      field: "baseUrl",
      message: `${status}, but the answer is not a chat completion: is the base URL the API's root (often ending in /v1)?`,
      ms: elapsed(),
    };
  }
  const model = completion.data.model ?? config.model;
  const ms = elapsed();
  return { ok: true, status, model, message: `${endpoint.host} answered with model ${model} in ${ms} ms`, ms };
}
