import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

import { cliActor } from "@/lib/audit/record";
import type { DbHandle } from "@/lib/db/client";
import { queryRows } from "@/lib/db/raw";
import { createFlow } from "@/lib/flows/create-flow";
import { echoFlow } from "@/lib/flows/examples/echo";
import { publishFlow } from "@/lib/flows/publish-flow";
import { flowDocumentSchema } from "@/lib/flows/schema";
import { createIntegration } from "@/lib/integrations/create-integration";
import { makeOrg } from "@/lib/test/fixtures";
import { arbitraryBody, mutatedBody, type Example, type Json } from "@/lib/test/fuzz-json";
import { createTestDatabase } from "@/lib/test/test-db";

import { setSessionEndedHandler } from "./dispatch";
import { handleAiFlowHttp } from "./handle-event";
import { saveAiFlowConfig } from "./save-config";

// Issue 12, item 6, for AI Flow: generated bad events (seed 004's examples with bad values
// injected, arbitrary JSON and text) are answered below 500, and a refused event writes nothing.
// FUZZ_RUNS sets the number of events, FUZZ_SEED replays a run.

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const NUMBER = "+4930123456";
const SESSIONS = ["fuzz-a", "fuzz-b", "fuzz-c"];

const session = (id: string) => ({
  id,
  account_id: "account-123",
  phone_number: NUMBER,
  direction: "inbound",
  from_phone_number: "+4915112345678",
  to_phone_number: NUMBER,
});
// A fresh session id only for session_start: any other event of an unknown session is a 400 by design.
const events = SESSIONS.flatMap((id): Example[] => {
  const docs: Array<{ [key: string]: Json }> = [
    { type: "session_start", session: session(id) },
    { type: "user_speak", text: "Hello, I need help with my invoice", session: session(id) },
    {
      type: "assistant_speak",
      text: "You said hello",
      duration_ms: 2000,
      speech_started_at: 1718202000000,
      session: { id },
    },
    { type: "assistant_speech_ended", session: { id } },
    { type: "user_input_timeout", session: { id } },
    { type: "dtmf_received", digit: "5", session: { id } },
    { type: "user_barge_in", text: "Wait", session: { id } },
  ];
  return docs.map((doc) => ({
    name: `${String(doc.type)} ${id}`,
    doc,
    idPath: doc.type === "session_start" ? ["session", "id"] : undefined,
  }));
});

const countsRow = z.object({ sessions: z.coerce.number(), events: z.coerce.number() });

let database: DbHandle;
let org: { id: string };
let integration: { id: string; secret: string };
beforeAll(async () => {
  database = await createTestDatabase();
  setSessionEndedHandler(() => undefined);
  org = await makeOrg(database.db);
  const flow = await createFlow(database.db, org.id, cliActor, {
    name: "Echo",
    document: flowDocumentSchema.parse(echoFlow),
  });
  await publishFlow(database.db, org.id, cliActor, { flowId: flow.id });
  integration = await createIntegration(database.db, org.id, cliActor, { provider: "aiflow", name: "Fuzz" });
  await saveAiFlowConfig(database.db, org.id, cliActor, integration.id, {
    routes: [{ number: NUMBER, flowId: flow.id }],
  });
});
afterAll(async () => database.close());

async function counts() {
  const [row] = await queryRows(
    database.db,
    sql`select (select count(*) from voice_sessions where org_id = ${org.id}) as sessions, (select count(*) from voice_events where org_id = ${org.id}) as events`,
    countsRow,
  );
  return row ?? { sessions: -1, events: -1 };
}

const post = (text: string) =>
  handleAiFlowHttp(database.db, {
    integrationId: integration.id,
    method: "POST",
    token: integration.secret,
    contentType: "application/json",
    contentLength: Buffer.byteLength(text),
    readBody: async () => text,
    arrivedAt: performance.now(),
  });

describe("AI Flow answers generated bad events below 500", () => {
  it(`${RUNS} generated events (seed ${SEED})`, { timeout: 300_000 }, async () => {
    for (const id of SESSIONS)
      expect((await post(JSON.stringify({ type: "session_start", session: session(id) }))).status).toBe(200);
    const bodies = fc.sample(
      fc.oneof({ weight: 4, arbitrary: mutatedBody(events) }, { weight: 1, arbitrary: arbitraryBody }),
      { numRuns: RUNS, seed: SEED },
    );
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const shown = (body: string) => JSON.stringify(body.length > 300 ? `${body.slice(0, 300)}…` : body);
    let before = await counts();
    for (const body of bodies) {
      let status: number | undefined;
      try {
        const response = await post(body);
        status = response.status;
        if (status === 400 && !z.object({ error: z.string(), field: z.string() }).safeParse(response.body).success)
          failures.push(`400 without {error, field}: ${shown(body)}`);
      } catch (error) {
        failures.push(`threw ${error instanceof Error ? error.message.slice(0, 200) : String(error)}: ${shown(body)}`);
      }
      const after = await counts();
      if (status !== undefined) {
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500) failures.push(`${status}: ${shown(body)}`);
        else if (status >= 400 && JSON.stringify(after) !== JSON.stringify(before))
          failures.push(`${status} wrote: ${shown(body)}`);
      }
      before = after;
    }
    console.info(
      `[fuzz] aiflow: ${bodies.length} events, seed ${SEED}, statuses ${JSON.stringify(Object.fromEntries(statuses))}, failures ${failures.length}`,
    );
    expect(failures.slice(0, 5), `${failures.length} of ${bodies.length} failed (FUZZ_SEED=${SEED})`).toEqual([]);
    expect((statuses.get(200) ?? 0) + (statuses.get(204) ?? 0)).toBeGreaterThan(bodies.length / 10);
  });
});
