import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";

import { cliActor } from "@/lib/audit/record";
import { hashSecret, newSecret } from "@/lib/auth/tokens";
import { setDatabase, type DbHandle } from "@/lib/db/client";
import { integrations, voiceSessions } from "@/lib/db/schema";
import { createIntegration } from "@/lib/integrations/create-integration";
import { setIntegrationEnabled } from "@/lib/integrations/manage";
import { fastRoutes, findRoute, upgradeRoutes } from "@/lib/server/fast-path";
import { countingDb } from "@/lib/test/counting-db";
import { makeOrg } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";

import { setSessionEndedHandler } from "./dispatch";
import { recheckOpenSockets, REVOKED_CLOSE_CODE } from "./open-sockets";

// An open AI Flow WebSocket lives only as long as the credential it was opened with: disabling,
// deleting the integration or rotating its token closes it (code 4401) within seconds, also when
// the change was made by another process (nothing here is told: the state is in the database).

let database: DbHandle;
let server: Server;
let wsBase: string;
let orgId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase(database);
  setSessionEndedHandler(() => undefined);
  orgId = (await makeOrg(database.db)).id;
  server = createServer((req, res) => {
    const found = findRoute(fastRoutes, (req.url ?? "/").split("?")[0] ?? "/");
    if (!found) return void res.writeHead(404).end();
    void found.route.handle(req, res, found.params);
  });
  server.on("upgrade", (req, socket, head) => {
    const found = findRoute(upgradeRoutes, (req.url ?? "/").split("?")[0] ?? "/");
    if (!found) return void socket.destroy();
    void found.route.handle(req, socket, head, found.params);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no address");
  wsBase = `ws://127.0.0.1:${(address satisfies AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await database.close();
});

type Opened = {
  ws: WebSocket;
  frames: unknown[];
  closed: Promise<{ code: number; reason: string; afterMs: number }>;
  markTime: () => void;
};

function open(integrationId: string, token: string): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${wsBase}/api/aiflow/${integrationId}/ws`, { headers: { "x-api-token": token } });
    const frames: unknown[] = [];
    let since = performance.now();
    ws.on("message", (data) => frames.push(JSON.parse(String(data))));
    const closed = new Promise<{ code: number; reason: string; afterMs: number }>((done) =>
      ws.once("close", (code, reason) => done({ code, reason: reason.toString(), afterMs: performance.now() - since })),
    );
    ws.once("open", () => resolve({ ws, frames, closed, markTime: () => (since = performance.now()) }));
    ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once("error", reject);
  });
}

const stillOpenAfter = async (socket: Opened, ms: number) => {
  const outcome = await Promise.race([
    socket.closed,
    new Promise<"open">((resolve) => setTimeout(() => resolve("open"), ms)),
  ]);
  return outcome === "open" && socket.ws.readyState === WebSocket.OPEN;
};

async function newEndpoint() {
  const created = await createIntegration(database.db, orgId, cliActor, {
    provider: "aiflow",
    name: `Assistant ${randomUUID().slice(0, 6)}`,
  });
  return { id: created.id, secret: created.secret };
}

/** What another process's rotation writes (this process's caches are not told). */
async function rotateElsewhere(id: string, previousSecret: string, graceUntil: Date) {
  const secret = newSecret("sbt");
  await database.db
    .update(integrations)
    .set({
      secretHash: hashSecret(secret),
      previousSecretHash: hashSecret(previousSecret),
      previousSecretExpiresAt: graceUntil,
    })
    .where(and(eq(integrations.orgId, orgId), eq(integrations.id, id)));
  return secret;
}

