import type { Db } from "@/lib/db/types";
import { getEnv } from "@/lib/env";
import type { Effect, EffectResult, Turn } from "@/lib/flows/session-state";
import { sendOutbound } from "@/lib/outbound/send";
import { endpointFor, postJson, tryParseJson } from "@/lib/summaries/openai";
import { loadSummaryConfig } from "@/lib/summaries/settings";

// The outside world of a flow, each within the node's time budget: the organisation's
// OpenAI-compatible model (from its summary settings) for AI replies, and the customer's own
// URL for HTTP requests. Both go through the outbound policy (lib/outbound): neither reaches a
// private or loopback address unless the operator allows it (ALLOW_PRIVATE_NETWORK). Every
// failure becomes a result the flow handles (its fallback text or "failed" exit), never an error
// for AI Flow.

export type EffectContext = { db: Db; orgId: string; allowPrivate?: boolean };

export async function performEffect(ctx: EffectContext, effect: Effect): Promise<EffectResult> {
  const allowPrivate = ctx.allowPrivate ?? getEnv().allowPrivateNetwork;
  return effect.kind === "ai" ? aiReply(ctx, effect, allowPrivate) : httpRequest(effect, allowPrivate);
}

// ---- AI reply ----

type ModelConfig = { baseUrl: string; model: string; apiKey?: string } | null;
const modelCache = new Map<string, { config: ModelConfig; expires: number }>();

async function modelFor(db: Db, orgId: string): Promise<ModelConfig> {
  const cached = modelCache.get(orgId);
  if (cached && cached.expires > Date.now()) return cached.config;
  const settings = await loadSummaryConfig(db, orgId);
  const config =
    settings.provider === "openai" && settings.baseUrl && settings.model
      ? { baseUrl: settings.baseUrl, model: settings.model, ...(settings.apiKey ? { apiKey: settings.apiKey } : {}) }
      : null;
  modelCache.set(orgId, { config, expires: Date.now() + 10_000 });
  return config;
}

export function replyMessages(instructions: string, history: readonly Turn[], utterance: string) {
  const system = [
    "You are the voice assistant on a phone line. Your answer is spoken aloud: one to three short sentences, plain words, no lists, no markdown, no emojis.",
    "Answer in the caller's language.",
    instructions.trim() ? `Instructions of the organisation:\n${instructions.trim()}` : "",
  ]
    .filter(Boolean)
    .join("\n\n");
  const turns = history.map((t) => ({
    role: t.role === "caller" ? ("user" as const) : ("assistant" as const),
    content: t.text,
  }));
  const last = turns[turns.length - 1];
  if (utterance && !(last?.role === "user" && last.content === utterance))
    turns.push({ role: "user", content: utterance });
  return [{ role: "system" as const, content: system }, ...turns];
}

async function aiReply(
  ctx: EffectContext,
  effect: Extract<Effect, { kind: "ai" }>,
  allowPrivate: boolean,
): Promise<EffectResult> {
  const deadline = Date.now() + effect.budgetMs;
  const config = await modelFor(ctx.db, ctx.orgId);
  if (!config) return { kind: "ai", error: "No OpenAI-compatible model is configured in the summary settings." };
  let endpoint;
  try {
    endpoint = endpointFor(config);
  } catch (error) {
    return { kind: "ai", error: error instanceof Error ? error.message : "invalid model URL" };
  }
  const reply = await postJson(
    endpoint,
    {
      model: config.model,
      messages: replyMessages(effect.instructions, effect.history, effect.utterance),
      temperature: 0.3,
      max_tokens: 200,
    },
    { timeoutMs: Math.max(100, deadline - Date.now()), allowPrivate },
  );
  if (reply.kind === "timeout") return { kind: "ai", error: `The model did not answer within ${effect.budgetMs} ms.` };
  if (reply.kind !== "answer") return { kind: "ai", error: `The model could not be reached: ${reply.message}` };
  if (reply.status < 200 || reply.status >= 300)
    return { kind: "ai", error: `The model answered ${reply.status} ${reply.statusText}.` };
  const body = tryParseJson(reply.text);
  const choices = body && typeof body === "object" ? Reflect.get(body, "choices") : undefined;
  const message =
    Array.isArray(choices) && choices[0] && typeof choices[0] === "object"
      ? Reflect.get(choices[0], "message")
      : undefined;
  const content = message && typeof message === "object" ? Reflect.get(message, "content") : undefined;
  if (typeof content !== "string" || !content.trim()) return { kind: "ai", error: "The model's answer had no text." };
  return {
    kind: "ai",
    text: content
      .replace(/[*_#`]+/g, "")
      .trim()
      .slice(0, 2000),
  };
}

// ---- HTTP request ----

const HTTP_NODE_MAX_BYTES = 1024 * 1024;

/**
 * A flow's HTTP request node: the customer's URL under the outbound policy, within the node's
 * time budget. Only a 2xx answer's JSON reaches the flow; a failure is its status or the policy's
 * message, never the body, which nobody reads and which could otherwise come back to the tenant.
 */
async function httpRequest(effect: Extract<Effect, { kind: "http" }>, allowPrivate: boolean): Promise<EffectResult> {
  const headers: Record<string, string> = { accept: "application/json", "user-agent": "Switchboard-Flow/1" };
  for (const h of effect.headers) headers[h.name.toLowerCase()] = h.value;
  if (effect.body !== undefined && !headers["content-type"]) headers["content-type"] = "application/json";
  const result = await sendOutbound(effect.url, {
    method: effect.method,
    headers,
    body: effect.body,
    timeoutMs: effect.budgetMs,
    maxBytes: HTTP_NODE_MAX_BYTES,
    allowPrivate,
  });
  if (result.kind === "redirect") return { kind: "http", ok: false, status: result.status, error: result.message };
  if (result.kind !== "answer") return { kind: "http", ok: false, error: result.message };
  const { status } = result;
  if (status < 200 || status >= 300) return { kind: "http", ok: false, status, error: `The URL answered ${status}.` };
  return { kind: "http", ok: true, status, json: tryParseJson(result.body.toString("utf8")) };
}
