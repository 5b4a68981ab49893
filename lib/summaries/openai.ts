import { STATUS_CODES } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { z } from "zod";
import { buildMessages, parseSummaryAnswer, summaryJsonSchema, type ChatMessage } from "./prompt";
import { SummaryError, type Summarizer, type SummaryOutput } from "./types";

export type OpenAiConfig = {
  /**
   * The API root, e.g. https://api.openai.com/v1, http://localhost:11434/v1 (Ollama) or an Azure
   * deployment URL with its query, https://x.openai.azure.com/openai/deployments/gpt-4o?api-version=2024-06-01.
   */
  baseUrl: string;
  model: string;
  /** Optional: Ollama and vLLM usually need none. */
  apiKey?: string;
  /** Per attempt; default 60 s. */
  timeoutMs?: number;
  /** Default 3; 429, 500, 502, 503, 504 and network errors are retried, timeouts are not. */
  maxAttempts?: number;
  /** Default 30 s: asked to wait longer, the summary fails at once instead of tying up a worker. */
  maxRetryWaitMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
};

export type Endpoint = {
  url: string;
  host: string;
  headers: Record<string, string>;
  /** Removes the API key from text that came back from the server or the network stack. */
  redact: (text: string) => string;
};

/**
 * Where to POST chat completions. The path goes before any query (Azure's api-version), and
 * Azure hosts (*.azure.com) also get the key as `api-key`, which is what they check.
 */
export function endpointFor(config: Pick<OpenAiConfig, "baseUrl" | "apiKey">): Endpoint {
  const apiKey = config.apiKey?.trim();
  const redact = (text: string) => (apiKey ? text.split(apiKey).join("[redacted]") : text);
  let url: URL;
  try {
    url = new URL(config.baseUrl.trim());
  } catch {
    throw new SummaryError(`The base URL is not a valid URL: ${redact(config.baseUrl).slice(0, 200)}`);
  }
  const path = url.pathname.replace(/\/+$/, "");
  url.pathname = path.endsWith("/chat/completions") ? path : `${path}/chat/completions`;
  const headers: Record<string, string> = { "Content-Type": "application/json", Accept: "application/json" };
  if (apiKey) {
    headers.Authorization = `Bearer ${apiKey}`;
    if (url.hostname.endsWith(".azure.com")) headers["api-key"] = apiKey;
  }
  return { url: url.toString(), host: url.host, headers, redact };
}

export type Reply =
  | { kind: "answer"; status: number; statusText: string; headers: Headers; text: string }
  | { kind: "timeout" }
  | { kind: "network"; reason: string };

function networkReason(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  for (const candidate of [cause, cause instanceof AggregateError ? cause.errors[0] : undefined, error]) {
    if (typeof candidate === "object" && candidate !== null && "code" in candidate && typeof candidate.code === "string") {
      return candidate.code;
    }
  }
  return cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
}

/**
 * One POST with its own timeout; the body is read inside it too, since a server can hang after
 * the headers. A caller's abort is rethrown as such: a cancelled job is not a failed summary.
 */
export async function postJson(
  endpoint: Endpoint,
  body: unknown,
  options: { timeoutMs: number; signal?: AbortSignal; fetch?: typeof fetch },
): Promise<Reply> {
  options.signal?.throwIfAborted();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const onAbort = () => controller.abort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const init = { method: "POST", headers: endpoint.headers, body: JSON.stringify(body), signal: controller.signal };
    const response = await (options.fetch ?? fetch)(endpoint.url, init);
    const text = await response.text();
    const statusText = response.statusText || STATUS_CODES[response.status] || "";
    return { kind: "answer", status: response.status, statusText, headers: response.headers, text };
  } catch (error) {
    options.signal?.throwIfAborted();
    if (controller.signal.aborted) return { kind: "timeout" };
    return { kind: "network", reason: endpoint.redact(networkReason(error)) };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
  }
}

/** The parsed JSON, or undefined for anything else (an HTML error page from a proxy, plain text). */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const errorBodySchema = z.union([
  z.object({ error: z.object({ message: z.string(), code: z.unknown().optional() }) }), // OpenAI, Azure, vLLM
  z.object({ error: z.string() }), // Ollama
  z.object({ message: z.string() }), // Mistral, vLLM's older shape
  z.object({ detail: z.unknown() }), // FastAPI-based servers' validation errors
]);

/** The server's own words about an error, one line, at most 200 characters, without the key. */
export function errorMessageOf(text: string, redact: (text: string) => string): string {
  const parsed = errorBodySchema.safeParse(tryParseJson(text));
  let message = text; // not JSON of a known shape: shown as it is
  if (parsed.success) {
    const body = parsed.data;
    if ("error" in body) message = typeof body.error === "string" ? body.error : body.error.message;
    else if ("message" in body) message = body.message;
    else message = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
  }
  return redact(message).replace(/\s+/g, " ").trim().slice(0, 200) || "(no message)";
}

const isQuotaExhausted = (text: string) => /insufficient_quota/.test(text);

