import { setTimeout as delay } from "node:timers/promises";

import { z } from "zod";

import { outboundRequest, type OutboundFailure } from "@/lib/outbound/request";

import { buildMessages, parseSummaryAnswer, summaryJsonSchema, type ChatMessage } from "./prompt";
import { SummaryError, type Summarizer, type SummaryOutput } from "./types";

export type OpenAiConfig = {
  /**
   * The API root, e.g. https://api.openai.com/v1, http://localhost:11434/v1 (Ollama, with ALLOW_PRIVATE_NETWORK=on) or an Azure
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
  /** Default: the operator's ALLOW_PRIVATE_NETWORK (Ollama or vLLM on the same network). */
  allowPrivate?: boolean;
  /** For tests: stands in for outboundRequest, e.g. to send an Azure URL on to a fake. */
  request?: typeof outboundRequest;
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

/** The model's answer (any status but a redirect), or why there is none, in words for the tenant. */
export type Reply =
  { kind: "answer"; status: number; statusText: string; headers: Headers; text: string } | OutboundFailure;

export type PostOptions = { timeoutMs: number; signal?: AbortSignal } & Pick<OpenAiConfig, "allowPrivate" | "request">;

/**
 * One POST under the outbound policy (lib/outbound): the time limit covers the body too, since a
 * server can hang after the headers. A caller's abort is thrown as such: a cancelled job is not a
 * failed summary.
 */
export async function postJson(endpoint: Endpoint, body: unknown, options: PostOptions): Promise<Reply> {
  const result = await (options.request ?? outboundRequest)(endpoint.url, {
    method: "POST",
    headers: endpoint.headers,
    body: JSON.stringify(body),
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    allowPrivate: options.allowPrivate,
  });
  if (result.kind !== "answer") return { ...result, message: endpoint.redact(result.message) };
  return {
    kind: "answer",
    status: result.status,
    statusText: result.statusText,
    headers: result.headers,
    text: result.body.toString("utf8"),
  };
}

/** The parsed JSON, or undefined for anything else (an HTML error page from a proxy, plain text). */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const openAiErrorSchema = z.object({ error: z.object({ message: z.string() }) });

/**
 * The message of an error answer in the OpenAI shape `{"error": {"message": …}}` (OpenAI, Azure,
 * vLLM, Ollama's /v1, LiteLLM), one line, at most 200 characters, without the key; undefined for
 * anything else. Only this one field of only this shape is shown: it is what makes "model not
 * found" or "invalid API key" actionable, and an endpoint that answers in it is a model API. Any
 * other answer (an HTML page, another JSON API's error, plain text) is never shown, since a base
 * URL pointed at an internal service would otherwise read that service back to the tenant.
 */
export function errorMessageOf(text: string, redact: (text: string) => string): string | undefined {
  const parsed = openAiErrorSchema.safeParse(tryParseJson(text));
  if (!parsed.success) return undefined;
  return redact(parsed.data.error.message).replace(/\s+/g, " ").trim().slice(0, 200) || undefined;
}

const serverWordsSchema = z.union([
  z.object({ error: z.object({ message: z.string() }) }), // OpenAI, Azure, vLLM
  z.object({ error: z.string() }), // Ollama's native API
  z.object({ message: z.string() }), // Mistral, vLLM's older shape
]);

/**
 * What an error answer says, in any shape a model server uses, for deciding what to try next
 * (JSON mode instead of json_schema, max_completion_tokens). Never shown: see errorMessageOf.
 */
export function serverWords(text: string): string {
  const parsed = serverWordsSchema.safeParse(tryParseJson(text));
  if (!parsed.success) return text.slice(0, 2000);
  const body = parsed.data;
  return "error" in body ? (typeof body.error === "string" ? body.error : body.error.message) : body.message;
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
    // Typically a web page; what it says is not shown (errorMessageOf says why).
    throw new SummaryError(
      `${endpoint.host} answered ${status} but not with a chat completion: is the base URL the API's root (often ending in /v1)?`,
    );
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
          allowPrivate: config.allowPrivate,
          request: config.request,
        });
        if (reply.kind === "timeout")
          throw new SummaryError(`No answer from ${host} within ${formatSeconds(timeoutMs)} s`);
        if (reply.kind === "network") {
          if (attempt >= maxAttempts) throw new SummaryError(`Could not connect to ${host}: ${reply.code}`);
          await wait(1000 * 2 ** (attempt - 1));
          continue;
        }
        // A refused address, a redirect or an oversized answer: the same again would fail the same way.
        if (reply.kind !== "answer") throw new SummaryError(reply.message);

        const { status, statusText, text } = reply;
        if (status >= 200 && status < 300) return readCompletion(text, status, endpoint);
        const message = errorMessageOf(text, endpoint.redact);
        const detail = message ? `: ${message}` : "";
        if (
          (status === 400 || status === 422) &&
          requestFormat === "json_schema" &&
          SCHEMA_REFUSAL.test(serverWords(text))
        ) {
          requestFormat = format = "json_object";
          attempt--; // a different request, not a retry of a failed one
          continue;
        }
        if (status === 401 || status === 403) {
          throw new SummaryError(
            config.apiKey?.trim()
              ? `The API key was refused (${status})${detail}`
              : `The endpoint asks for an API key (${status})${detail}`,
          );
        }
        if (status === 404) throw new SummaryError(`Model or URL not found (404)${detail}`);
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
        throw new SummaryError(`${host} answered ${status} ${statusText}${detail}`);
      }
    },
  };
}
