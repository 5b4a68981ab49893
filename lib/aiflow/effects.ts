import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, BlockList } from "node:net";
import type { Db } from "@/lib/db/types";
import { getEnv } from "@/lib/env";
import { loadSummaryConfig } from "@/lib/summaries/settings";
import { endpointFor, postJson, tryParseJson } from "@/lib/summaries/openai";
import type { Effect, EffectResult, Turn } from "@/lib/flows/session-state";

// The outside world of a flow, each within the node's time budget: the organisation's
// OpenAI-compatible model (from its summary settings) for AI replies, and the customer's own
// URL for HTTP requests, which may not reach private or loopback addresses unless the operator
// allows it (FLOW_HTTP_ALLOW_PRIVATE). Every failure becomes a result the flow handles (its
// fallback text or "failed" exit), never an error for AI Flow.

export type EffectContext = { db: Db; orgId: string; allowPrivate?: boolean };

export async function performEffect(ctx: EffectContext, effect: Effect): Promise<EffectResult> {
  return effect.kind === "ai" ? aiReply(ctx, effect) : httpRequest(effect, ctx.allowPrivate ?? getEnv().allowPrivateNetwork);
}

// ---- AI reply ----

type ModelConfig = { baseUrl: string; model: string; apiKey?: string } | null;
const modelCache = new Map<string, { config: ModelConfig; expires: number }>();

async function modelFor(db: Db, orgId: string): Promise<ModelConfig> {
  const cached = modelCache.get(orgId);
  if (cached && cached.expires > Date.now()) return cached.config;
  const settings = await loadSummaryConfig(db, orgId);
  const config = settings.provider === "openai" && settings.baseUrl && settings.model ? { baseUrl: settings.baseUrl, model: settings.model, ...(settings.apiKey ? { apiKey: settings.apiKey } : {}) } : null;
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
  const turns = history.map((t) => ({ role: t.role === "caller" ? ("user" as const) : ("assistant" as const), content: t.text }));
  const last = turns[turns.length - 1];
  if (utterance && !(last?.role === "user" && last.content === utterance)) turns.push({ role: "user", content: utterance });
  return [{ role: "system" as const, content: system }, ...turns];
}

async function aiReply(ctx: EffectContext, effect: Extract<Effect, { kind: "ai" }>): Promise<EffectResult> {
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
    { model: config.model, messages: replyMessages(effect.instructions, effect.history, effect.utterance), temperature: 0.3, max_tokens: 200 },
    { timeoutMs: Math.max(100, deadline - Date.now()) },
  );
  if (reply.kind === "timeout") return { kind: "ai", error: `The model did not answer within ${effect.budgetMs} ms.` };
  if (reply.kind === "network") return { kind: "ai", error: `The model could not be reached: ${reply.reason}` };
  if (reply.status < 200 || reply.status >= 300) return { kind: "ai", error: `The model answered ${reply.status} ${reply.statusText}.` };
  const body = tryParseJson(reply.text);
  const choices = body && typeof body === "object" ? Reflect.get(body, "choices") : undefined;
  const message = Array.isArray(choices) && choices[0] && typeof choices[0] === "object" ? Reflect.get(choices[0], "message") : undefined;
  const content = message && typeof message === "object" ? Reflect.get(message, "content") : undefined;
  if (typeof content !== "string" || !content.trim()) return { kind: "ai", error: "The model's answer had no text." };
  return { kind: "ai", text: content.replace(/[*_#`]+/g, "").trim().slice(0, 2000) };
}

// ---- HTTP request ----

const privateRanges = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) privateRanges.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8]] as const) privateRanges.addSubnet(net, prefix, "ipv6");

/** Loopback, private, link-local, carrier-grade NAT, multicast and reserved addresses. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    if (mapped) return privateRanges.check(mapped, "ipv4");
    return privateRanges.check(address, "ipv6");
  }
  return privateRanges.check(address, "ipv4");
}

class BlockedAddressError extends Error {}

const RESPONSE_LIMIT = 1024 * 1024;

async function httpRequest(effect: Extract<Effect, { kind: "http" }>, allowPrivate: boolean): Promise<EffectResult> {
  let url: URL;
  try {
    url = new URL(effect.url);
  } catch {
    return { kind: "http", ok: false, error: "The URL is not valid." };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { kind: "http", ok: false, error: "Only http and https URLs can be called." };
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && isIP(hostname) && isPrivateAddress(hostname)) return { kind: "http", ok: false, error: `${hostname} is a private address; the operator does not allow calling it.` };

  // The check happens on the address actually connected to, so DNS cannot point elsewhere later.
  const lookup = (host: string, options: object, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(host, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, []);
      const allowed = allowPrivate ? addresses : addresses.filter((a) => !isPrivateAddress(a.address));
      if (allowed.length === 0) return callback(new BlockedAddressError(`${host} resolves to a private address; the operator does not allow calling it.`), []);
      if ("all" in options && options.all) return callback(null, allowed);
      const first = allowed[0];
      return first ? callback(null, first.address, first.family) : callback(new Error("no address"), []);
    });
  };

  const headers: Record<string, string> = { accept: "application/json", "user-agent": "Switchboard-Flow/1" };
  for (const h of effect.headers) headers[h.name.toLowerCase()] = h.value;
  if (effect.body !== undefined && !headers["content-type"]) headers["content-type"] = "application/json";

  return new Promise<EffectResult>((resolve) => {
    const transport = url.protocol === "https:" ? https : http;
    const req = transport.request(url, { method: effect.method, headers, lookup, timeout: effect.budgetMs }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > RESPONSE_LIMIT) {
          req.destroy(new Error("The answer is larger than 1 MB."));
          return;
        }
        chunks.push(chunk);
      });
      res.on("end", () => {
        const status = res.statusCode ?? 0;
        const text = Buffer.concat(chunks).toString("utf8");
        const ok = status >= 200 && status < 300;
        resolve({ kind: "http", ok, status, json: tryParseJson(text), ...(ok ? {} : { error: `The URL answered ${status}.` }) });
      });
      res.on("error", (error) => resolve({ kind: "http", ok: false, error: error.message }));
    });
    const timer = setTimeout(() => req.destroy(new Error(`No answer within ${effect.budgetMs} ms.`)), effect.budgetMs);
    req.on("timeout", () => req.destroy(new Error(`No answer within ${effect.budgetMs} ms.`)));
    req.on("error", (error) => resolve({ kind: "http", ok: false, error: error.message }));
    req.on("close", () => clearTimeout(timer));
    req.end(effect.body);
  });
}
