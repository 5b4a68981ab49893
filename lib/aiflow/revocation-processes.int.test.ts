import { randomUUID } from "node:crypto";

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";

import { cliActor } from "@/lib/audit/record";
import type { DbHandle } from "@/lib/db/client";
import { integrations, voiceSessions } from "@/lib/db/schema";
import { DEMO_FLOW_NUMBER } from "@/lib/db/seed-first-start";
import { rotateIntegrationSecret, setIntegrationEnabled } from "@/lib/integrations/manage";
import { startServerProcess, type ServerProcess } from "@/lib/test/server-process";
import { createTestDatabase } from "@/lib/test/test-db";

import { REVOKED_CLOSE_CODE } from "./open-sockets";

// Two processes on one PostgreSQL database: a server process holds an AI Flow socket open, and
// this test process, as another server would, disables the integration or rotates its token
// through the app's own functions. The server process is told nothing; its socket closes within
// seconds all the same, and a new socket opens with the new token. Needs PostgreSQL
// (TEST_DATABASE_URL): an embedded database belongs to one process.

const serverUrl = process.env.TEST_DATABASE_URL;

let database: DbHandle;
let server: ServerProcess;
let endpoint: { id: string; orgId: string; token: string };

beforeAll(async () => {
  if (!serverUrl) return;
  database = await createTestDatabase();
  if (database.raw.kind !== "postgres") throw new Error("expected PostgreSQL");
  server = await startServerProcess({ databaseUrl: database.raw.url });
  const seeded = server.aiFlow;
  if (!seeded) throw new Error("the server did not seed the demo endpoint");
  const id = seeded.path.split("/").pop() ?? "";
  const [row] = await database.db
    .select({ orgId: integrations.orgId })
    .from(integrations)
    .where(eq(integrations.id, id));
  if (!row) throw new Error("no demo integration");
  endpoint = { id, orgId: row.orgId, token: seeded.token };
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

type Opened = { ws: WebSocket; frames: unknown[]; closed: Promise<{ code: number; reason: string; at: number }> };

function open(token: string): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.base.replace("http", "ws")}/api/aiflow/${endpoint.id}/ws`, {
      headers: { "x-api-token": token },
    });
    const frames: unknown[] = [];
    ws.on("message", (data) => frames.push(JSON.parse(String(data))));
    const closed = new Promise<{ code: number; reason: string; at: number }>((done) =>
      ws.once("close", (code, reason) => done({ code, reason: reason.toString(), at: performance.now() })),
    );
    ws.once("open", () => resolve({ ws, frames, closed }));
    ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once("error", reject);
  });
}

async function answered(socket: Opened, event: object): Promise<unknown> {
  const before = socket.frames.length;
  socket.ws.send(JSON.stringify(event));
  for (let i = 0; i < 150 && socket.frames.length === before; i++) await new Promise((r) => setTimeout(r, 20));
  return socket.frames[before];
}

describe.skipIf(!serverUrl)("AI Flow sockets in another process", () => {
  it(
    "close within seconds when this process disables the integration, and store nothing more",
    { timeout: 30_000 },
    async () => {
      const socket = await open(endpoint.token);
      const id = randomUUID();
      expect(
        await answered(socket, { type: "session_start", session: { id, phone_number: DEMO_FLOW_NUMBER } }),
      ).toMatchObject({ type: "speak", session_id: id });

      const changed = performance.now();
      await setIntegrationEnabled(database.db, endpoint.orgId, endpoint.id, false, cliActor);
      const closed = await socket.closed;
      expect(closed).toMatchObject({ code: REVOKED_CLOSE_CODE, reason: expect.stringMatching(/disabled/i) });
      expect(closed.at - changed).toBeLessThan(5000);
      // New sockets are refused (the other process has forgotten the integration with the socket).
      await expect(open(endpoint.token)).rejects.toThrow("HTTP 401");
      const [session] = await database.db
        .select({ seq: voiceSessions.seq })
        .from(voiceSessions)
        .where(and(eq(voiceSessions.orgId, endpoint.orgId), eq(voiceSessions.externalId, id)));
      expect(session?.seq).toBe(1);
      await setIntegrationEnabled(database.db, endpoint.orgId, endpoint.id, true, cliActor);
    },
  );

  it(
    "close within seconds when this process rotates the token; the new token opens a socket there at once",
    { timeout: 30_000 },
    async () => {
      // The other process may remember the integration as disabled for a few seconds more.
      let socket: Opened | undefined;
      for (let i = 0; i < 40 && !socket; i++)
        socket = await open(endpoint.token).catch(
          () => new Promise<undefined>((r) => setTimeout(() => r(undefined), 250)),
        );
      if (!socket) throw new Error("the re-enabled integration did not open a socket");
      const changed = performance.now();
      const rotated = await rotateIntegrationSecret(database.db, endpoint.orgId, endpoint.id, cliActor);
      const closed = await socket.closed;
      expect(closed).toMatchObject({ code: REVOKED_CLOSE_CODE, reason: expect.stringMatching(/rotated/i) });
      expect(closed.at - changed).toBeLessThan(5000);
      const fresh = await open(rotated.secret);
      const id = randomUUID();
      expect(
        await answered(fresh, { type: "session_start", session: { id, phone_number: DEMO_FLOW_NUMBER } }),
      ).toMatchObject({ type: "speak", session_id: id });
      fresh.ws.close();
    },
  );
});
