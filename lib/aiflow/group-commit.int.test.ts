import { randomUUID } from "node:crypto";

import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";

import { cliActor } from "@/lib/audit/record";
import type { DbHandle } from "@/lib/db/client";
import { voiceEvents, voiceSessions } from "@/lib/db/schema";
import { createFlow } from "@/lib/flows/create-flow";
import { echoFlow } from "@/lib/flows/examples/echo";
import { publishFlow } from "@/lib/flows/publish-flow";
import { flowDocumentSchema } from "@/lib/flows/schema";
import { createIntegration } from "@/lib/integrations/create-integration";
import { makeOrg } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";

import { dispatchEvent, forgetLiveSessions, setSessionEndedHandler } from "./dispatch";
import { parseEvent } from "./protocol";
import { saveAiFlowConfig } from "./save-config";
import { sessionEventCount } from "./session-latest";
import { verifyAiFlowToken, type AiFlowIntegration } from "./verify-token";

// The group commit writes the events of many sessions in one statement. A session deleted while
// its call runs must not take the other sessions' events down with it.

const NUMBER = "+4930123456";
let database: DbHandle;
let integration: AiFlowIntegration;
let orgId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  setSessionEndedHandler(() => undefined);
  const org = await makeOrg(database.db);
  orgId = org.id;
  const flow = await createFlow(database.db, org.id, cliActor, {
    name: "Echo",
    document: flowDocumentSchema.parse(echoFlow),
  });
  await publishFlow(database.db, org.id, cliActor, { flowId: flow.id });
  const created = await createIntegration(database.db, org.id, cliActor, { provider: "aiflow", name: "Assistant" });
  await saveAiFlowConfig(database.db, org.id, cliActor, created.id, { routes: [{ number: NUMBER, flowId: flow.id }] });
  const verified = await verifyAiFlowToken(database.db, created.id, created.secret);
  if (!verified) throw new Error("token not verified");
  integration = verified;
});

afterAll(async () => {
  await database.close();
});

const event = (body: unknown) => {
  const parsed = parseEvent(body);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.event;
};

it("writes the other sessions' events when one session was deleted during its call", async () => {
  const ids = Array.from({ length: 6 }, () => randomUUID());
  for (const id of ids) {
    const started = await dispatchEvent(
      database.db,
      integration,
      event({ type: "session_start", session: { id, phone_number: NUMBER } }),
    );
    expect(started.ok).toBe(true);
  }
  const [gone, ...kept] = ids;
  await database.db.delete(voiceSessions).where(eq(voiceSessions.externalId, gone ?? ""));

  // All at once, so that they share statements with the event of the deleted session.
  const replies = await Promise.all(
    ids.map((id) =>
      dispatchEvent(database.db, integration, event({ type: "user_speak", text: `hello from ${id}`, session: { id } })),
    ),
  );
  expect(replies[0]).toMatchObject({ ok: false, status: 400, field: "session.id" });
  for (const [i, reply] of replies.slice(1).entries()) {
    expect(reply).toMatchObject({
      ok: true,
      actions: [{ type: "speak", text: `You said: hello from ${kept[i]}. How else can I help?` }],
    });
  }
  for (const id of kept) {
    const [session] = await database.db.select().from(voiceSessions).where(eq(voiceSessions.externalId, id));
    const events = await database.db
      .select({ seq: voiceEvents.seq, type: voiceEvents.type })
      .from(voiceEvents)
      .where(and(eq(voiceEvents.orgId, orgId), eq(voiceEvents.sessionId, session?.id ?? "")))
      .orderBy(asc(voiceEvents.seq));
    expect(events).toEqual([
      { seq: 1, type: "session_start" },
      { seq: 2, type: "user_speak" },
    ]);
  }
});

it("continues a session that was running when the database was upgraded (its events carry no state)", async () => {
  const id = randomUUID();
  await dispatchEvent(
    database.db,
    integration,
    event({ type: "session_start", session: { id, phone_number: NUMBER } }),
  );
  const [session] = await database.db.select().from(voiceSessions).where(eq(voiceSessions.externalId, id));
  // Before migration 0005 the session row held the state and events had none.
  await database.db
    .update(voiceEvents)
    .set({ state: null })
    .where(eq(voiceEvents.sessionId, session?.id ?? ""));
  forgetLiveSessions(database.db); // another process, or this one restarted
  const reply = await dispatchEvent(
    database.db,
    integration,
    event({ type: "user_speak", text: "still there?", session: { id } }),
  );
  expect(reply).toMatchObject({ ok: true, actions: [{ text: "You said: still there?. How else can I help?" }] });
  const events = await database.db
    .select({ seq: voiceEvents.seq })
    .from(voiceEvents)
    .where(eq(voiceEvents.sessionId, session?.id ?? ""))
    .orderBy(asc(voiceEvents.seq));
  expect(events.map((e) => e.seq)).toEqual([1, 2]);
});

it("counts a session's events from its own rows, also in a select from the sessions table alone", async () => {
  // Drizzle leaves the table name off in a one-table select; the subquery must still refer to the session.
  expect(database.db.select({ n: sessionEventCount }).from(voiceSessions).toSQL().sql).toContain(
    'e.session_id = "voice_sessions"."id"',
  );
  const rows = await database.db
    .select({ id: voiceSessions.externalId, n: sessionEventCount })
    .from(voiceSessions)
    .where(eq(voiceSessions.orgId, orgId));
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    const [session] = await database.db.select().from(voiceSessions).where(eq(voiceSessions.externalId, row.id));
    const events = await database.db
      .select({ seq: voiceEvents.seq })
      .from(voiceEvents)
      .where(eq(voiceEvents.sessionId, session?.id ?? ""));
    expect(row.n).toBe(Math.max(...events.map((e) => e.seq), session?.seq ?? 0));
  }
});
