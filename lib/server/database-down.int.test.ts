import { randomUUID } from "node:crypto";

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { cliActor } from "@/lib/audit/record";
import type { DbHandle } from "@/lib/db/client";
import { DEMO_FLOW_NUMBER } from "@/lib/db/seed-first-start";
import { createIntegration } from "@/lib/integrations/create-integration";
import { makeOrg } from "@/lib/test/fixtures";
import { startServerProcess, type ServerProcess } from "@/lib/test/server-process";
import { startTcpProxy, type CutMode, type TcpProxy } from "@/lib/test/tcp-proxy";
import { createTestDatabase } from "@/lib/test/test-db";

// A server process whose PostgreSQL becomes unreachable (through a TCP proxy the test cuts: the
// shared server stays up): AI Flow events, hooks, readiness and pages are answered 503 with
// Retry-After within a few seconds, whether the database refuses connections, accepts them and
// never answers, or falls silent on the connections already open (a partition); and all of them
// work again once it is back. Needs PostgreSQL (TEST_DATABASE_URL): an embedded database cannot
// become unreachable.

const serverUrl = process.env.TEST_DATABASE_URL;
const FAST_ENOUGH_MS = 5500;

let database: DbHandle;
let proxy: TcpProxy;
let server: ServerProcess;
let hookPath: string;

beforeAll(async () => {
  if (!serverUrl) return;
  database = await createTestDatabase();
  if (database.raw.kind !== "postgres") throw new Error("expected PostgreSQL");
  const url = new URL(database.raw.url);
  proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
  url.hostname = "127.0.0.1";
  url.port = String(proxy.port);
  server = await startServerProcess({ databaseUrl: url.toString() });
  const org = await makeOrg(database.db);
  hookPath = (await createIntegration(database.db, org.id, cliActor, { provider: "pbx", name: "PBX" })).path;
}, 120_000);

afterEach(async () => {
  await proxy?.restore();
});

afterAll(async () => {
  await server?.stop();
  await proxy?.close();
  await database?.close();
});

type Answer = { status: number; retryAfter: string | null; contentType: string | null; ms: number };

async function timed(path: string, init: RequestInit = {}): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${server.base}${path}`, { ...init, signal: AbortSignal.timeout(30_000) });
  await response.arrayBuffer();
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    contentType: response.headers.get("content-type"),
    ms: performance.now() - started,
  };
}

const aiFlowEvent = (event: object) => {
  if (!server.aiFlow) throw new Error("the server did not seed the demo endpoint");
  return timed(server.aiFlow.path, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-token": server.aiFlow.token },
    body: JSON.stringify(event),
  });
};
const hook = () =>
  timed(hookPath, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ call_id: randomUUID() }),
  });
const page = () => timed("/some/page", { headers: { accept: "text/html" } });

/** Asks until the answer has `status` (a page's first failure may be its own 500); the time counts from the first ask. */
async function until(status: number, ask: () => Promise<Answer>, withinMs: number): Promise<Answer> {
  const started = performance.now();
  let last = await ask();
  while (last.status !== status && performance.now() - started < withinMs) {
    await new Promise((r) => setTimeout(r, 200));
    last = await ask();
  }
  return { ...last, ms: performance.now() - started };
}

const unavailable = { status: 503, retryAfter: "5" };

describe.skipIf(!serverUrl)("while PostgreSQL is unreachable", () => {
  const modes: CutMode[] = ["refuse", "hang", "freeze"];
  for (const mode of modes) {
    it(`answers 503 with Retry-After within seconds, and recovers (${mode})`, { timeout: 90_000 }, async () => {
      // A running call, so that its integration and session are in the server's memory.
      // (The previous test's restore broke the pooled connections: a first query may still meet one.)
      const id = randomUUID();
      expect(
        (
          await until(
            200,
            () => aiFlowEvent({ type: "session_start", session: { id, phone_number: DEMO_FLOW_NUMBER } }),
            5000,
          )
        ).status,
      ).toBe(200);
      expect((await timed("/api/ready")).status).toBe(200);

      await proxy.cut(mode);
      const event = await aiFlowEvent({ type: "user_speak", text: "Hello?", session: { id } });
      expect(event).toMatchObject({ ...unavailable, contentType: expect.stringContaining("json") });
      expect(event.ms).toBeLessThan(FAST_ENOUGH_MS);
      const others = [
        await hook(),
        await timed("/api/ready"),
        await aiFlowEvent({ type: "session_start", session: { id: randomUUID(), phone_number: DEMO_FLOW_NUMBER } }),
      ];
      for (const answer of others) {
        expect(answer).toMatchObject(unavailable);
        expect(answer.ms).toBeLessThan(FAST_ENOUGH_MS);
      }
      const people = await until(503, page, FAST_ENOUGH_MS);
      expect(people).toMatchObject({ ...unavailable, contentType: expect.stringContaining("text/html") });
      expect(people.ms).toBeLessThan(FAST_ENOUGH_MS);
      expect((await timed("/api/health")).status).toBe(200);

      await proxy.restore();
      const back = await until(200, () => timed("/api/ready"), 15_000);
      expect(back.status).toBe(200);
      expect(
        (
          await until(
            200,
            () => aiFlowEvent({ type: "session_start", session: { id: randomUUID(), phone_number: DEMO_FLOW_NUMBER } }),
            5000,
          )
        ).status,
      ).toBe(200);
      expect((await until(200, page, 5000)).status).toBe(200);
      expect((await until(422, hook, 5000)).status).toBe(422);
    });
  }
});
