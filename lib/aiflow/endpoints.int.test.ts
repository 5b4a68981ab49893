import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { and, asc, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";

import { cliActor } from "@/lib/audit/record";
import { setDatabase, wrapClient, type DbHandle } from "@/lib/db/client";
import { calls, flows, transcriptSegments, voiceEvents, voiceSessions } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { createFlow } from "@/lib/flows/create-flow";
import { echoFlow } from "@/lib/flows/examples/echo";
import { receptionFlow } from "@/lib/flows/examples/reception";
import { publishFlow } from "@/lib/flows/publish-flow";
import { listFlows } from "@/lib/flows/queries";
import { flowDocumentSchema } from "@/lib/flows/schema";
import { createIntegration } from "@/lib/integrations/create-integration";
import { fastRoutes, findRoute, upgradeRoutes } from "@/lib/server/fast-path";
import { makeOrg } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";

import { commitStats, dispatchEvent, setSessionEndedHandler } from "./dispatch";
import { parseEvent } from "./protocol";
import { saveAiFlowConfig } from "./save-config";
import { sessionToCall } from "./session-to-call";
import { verifyAiFlowToken } from "./verify-token";

// The AI Flow endpoints over real HTTP and WebSocket, served by the same fast-path routes as
// server.ts, on a real database: the seed's events, wrong tokens, bad events, concurrent events
// of one session, and a second process taking over a running session.

const NUMBER = "+4930123456";
let database: DbHandle;
let server: Server;
let base: string;
let org: { id: string };
let integration: { id: string; secret: string };
let echoFlowId: string;
const ended: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase(database);
  setSessionEndedHandler((_orgId, sessionId) => ended.push(sessionId));
  org = await makeOrg(database.db);
  const flow = await createFlow(database.db, org.id, cliActor, {
    name: "Echo",
    document: flowDocumentSchema.parse(echoFlow),
  });
  echoFlowId = flow.id;
  expect(await publishFlow(database.db, org.id, cliActor, { flowId: flow.id })).toEqual({ published: { version: 1 } });
  integration = await createIntegration(database.db, org.id, cliActor, { provider: "aiflow", name: "Assistant" });
  await saveAiFlowConfig(database.db, org.id, cliActor, integration.id, {
    routes: [{ number: NUMBER, flowId: flow.id }],
  });

  server = createServer((req, res) => {
    const found = findRoute(fastRoutes, (req.url ?? "/").split("?")[0] ?? "/");
    if (!found || !found.route.methods.includes(req.method ?? "GET")) {
      res.writeHead(404).end();
      return;
    }
    found.route.handle(req, res, found.params).catch((error: unknown) => {
      console.error(error);
      res.writeHead(500).end();
    });
  });
  server.on("upgrade", (req, socket, head) => {
    const found = findRoute(upgradeRoutes, (req.url ?? "/").split("?")[0] ?? "/");
    if (!found) return void socket.destroy();
    void found.route.handle(req, socket, head, found.params);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no address");
  base = `http://127.0.0.1:${(address satisfies AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await database.close();
});

const session = (id: string, extra: Record<string, string> = {}) => ({
  id,
  account_id: "account-123",
  phone_number: NUMBER,
  direction: "inbound",
  from_phone_number: "+9876543210",
  to_phone_number: NUMBER,
  ...extra,
});

async function post(
  body: unknown,
  options: { token?: string; integrationId?: string; raw?: string; contentType?: string } = {},
) {
  const response = await fetch(`${base}/api/aiflow/${options.integrationId ?? integration.id}`, {
    method: "POST",
    headers: {
      "content-type": options.contentType ?? "application/json",
      ...(options.token === "" ? {} : { "x-api-token": options.token ?? integration.secret }),
    },
    body: options.raw ?? JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

async function eventsOf(externalId: string) {
  const [s] = await database.db.select().from(voiceSessions).where(eq(voiceSessions.externalId, externalId));
  if (!s) return { session: undefined, events: [] };
  const events = await database.db
    .select()
    .from(voiceEvents)
    .where(and(eq(voiceEvents.orgId, org.id), eq(voiceEvents.sessionId, s.id)))
    .orderBy(asc(voiceEvents.seq));
  return { session: s, events };
}

describe("POST /api/aiflow/[id]", () => {
  it("answers the seed's events in order and stores each with its actions before replying", async () => {
    const id = "550e8400-e29b-41d4-a716-446655440000";
    const start = await post({ type: "session_start", session: session(id) });
    expect(start).toEqual({
      status: 200,
      body: {
        type: "speak",
        session_id: id,
        text: "Welcome to AI Flow! How can I help you today?",
        barge_in: { strategy: "minimum_characters", minimum_characters: 3 },
        user_input_timeout_seconds: 8,
      },
    });
    // Acknowledged means committed: the event is there the moment the reply arrives.
    expect((await eventsOf(id)).events).toHaveLength(1);

    const speak = await post({
      type: "user_speak",
      text: "Hello, I need help",
      session: { id, account_id: "account-123", phone_number: NUMBER },
    });
    expect(speak.status).toBe(200);
    expect(speak.body).toMatchObject({
      type: "speak",
      session_id: id,
      text: "You said: Hello, I need help. How else can I help?",
      user_input_timeout_seconds: 5,
    });

    expect(
      await post({
        type: "assistant_speak",
        text: "You said...",
        duration_ms: 2000,
        speech_started_at: 1234567890,
        session: { id },
      }),
    ).toEqual({ status: 204, body: undefined });
    expect(await post({ type: "assistant_speech_ended", session: { id } })).toEqual({ status: 204, body: undefined });
    const timeout = await post({ type: "user_input_timeout", session: session(id) });
    expect(timeout.body).toMatchObject({
      type: "speak",
      text: "I didn't hear anything. Please respond.",
      user_input_timeout_seconds: 5,
    });
    const barged = await post({ type: "user_speak", text: "Wait", barged_in: true, session: { id } });
    expect(barged.body).toMatchObject({ type: "speak", text: "You said: Wait. How else can I help?" });
    const bye = await post({ type: "user_speak", transcript: "goodbye", session: { id } });
    expect(bye.body).toMatchObject({ type: "speak", text: "Goodbye! Have a great day!" });
    // The hangup waits until the goodbye has been heard.
    expect((await post({ type: "assistant_speech_ended", session: { id } })).body).toEqual({
      type: "hangup",
      session_id: id,
    });
    expect(await post({ type: "session_end", reason: "hangup", session: { id } })).toEqual({
      status: 204,
      body: undefined,
    });
    // After the end: no answer, and nothing stored.
    expect(await post({ type: "user_speak", text: "hello?", session: { id } })).toEqual({
      status: 204,
      body: undefined,
    });

    const { session: stored, events } = await eventsOf(id);
    expect(stored).toMatchObject({
      status: "ended",
      endReason: "hangup",
      seq: 9,
      flowId: echoFlowId,
      flowVersion: 1,
      callerNumber: "+9876543210",
      phoneNumber: NUMBER,
    });
    expect(events.map((e) => [e.seq, e.type, e.actions.length])).toEqual([
      [1, "session_start", 1],
      [2, "user_speak", 1],
      [3, "assistant_speak", 0],
      [4, "assistant_speech_ended", 0],
      [5, "user_input_timeout", 1],
      [6, "user_speak", 1],
      [7, "user_speak", 1],
      [8, "assistant_speech_ended", 1],
      [9, "session_end", 0],
    ]);
    expect(events.every((e) => e.durationMs >= 0)).toBe(true);
    expect(ended).toContain(stored?.id);
  });

  it("answers a wrong, missing or another integration's token with 401 and writes nothing", async () => {
    const other = await createIntegration(database.db, org.id, cliActor, { provider: "aiflow", name: "Other" });
    const event = { type: "session_start", session: session(randomUUID()) };
    for (const attempt of [
      { token: "" },
      { token: "sbt_wrong" },
      { token: other.secret },
      { integrationId: randomUUID() },
      { integrationId: "not-a-uuid" },
    ]) {
      expect(await post(event, attempt)).toEqual({ status: 401, body: { error: "Unauthorized" } });
    }
    expect((await eventsOf(event.session.id)).session).toBeUndefined();
    // A hook integration's id with its own key is not an AI Flow endpoint either.
    const hook = await createIntegration(database.db, org.id, cliActor, { provider: "sipgate", name: "Hook" });
    expect((await post(event, { integrationId: hook.id, token: hook.secret })).status).toBe(401);
  });

  it("refuses bad events with 400 naming the field, and writes nothing", async () => {
    const id = randomUUID();
    const cases: Array<[unknown, string]> = [
      [{ session: session(id) }, "type"],
      [{ type: "user_shout", session: session(id) }, "type"],
      [{ type: "session_start" }, "session"],
      [{ type: "session_start", session: { account_id: "a" } }, "session.id"],
      [{ type: "session_start", session: { id: "" } }, "session.id"],
      [{ type: "user_speak", session: { id } }, "text"],
      [{ type: "dtmf_received", digit: "12", session: { id } }, "digit"],
      [[{ type: "session_start", session: session(id) }], "_"],
    ];
    for (const [body, field] of cases) {
      const reply = await post(body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body).toMatchObject({ field });
      expect(JSON.stringify(reply.body)).toContain(field === "_" ? "object" : field);
    }
    expect(await post(undefined, { raw: "{not json" })).toMatchObject({ status: 400, body: { field: "_" } });
    expect((await post(undefined, { raw: "x=1", contentType: "application/x-www-form-urlencoded" })).status).toBe(415);
    // An event of a session that never started.
    expect(await post({ type: "user_speak", text: "hi", session: { id } })).toMatchObject({
      status: 400,
      body: { field: "session.id" },
    });
    expect((await eventsOf(id)).session).toBeUndefined();
  });

  it("handles concurrent events of one session one after the other, each on the state the previous left", async () => {
    const id = randomUUID();
    await post({ type: "session_start", session: session(id) });
    const texts = Array.from({ length: 12 }, (_, i) => `message number ${i}`);
    const replies = await Promise.all(texts.map((text) => post({ type: "user_speak", text, session: { id } })));
    replies.forEach((reply, i) =>
      expect(reply.body).toMatchObject({ text: `You said: ${texts[i]}. How else can I help?` }),
    );
    const { session: stored, events } = await eventsOf(id);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    // The session row is written at the start; each event carries the state after it.
    expect(stored).toMatchObject({ seq: 1, status: "active" });
    expect(events.every((e) => e.state?.v === 1 && e.state.ended === false)).toBe(true);
    // Each stored event carries the reply to its own words.
    for (const e of events.slice(1)) {
      const said = parseEvent(e.event);
      expect(said.ok && said.event.type === "user_speak" ? e.actions : []).toMatchObject([
        {
          text: `You said: ${said.ok && said.event.type === "user_speak" ? said.event.text : "?"}. How else can I help?`,
        },
      ]);
    }
  });

  it("groups the commits of concurrent sessions into fewer statements", async () => {
    const verified = await verifyAiFlowToken(database.db, integration.id, integration.secret);
    if (!verified) throw new Error("token not verified");
    const before = { ...commitStats(database.db) };
    const replies = await Promise.all(
      Array.from({ length: 40 }, () => {
        const parsed = parseEvent({ type: "session_start", session: session(randomUUID()) });
        if (!parsed.ok) throw new Error(parsed.error);
        return dispatchEvent(database.db, verified, parsed.event);
      }),
    );
    expect(replies.every((r) => r.ok && r.actions.length === 1)).toBe(true);
    const after = commitStats(database.db);
    expect(after.writes - before.writes).toBe(40);
    expect(after.batches - before.batches).toBeLessThan(40);
  });

  it("answers every event after session_end with 204 and stores none, in this process or another", async () => {
    const verified = await verifyAiFlowToken(database.db, integration.id, integration.secret);
    if (!verified) throw new Error("token not verified");
    // A second process that took part in the call, so it still holds the session as it was.
    const other: Db = await wrapClient(database.raw);
    const id = randomUUID();
    await post({ type: "session_start", session: session(id) });
    const heard = parseEvent({ type: "user_speak", text: "hello", session: { id } });
    if (!heard.ok) throw new Error(heard.error);
    expect(await dispatchEvent(other, verified, heard.event)).toMatchObject({ ok: true, actions: [{ type: "speak" }] });
    expect(await post({ type: "session_end", reason: "hangup", session: { id } })).toEqual({
      status: 204,
      body: undefined,
    });
    const endedBefore = ended.length;

    for (const late of [
      { type: "user_speak", text: "hello?", session: { id } },
      { type: "user_input_timeout", session: { id } },
      { type: "dtmf_received", digit: "1", session: { id } },
      { type: "session_end", session: { id } },
      { type: "session_start", session: session(id) },
    ]) {
      expect(await post(late), late.type).toEqual({ status: 204, body: undefined });
      const parsed = parseEvent(late);
      if (!parsed.ok) throw new Error(parsed.error);
      expect(await dispatchEvent(other, verified, parsed.event), late.type).toEqual({ ok: true, actions: [] });
    }
    expect((await eventsOf(id)).events.map((e) => e.type)).toEqual(["session_start", "user_speak", "session_end"]);
    expect(ended).toHaveLength(endedBefore); // the call is made once
  });

  it("takes no more events for a session closed without session_end (made into a call after a long silence)", async () => {
    const verified = await verifyAiFlowToken(database.db, integration.id, integration.secret);
    if (!verified) throw new Error("token not verified");
    const id = randomUUID();
    await post({ type: "session_start", session: session(id) });
    const { session: stored } = await eventsOf(id);
    if (!stored) throw new Error("no session");
    await database.db
      .update(voiceSessions)
      .set({ status: "ended", endReason: "no session_end" })
      .where(and(eq(voiceSessions.orgId, org.id), eq(voiceSessions.id, stored.id)));
    const parsed = parseEvent({ type: "user_speak", text: "hello?", session: { id } });
    if (!parsed.ok) throw new Error(parsed.error);
    expect(await dispatchEvent(await wrapClient(database.raw), verified, parsed.event)).toEqual({
      ok: true,
      actions: [],
    });
    expect((await eventsOf(id)).events).toHaveLength(1);
  });

  it("answers a late event of a session it ended from memory, without reading the session again", async () => {
    const id = randomUUID();
    await post({ type: "session_start", session: session(id) });
    await post({ type: "session_end", session: { id } });
    // Were the session read again, it would be missing now, and the event refused with 400.
    const { session: stored } = await eventsOf(id);
    if (!stored) throw new Error("no session");
    await database.db
      .delete(voiceSessions)
      .where(and(eq(voiceSessions.orgId, org.id), eq(voiceSessions.id, stored.id)));
    expect(await post({ type: "user_speak", text: "still there?", session: { id } })).toEqual({
      status: 204,
      body: undefined,
    });
  });

  it("answers a repeated session_start with the same greeting and stores it once", async () => {
    const id = randomUUID();
    const first = await post({ type: "session_start", session: session(id) });
    const again = await post({ type: "session_start", session: session(id) });
    expect(again).toEqual(first);
    expect((await eventsOf(id)).events).toHaveLength(1);
  });

  it("keeps a running session on its version while new sessions start on the newly published one", async () => {
    const id = randomUUID();
    await post({ type: "session_start", session: session(id) });
    const [flow] = await database.db.select().from(flows).where(eq(flows.id, echoFlowId));
    if (!flow) throw new Error("flow missing");
    const draft = structuredClone(flow.draft);
    const welcome = draft.nodes.find((n) => n.id === "again");
    if (welcome?.kind !== "ask") throw new Error("echo flow changed");
    welcome.text = "What else?";
    await database.db.update(flows).set({ draft }).where(eq(flows.id, echoFlowId));
    expect(await publishFlow(database.db, org.id, cliActor, { flowId: echoFlowId, note: "shorter" })).toEqual({
      published: { version: 2 },
    });

    expect((await post({ type: "user_speak", text: "old", session: { id } })).body).toMatchObject({
      text: "You said: old. How else can I help?",
    });
    const fresh = randomUUID();
    await post({ type: "session_start", session: session(fresh) });
    expect((await post({ type: "user_speak", text: "new", session: { id: fresh } })).body).toMatchObject({
      text: "You said: new. What else?",
    });
    expect((await eventsOf(fresh)).session?.flowVersion).toBe(2);
    expect((await eventsOf(id)).session?.flowVersion).toBe(1);
  });

  it("answers a number without a flow with the integration's fallback: a message then hangup, or a transfer", async () => {
    const id = randomUUID();
    const other = { phone_number: "+4940111111", to_phone_number: "+4940111111" };
    expect((await post({ type: "session_start", session: session(id, other) })).body).toMatchObject({
      type: "speak",
      text: "Sorry, this number is not in service right now. Goodbye.",
    });
    expect((await post({ type: "assistant_speech_ended", session: { id } })).body).toEqual({
      type: "hangup",
      session_id: id,
    });

    await saveAiFlowConfig(database.db, org.id, cliActor, integration.id, {
      routes: [{ number: NUMBER, flowId: echoFlowId }],
      fallback: {
        kind: "transfer",
        target: "+493012345678",
        callerIdName: "Front desk",
        callerIdNumber: "+493012345600",
      },
    });
    const next = randomUUID();
    expect((await post({ type: "session_start", session: session(next, other) })).body).toEqual({
      type: "transfer",
      session_id: next,
      target_phone_number: "+493012345678",
      caller_id_name: "Front desk",
      caller_id_number: "+493012345600",
    });
    await saveAiFlowConfig(database.db, org.id, cliActor, integration.id, {
      routes: [{ number: NUMBER, flowId: echoFlowId }],
    });
  });
});

describe("WebSocket /api/aiflow/[id]/ws", () => {
  const open = (token: string | undefined) =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`${base.replace("http", "ws")}/api/aiflow/${integration.id}/ws`, {
        headers: token ? { "x-api-token": token } : {},
      });
      ws.once("open", () => resolve(ws));
      ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once("error", reject);
    });

  it("refuses the upgrade with 401 for a wrong or missing token", async () => {
    await expect(open("sbt_wrong")).rejects.toThrow("HTTP 401");
    await expect(open(undefined)).rejects.toThrow("HTTP 401");
  });

  it("answers the seed's events on the same socket, one frame per reply, none for no action", async () => {
    const ws = await open(integration.secret);
    const frames: unknown[] = [];
    ws.on("message", (data) => frames.push(JSON.parse(String(data))));
    const id = randomUUID();
    const send = (event: object) => ws.send(JSON.stringify(event));
    const waitFor = async (count: number) => {
      for (let i = 0; i < 200 && frames.length < count; i++) await new Promise((r) => setTimeout(r, 10));
      expect(frames).toHaveLength(count);
    };
    // Sent back to back: the events of a session are handled in order all the same.
    send({ type: "session_start", session: session(id) });
    send({ type: "user_speak", text: "Hello", session: { id } });
    send({ type: "assistant_speak", text: "You said: Hello", duration_ms: 900, session: { id } });
    send({ type: "user_speak", text: "please transfer me to an agent", session: { id } });
    await waitFor(3);
    expect(frames[0]).toMatchObject({
      type: "speak",
      session_id: id,
      text: "Welcome to AI Flow! How can I help you today?",
    });
    expect(frames[1]).toMatchObject({ type: "speak", text: expect.stringMatching(/^You said: Hello\. /) });
    expect(frames[2]).toEqual({
      type: "transfer",
      session_id: id,
      target_phone_number: "+1234567890",
      caller_id_name: "Support Team",
      caller_id_number: "+1234567890",
    });
    send({ type: "user_speak", session: { id } });
    await waitFor(4);
    expect(frames[3]).toMatchObject({ field: "text" });
    send({ type: "session_end", session: { id } });
    send({ type: "user_speak", text: "anyone?", session: { id } });
    send({ type: "user_input_timeout", session: { id } });
    await new Promise((r) => setTimeout(r, 200));
    expect(frames).toHaveLength(4);
    ws.close();
    const { events } = await eventsOf(id);
    expect(events.map((e) => e.type)).toEqual([
      "session_start",
      "user_speak",
      "assistant_speak",
      "user_speak",
      "session_end",
    ]);
  });
});

describe("durable sessions", () => {
  it("lets another process take the next event of a running session, and a restarted one continue it", async () => {
    const db: Db = database.db;
    // A second process: its own dispatcher and caches over the same database.
    const other: Db = await wrapClient(database.raw);
    const verified = await verifyAiFlowToken(db, integration.id, integration.secret);
    if (!verified) throw new Error("token not verified");
    const id = randomUUID();
    const event = (body: unknown) => {
      const parsed = parseEvent(body);
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed.event;
    };
    const a = await dispatchEvent(db, verified, event({ type: "session_start", session: session(id) }));
    expect(a).toMatchObject({ ok: true, actions: [{ text: "Welcome to AI Flow! How can I help you today?" }] });
    // Three silences, alternating between the processes: the third ends the call either way.
    const t1 = await dispatchEvent(other, verified, event({ type: "user_input_timeout", session: { id } }));
    const t2 = await dispatchEvent(db, verified, event({ type: "user_input_timeout", session: { id } }));
    const t3 = await dispatchEvent(other, verified, event({ type: "user_input_timeout", session: { id } }));
    expect([t1, t2].map((t) => (t.ok ? t.actions[0]?.type : "error"))).toEqual(["speak", "speak"]);
    expect(t3).toEqual({ ok: true, actions: [{ type: "hangup", session_id: id }] });
    const { events } = await eventsOf(id);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  it("turns an ended session into an inbox call with its conversation and flow version", async () => {
    const id = randomUUID();
    await post({ type: "session_start", session: session(id) });
    await post({ type: "user_speak", text: "Where is my parcel?", session: { id } });
    await post({ type: "user_speak", text: "goodbye", session: { id } });
    await post({ type: "assistant_speech_ended", session: { id } });
    await post({ type: "session_end", session: { id } });
    const { session: stored } = await eventsOf(id);
    if (!stored) throw new Error("no session");
    const made = await sessionToCall(database.db, org.id, stored.id);
    if (!made) throw new Error("no call");
    expect(made.summaryId).toBeDefined();
    const [call] = await database.db
      .select()
      .from(calls)
      .where(and(eq(calls.orgId, org.id), eq(calls.id, made.callId)));
    expect(call).toMatchObject({ provider: "aiflow", vendorCallId: id, direction: "inbound", channel: "Assistant" });
    expect(call?.note).toContain("Echo (version");
    const segments = await database.db
      .select({ text: transcriptSegments.text, role: transcriptSegments.speakerRole })
      .from(transcriptSegments)
      .where(and(eq(transcriptSegments.orgId, org.id), eq(transcriptSegments.callId, made.callId)))
      .orderBy(asc(transcriptSegments.seq));
    expect(segments).toEqual([
      { role: "assistant", text: "Welcome to AI Flow! How can I help you today?" },
      { role: "caller", text: "Where is my parcel?" },
      { role: "assistant", text: "You said: Where is my parcel?. What else?" },
      { role: "caller", text: "goodbye" },
      { role: "assistant", text: "Goodbye! Have a great day!" },
    ]);
    // Made once: asking again returns the same call.
    expect((await sessionToCall(database.db, org.id, stored.id))?.callId).toBe(made.callId);
    // Another organisation cannot reach the session.
    const stranger = await makeOrg(database.db, "Stranger");
    expect(await sessionToCall(database.db, stranger.id, stored.id)).toBeUndefined();
  });

  it("serves the demo Reception flow's global phrase from the middle of a conversation", async () => {
    const flow = await createFlow(database.db, org.id, cliActor, {
      name: "Reception",
      document: flowDocumentSchema.parse(receptionFlow),
    });
    await publishFlow(database.db, org.id, cliActor, { flowId: flow.id });
    await saveAiFlowConfig(database.db, org.id, cliActor, integration.id, {
      routes: [
        { number: NUMBER, flowId: echoFlowId },
        { number: "+4989000000", flowId: flow.id },
      ],
    });
    const id = randomUUID();
    const s = session(id, { phone_number: "+49 89 000000" });
    expect((await post({ type: "session_start", session: s })).body).toMatchObject({
      text: expect.stringContaining("Welcome to Demo Company."),
    });
    expect((await post({ type: "user_speak", text: "I want to leave a message", session: { id } })).body).toMatchObject(
      { text: expect.stringContaining("say your message") },
    );
    expect(
      (await post({ type: "user_speak", text: "Actually, get me an operator", session: { id } })).body,
    ).toMatchObject({ text: "One moment, I am connecting you." });
    expect((await post({ type: "assistant_speech_ended", session: { id } })).body).toMatchObject({
      type: "transfer",
      target_phone_number: "+493012345678",
    });
  });
});

describe("the flows list", () => {
  it("counts each flow's sessions and names the numbers that use it", async () => {
    const rows = await listFlows(database.db, org.id);
    const echo = rows.find((r) => r.id === echoFlowId);
    const [{ n } = { n: 0 }] = await database.db
      .select({ n: count() })
      .from(voiceSessions)
      .where(and(eq(voiceSessions.orgId, org.id), eq(voiceSessions.flowId, echoFlowId)));
    expect(n).toBeGreaterThan(5);
    expect(echo).toMatchObject({
      sessions: n,
      liveVersion: 2,
      numbers: [{ number: NUMBER, integrationName: "Assistant" }],
    });
  });
});