/** "60", "0.3", "120": seconds for messages, from a duration in milliseconds. */
export const formatSeconds = (ms: number) => String(Math.round(ms / 100) / 10);

/** How long the server asked us to wait (Retry-After in seconds or as a date, or Azure's retry-after-ms). */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const inMs = headers.get("retry-after-ms")?.trim();
  if (inMs && /^\d+(\.\d+)?$/.test(inMs)) return Number(inMs);
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const RETRIED_STATUSES = new Set([429, 500, 502, 503, 504]);
// How servers without structured outputs say so (OpenAI-compatible gateways, older vLLM, Azure api-versions).
const SCHEMA_REFUSAL = /response_format|json_schema|not supported|unsupported/i;

const choiceSchema = z.object({
  message: z.object({ content: z.string().nullish(), refusal: z.string().nullish() }),
  finish_reason: z.string().nullish(),
});
const completionSchema = z.object({ choices: z.array(choiceSchema).min(1) });

function readCompletion(text: string, status: number, endpoint: Endpoint): SummaryOutput {
  const parsed = completionSchema.safeParse(tryParseJson(text));
  if (!parsed.success) {
    const preview = endpoint.redact(text).replace(/\s+/g, " ").trim().slice(0, 200);
    throw new SummaryError(`${endpoint.host} answered ${status} but not with a chat completion: ${preview}`);
  }
  const [choice] = parsed.data.choices;
  if (choice?.message.refusal) throw new SummaryError(`The model declined: ${choice.message.refusal.slice(0, 200)}`);
  if (choice?.finish_reason === "length") {
    throw new SummaryError("The model's answer was cut off at its length limit before the JSON was complete");
  }
  const content = choice?.message.content?.trim();
  if (!content) throw new SummaryError("The model's answer was empty");
  return parseSummaryAnswer(content);
}

type ResponseFormat = "json_schema" | "json_object";

function requestBody(model: string, messages: ChatMessage[], format: ResponseFormat) {
  const responseFormat =
    format === "json_schema"
      ? { type: "json_schema", json_schema: { name: "call_summary", strict: true, schema: summaryJsonSchema } }
      : { type: "json_object" };
  return { model, messages, temperature: 0.2, response_format: responseFormat };
}

/** A summariser backed by any OpenAI-compatible chat completions endpoint. */
export function createOpenAiSummarizer(config: OpenAiConfig): Summarizer {
  const timeoutMs = config.timeoutMs ?? 60_000;
  const maxAttempts = Math.max(1, config.maxAttempts ?? 3);
  const maxRetryWaitMs = config.maxRetryWaitMs ?? 30_000;
  // Once an endpoint has refused structured outputs, later calls skip straight to JSON mode.
  let format: ResponseFormat = "json_schema";

  return {
    producer: config.model,
    async summarize(input, signal) {
      const endpoint = endpointFor(config);
      const { host } = endpoint;
      const messages = buildMessages(input);
      let requestFormat = format;
      const wait = async (ms: number) => {
        await (config.sleep ? config.sleep(ms) : delay(ms, undefined, { signal }));
        signal?.throwIfAborted();
      };

      for (let attempt = 1; ; attempt++) {
        const reply = await postJson(endpoint, requestBody(config.model, messages, requestFormat), {
          timeoutMs,
          signal,
          fetch: config.fetch,
        });
        if (reply.kind === "timeout") throw new SummaryError(`No answer from ${host} within ${formatSeconds(timeoutMs)} s`);
        if (reply.kind === "network") {
          if (attempt >= maxAttempts) throw new SummaryError(`Could not connect to ${host}: ${reply.reason}`);
          await wait(1000 * 2 ** (attempt - 1));
          continue;
        }

        const { status, statusText, text } = reply;
        if (status >= 200 && status < 300) return readCompletion(text, status, endpoint);
        const detail = errorMessageOf(text, endpoint.redact);
        if ((status === 400 || status === 422) && requestFormat === "json_schema" && SCHEMA_REFUSAL.test(detail)) {
          requestFormat = format = "json_object";
          attempt--; // a different request, not a retry of a failed one
          continue;
        }
        if (status === 401 || status === 403) {
          throw new SummaryError(
            config.apiKey?.trim()
              ? `The API key was refused (${status}): ${detail}`
              : `The endpoint asks for an API key (${status}): ${detail}`,
          );
        }
        if (status === 404) throw new SummaryError(`Model or URL not found (404): ${detail}`);
        if (RETRIED_STATUSES.has(status) && attempt < maxAttempts && !isQuotaExhausted(text)) {
          const asked = retryAfterMs(reply.headers);
          if (asked !== undefined && asked > maxRetryWaitMs) {
            throw new SummaryError(
              status === 429
                ? `Rate limited by ${host}: it asked to wait ${formatSeconds(asked)} s`
                : `${host} answered ${status} ${statusText} and asked to wait ${formatSeconds(asked)} s`,
            );
          }
          await wait(asked ?? 1000 * 2 ** (attempt - 1));
          continue;
        }
        throw new SummaryError(`${host} answered ${status} ${statusText}: ${detail}`);
      }
    },
  };
}
