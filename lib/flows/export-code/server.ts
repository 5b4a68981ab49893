import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

import { replyBody } from "@/lib/aiflow/protocol";
import type { Program } from "@/lib/flows/compile";
import { runEvent } from "@/lib/flows/run-event";
import { createRuntime } from "@/lib/flows/runtime";
import { initialState, type Effect, type EffectResult, type SessionState } from "@/lib/flows/session-state";

import { checkEvent } from "./check-event";
import type { AiFlowAction, AiFlowEvent } from "./protocol-types";

// The HTTP server of an exported flow: what Switchboard's AI Flow endpoint does (handle-event.ts,
// dispatch.ts) with the sessions in memory instead of the database. The code export copies this
// file's text below Switchboard's runtime with the import lines removed, so it may use only what
// the export contains and Node's own modules.

export type HttpEffect = Extract<Effect, { kind: "http" }>;

export type FlowServerOptions = {
  program: Program;
  /** The X-API-TOKEN AI Flow must send. */
  token: string;
  /** Performs an HTTP request node's call. */
  httpRequest: (effect: HttpEffect) => Promise<EffectResult>;
};

type Answer = { status: number; body?: unknown };

const BODY_LIMIT = 256 * 1024;
/** A session that has heard nothing for this long (its session_end was lost) is forgotten. */
const IDLE_SESSION_MS = 6 * 60 * 60 * 1000;
const UNAUTHORIZED: Answer = { status: 401, body: { error: "Unauthorized" } };
/** No model comes with an export, so an AI reply node says its fallback, as Switchboard does without one. */
const NO_MODEL: EffectResult = { kind: "ai", error: "An exported flow has no model." };

/** Hashes first, so the constant-time comparison also hides the token's length. */
const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

const reply = (actions: readonly AiFlowAction[]): Answer => {
  const body = replyBody(actions);
  return body === undefined ? { status: 204 } : { status: 200, body };
};

function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, answer: Answer): void {
  if (answer.body === undefined) {
    res.writeHead(answer.status, { "cache-control": "no-store" }).end();
    return;
  }
  const payload = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(payload),
    "cache-control": "no-store",
  });
  res.end(payload);
}