describe("open AI Flow sockets and revocation", () => {
  it("closes a socket within seconds when another process disables the integration", { timeout: 20_000 }, async () => {
    const endpoint = await newEndpoint();
    const socket = await open(endpoint.id, endpoint.secret);
    socket.ws.send(
      JSON.stringify({ type: "session_start", session: { id: randomUUID(), phone_number: "+4930999999" } }),
    );
    for (let i = 0; i < 100 && socket.frames.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(socket.frames).toHaveLength(1);

    socket.markTime();
    await database.db
      .update(integrations)
      .set({ isEnabled: false })
      .where(and(eq(integrations.orgId, orgId), eq(integrations.id, endpoint.id)));
    const closed = await socket.closed;
    expect(closed).toMatchObject({ code: REVOKED_CLOSE_CODE, reason: expect.stringMatching(/disabled/i) });
    expect(closed.afterMs).toBeLessThan(5000);
  });

  it("closes a socket at once when this process disables the integration", async () => {
    const endpoint = await newEndpoint();
    const socket = await open(endpoint.id, endpoint.secret);
    socket.markTime();
    await setIntegrationEnabled(database.db, orgId, endpoint.id, false, cliActor);
    const closed = await socket.closed;
    expect(closed.code).toBe(REVOKED_CLOSE_CODE);
    expect(closed.afterMs).toBeLessThan(1000);
  });

  it(
    "closes sockets opened with a token that was rotated; the old token opens new ones until its grace ends",
    { timeout: 30_000 },
    async () => {
      const endpoint = await newEndpoint();
      const before = await open(endpoint.id, endpoint.secret);
      before.markTime();
      const graceUntil = new Date(Date.now() + 24 * 60 * 60 * 1000);
      const secret = await rotateElsewhere(endpoint.id, endpoint.secret, graceUntil);
      const closed = await before.closed;
      expect(closed).toMatchObject({ code: REVOKED_CLOSE_CODE, reason: expect.stringMatching(/rotated/i) });
      expect(closed.afterMs).toBeLessThan(5000);

      // The vendor switching over: the new token, and for 24 hours the old one, open new sockets.
      const withNew = await open(endpoint.id, secret);
      const withOld = await open(endpoint.id, endpoint.secret);
      expect(await stillOpenAfter(withOld, 3000)).toBe(true);
      // The grace ends (another rotation, or its time): the old token's socket closes, the new one's stays.
      withOld.markTime();
      await database.db
        .update(integrations)
        .set({ previousSecretExpiresAt: new Date(Date.now() - 1000) })
        .where(and(eq(integrations.orgId, orgId), eq(integrations.id, endpoint.id)));
      expect((await withOld.closed).code).toBe(REVOKED_CLOSE_CODE);
      expect(await stillOpenAfter(withNew, 500)).toBe(true);
      withNew.ws.close();
    },
  );

  it("closes a socket whose integration was deleted", { timeout: 20_000 }, async () => {
    const endpoint = await newEndpoint();
    const socket = await open(endpoint.id, endpoint.secret);
    await database.db.delete(integrations).where(and(eq(integrations.orgId, orgId), eq(integrations.id, endpoint.id)));
    expect((await socket.closed).code).toBe(REVOKED_CLOSE_CODE);
  });

  it("refuses and stores nothing for events that arrive on a socket once it is revoked", async () => {
    const endpoint = await newEndpoint();
    const socket = await open(endpoint.id, endpoint.secret);
    await database.db
      .update(integrations)
      .set({ isEnabled: false })
      .where(and(eq(integrations.orgId, orgId), eq(integrations.id, endpoint.id)));
    await recheckOpenSockets();
    // Sent before this client has read the close frame: the server must not take it.
    const id = randomUUID();
    expect(socket.ws.readyState).toBe(WebSocket.OPEN);
    socket.ws.send(JSON.stringify({ type: "session_start", session: { id, phone_number: "+4930999999" } }));
    expect((await socket.closed).code).toBe(REVOKED_CLOSE_CODE);
    await new Promise((r) => setTimeout(r, 200));
    expect(await database.db.select().from(voiceSessions).where(eq(voiceSessions.externalId, id))).toEqual([]);
    expect(socket.frames).toEqual([]);
  });

  it("checks every open socket of the process with one query, whatever their number", async () => {
    const counted = await countingDb(database.raw);
    setDatabase({ ...database, db: counted.db });
    try {
      const [a, b] = [await newEndpoint(), await newEndpoint()];
      const sockets = [
        await open(a.id, a.secret),
        await open(a.id, a.secret),
        await open(b.id, b.secret),
        await open(b.id, b.secret),
      ];
      const before = counted.statements();
      await recheckOpenSockets();
      expect(counted.statements() - before).toBe(1);
      for (const socket of sockets) socket.ws.close();
    } finally {
      setDatabase(database);
    }
  });

  it("keeps sockets whose credential still holds open across checks", { timeout: 20_000 }, async () => {
    const endpoint = await newEndpoint();
    const socket = await open(endpoint.id, endpoint.secret);
    await recheckOpenSockets();
    await recheckOpenSockets();
    expect(await stillOpenAfter(socket, 2500)).toBe(true);
    socket.ws.close();
  });
});
