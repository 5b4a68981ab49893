import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { dispatchEvent, setSessionEndedHandler } from "@/lib/aiflow/dispatch";
import { parseEvent } from "@/lib/aiflow/protocol";
import { saveAiFlowConfig } from "@/lib/aiflow/save-config";
import { verifyAiFlowToken, type AiFlowIntegration } from "@/lib/aiflow/verify-token";
import { cliActor } from "@/lib/audit/record";
import type { DbHandle } from "@/lib/db/client";
import { echoFlow } from "@/lib/flows/examples/echo";
import { createIntegration } from "@/lib/integrations/create-integration";
import { makeOrg } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";

import { createFlow } from "./create-flow";
import { publishFlow } from "./publish-flow";
import { flowDocumentSchema } from "./schema";
import { getSessionRecording, listFlowSessions } from "./sessions";

// Sessions made the way production makes them: AI Flow events through the dispatcher.

const NUMBER = "+4930555000";
const CALLER = "+491701234567";
let database: DbHandle;
let orgId: string;
let flowId: string;
let integration: AiFlowIntegration;

beforeAll(async () => {
  database = await createTestDatabase();
  setSessionEndedHandler(() => undefined);
  const org = await makeOrg(database.db);
  orgId = org.id;
  flowId = (
    await createFlow(database.db, orgId, cliActor, { name: "Echo", document: flowDocumentSchema.parse(echoFlow) })
  ).id;
  await publishFlow(database.db, orgId, cliActor, { flowId });
  const created = await createIntegration(database.db, orgId, cliActor, { provider: "aiflow", name: "Assistant" });
  await saveAiFlowConfig(database.db, orgId, cliActor, created.id, { routes: [{ number: NUMBER, flowId }] });
  const verified = await verifyAiFlowToken(database.db, created.id, created.secret);
  if (!verified) throw new Error("token not verified");
  integration = verified;
});
afterAll(async () => database.close());

async function send(body: unknown) {
  const parsed = parseEvent(body);
  if (!parsed.ok) throw new Error(parsed.error);
  const outcome = await dispatchEvent(database.db, integration, parsed.event);
  if (!outcome.ok) throw new Error(outcome.error);
}

/** A call: start, what the caller says, and (unless still running) goodbye and the end. */
async function call(utterances: string[], options: { isEnded?: boolean } = {}) {
  const id = randomUUID();
  await send({
    type: "session_start",
    session: {
      id,
      account_id: "acc",
      phone_number: NUMBER,
      direction: "inbound",
      from_phone_number: CALLER,
      to_phone_number: NUMBER,
    },
  });
  for (const text of utterances) await send({ type: "user_speak", text, session: { id } });
  if (options.isEnded !== false) await send({ type: "session_end", session: { id } });
  return id;
}

describe("flow session replay", () => {
  it("lists the flow's sessions newest first with their event counts", async () => {
    const first = await call(["Hallo, ich habe eine Frage zur Rechnung"]);
    const second = await call(["Still here"], { isEnded: false });
    const sessions = await listFlowSessions(database.db, orgId, flowId);
    const ours = sessions.filter((s) => s.externalId === first || s.externalId === second);
    expect(ours.map((s) => s.externalId)).toEqual([second, first]);
    expect(ours[0]).toMatchObject({
      status: "active",
      events: 2,
      endedAt: null,
      flowVersion: 1,
      callerNumber: CALLER,
      phoneNumber: NUMBER,
    });
    expect(ours[1]).toMatchObject({ status: "ended", events: 3, endedAt: expect.any(Date) });
    expect(await listFlowSessions(database.db, orgId, flowId, { limit: 1 })).toHaveLength(1);
  });

  it("returns a session's events in order with the actions the flow returned", async () => {
    const externalId = await call(["Tell me a story", "And another one"]);
    const listed = (await listFlowSessions(database.db, orgId, flowId)).find((s) => s.externalId === externalId);
    const recording = await getSessionRecording(database.db, orgId, listed?.id ?? "");
    expect(recording?.session).toMatchObject({ externalId, flowId, flowVersion: 1, status: "ended", events: 4 });
    expect(recording?.events.map((e) => [e.seq, e.type])).toEqual([
      [1, "session_start"],
      [2, "user_speak"],
      [3, "user_speak"],
      [4, "session_end"],
    ]);
    expect(recording?.events[0]?.actions).toMatchObject([
      { type: "speak", text: "Welcome to AI Flow! How can I help you today?" },
    ]);
    expect(JSON.stringify(recording?.events[1]?.actions)).toContain("You said: Tell me a story.");
    expect(recording?.events[2]?.event).toMatchObject({ type: "user_speak", text: "And another one" });
    expect(recording?.events.every((e) => e.receivedAt instanceof Date && e.durationMs >= 0)).toBe(true);
  });

  it("shows another organisation nothing", async () => {
    const externalId = await call(["Private"]);
    const listed = (await listFlowSessions(database.db, orgId, flowId)).find((s) => s.externalId === externalId);
    if (!listed) throw new Error("session not listed");
    const other = await makeOrg(database.db, "Other");
    expect(await getSessionRecording(database.db, other.id, listed.id)).toBeUndefined();
    expect(await listFlowSessions(database.db, other.id, flowId)).toEqual([]);
    expect(await getSessionRecording(database.db, orgId, "not-a-session")).toBeUndefined();
  });
});