export function createFlowServer(options: FlowServerOptions): Server {
  const runtime = createRuntime(options.program);
  const expected = digest(options.token);
  const sessions = new Map<string, { state: SessionState; seen: number }>();
  const tails = new Map<string, Promise<unknown>>();
  const perform = (effect: Effect): Promise<EffectResult> =>
    effect.kind === "http" ? options.httpRequest(effect) : Promise.resolve(NO_MODEL);

  const sweep = setInterval(() => {
    const before = Date.now() - IDLE_SESSION_MS;
    for (const [id, s] of sessions) if (s.seen < before) sessions.delete(id);
  }, 60_000);
  sweep.unref();

  /** As Switchboard's dispatcher: a session starts with session_start and keeps its state to session_end. */
  async function dispatch(event: AiFlowEvent): Promise<Answer> {
    const id = event.session.id;
    const live = sessions.get(id);
    if (!live) {
      if (event.type === "session_end") return reply([]);
      if (event.type !== "session_start")
        return {
          status: 400,
          body: {
            error: `session.id "${id.slice(0, 80)}" has no session: send session_start first.`,
            field: "session.id",
          },
        };
      const outcome = await runEvent(runtime, initialState(), event, perform);
      sessions.set(id, { state: outcome.state, seen: Date.now() });
      return reply(outcome.actions);
    }
    // A repeated session_start (a retry of the platform's): the same greeting, the session unchanged.
    if (event.type === "session_start") return reply((await runEvent(runtime, initialState(), event, perform)).actions);
    const outcome = await runEvent(runtime, live.state, event, perform);
    if (event.type === "session_end") sessions.delete(id);
    else sessions.set(id, { state: outcome.state, seen: Date.now() });
    return reply(outcome.actions);
  }

  /** One event of a session at a time, in arrival order. */
  function inOrder(event: AiFlowEvent): Promise<Answer> {
    const id = event.session.id;
    const previous = tails.get(id) ?? Promise.resolve();
    const current = previous.then(
      () => dispatch(event),
      () => dispatch(event),
    );
    tails.set(id, current);
    return current.finally(() => {
      if (tails.get(id) === current) tails.delete(id);
    });
  }

  async function answer(req: IncomingMessage): Promise<Answer> {
    const token = req.headers["x-api-token"];
    if (typeof token !== "string" || !timingSafeEqual(digest(token), expected)) return UNAUTHORIZED;
    if (req.method !== "POST") return { status: 405, body: { error: "Send events with POST." } };
    const contentType = req.headers["content-type"];
    if (contentType && !/^application\/(.+\+)?json\b/i.test(contentType))
      return { status: 415, body: { error: `Send JSON (Content-Type: application/json), not ${contentType}.` } };
    const length = Number(req.headers["content-length"] ?? Number.NaN);
    if (Number.isFinite(length) && length > BODY_LIMIT)
      return { status: 413, body: { error: "The event is larger than 256 KiB." } };
    const text = await readBody(req, BODY_LIMIT);
    if (text === undefined) return { status: 413, body: { error: "The event is larger than 256 KiB." } };
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      return {
        status: 400,
        body: {
          error: `The body is not valid JSON: ${error instanceof Error ? error.message : "parse error"}`,
          field: "_",
        },
      };
    }
    const checked = checkEvent(body);
    if (!checked.ok) return { status: 400, body: { error: checked.error, field: checked.field } };
    return inOrder(checked.event);
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/health" && (req.method === "GET" || req.method === "HEAD"))
      return send(res, { status: 200, body: { status: "ok" } });
    answer(req).then(
      (a) => send(res, a),
      (error: unknown) => {
        console.error(error);
        send(res, { status: 500, body: { error: "Internal server error" } });
      },
    );
  });
  server.on("close", () => clearInterval(sweep));
  return server;
}

/**
 * ALLOW_PRIVATE_NETWORK as Switchboard reads it (lib/env.ts): on/true/yes/1 opens private and
 * loopback addresses; the older FLOW_HTTP_ALLOW_PRIVATE counts when the new name is unset or empty.
 */
export function isPrivateNetworkAllowed(env: Record<string, string | undefined>): boolean {
  const value = env.ALLOW_PRIVATE_NETWORK?.trim() || env.FLOW_HTTP_ALLOW_PRIVATE?.trim() || "";
  return ["1", "true", "on", "yes"].includes(value);
}

/** Starts the server as the export's header describes: FLOW_API_TOKEN (required), PORT, ALLOW_PRIVATE_NETWORK. */
export function serveFromEnv(
  program: Program,
  label: string,
  httpRequest: (effect: HttpEffect, allowPrivate: boolean) => Promise<EffectResult>,
): Server {
  const token = process.env.FLOW_API_TOKEN ?? "";
  if (!token.trim()) {
    console.error(
      "Set FLOW_API_TOKEN to the X-API-TOKEN configured for this assistant in sipgate AI Flow; without it every request would be refused.",
    );
    process.exit(1);
  }
  const port = Number(process.env.PORT || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`PORT must be a port number, not "${process.env.PORT}".`);
    process.exit(1);
  }
  const allowPrivate = isPrivateNetworkAllowed(process.env);
  const server = createFlowServer({ program, token, httpRequest: (effect) => httpRequest(effect, allowPrivate) });
  server.listen(port, () => {
    const address = server.address();
    const bound = address && typeof address === "object" ? address.port : port;
    console.log(`${label} answers AI Flow events on port ${bound} (POST to any path; GET /health).`);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => server.close(() => process.exit(0)));
  return server;
}
