import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { parseInboundJson } from "@/lib/http/inbound-json";
import { arbitraryBody, mutatedBody, type Example, type Json } from "@/lib/test/fuzz-json";
import { unstorable } from "@/lib/test/storable-check";

import { parseEvent } from "./protocol";

// The database-free half of the AI Flow fuzz (issue 12, item 6): what handleEventText does before
// dispatching, for thousands of generated events. Nothing throws, every refusal names a field,
// and an accepted event and the text the event log stores hold nothing PostgreSQL refuses.
// event-fuzz.int.test.ts sends fewer events through the real endpoint and database.

const RUNS = Number(process.env.FUZZ_PARSE_RUNS ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

const session = {
  id: "s-1",
  account_id: "account-123",
  phone_number: "+4930123456",
  direction: "inbound",
  from_phone_number: "+4915112345678",
  to_phone_number: "+4930123456",
};
const docs: Array<{ [key: string]: Json }> = [
  { type: "session_start", session },
  { type: "user_speak", text: "Hello, I need help with my invoice", session },
  {
    type: "assistant_speak",
    text: "You said hello",
    duration_ms: 2000,
    speech_started_at: 1718202000000,
    session: { id: "s-1" },
  },
  { type: "dtmf_received", digit: "5", session: { id: "s-1" } },
  { type: "session_end", reason: "hangup", session: { id: "s-1" } },
];
const events: Example[] = docs.map((doc) => ({ name: String(doc.type), doc, idPath: ["session", "id"] }));

describe("AI Flow events: generated bad input is refused with a field or accepted clean", () => {
  it(`${RUNS} generated events (seed ${SEED})`, { timeout: 120_000 }, () => {
    const bodies = fc.sample(
      fc.oneof({ weight: 4, arbitrary: mutatedBody(events) }, { weight: 1, arbitrary: arbitraryBody }),
      { numRuns: RUNS, seed: SEED },
    );
    const failures: string[] = [];
    let accepted = 0;
    for (const body of bodies) {
      let problem: string | undefined;
      try {
        const inbound = parseInboundJson(body);
        const parsed = inbound.ok ? parseEvent(inbound.value) : undefined;
        if (!inbound.ok || !parsed) problem = inbound.ok || inbound.field ? undefined : "refused without a field";
        else if (!parsed.ok) problem = parsed.field ? undefined : "refused without a field";
        else {
          accepted++;
          problem = unstorable({ event: parsed.event, text: inbound.text });
        }
      } catch (error) {
        problem = `threw ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`;
      }
      if (problem) failures.push(`${problem}: ${JSON.stringify(body.slice(0, 300))}`);
    }
    expect(failures.slice(0, 5), `${failures.length} of ${bodies.length} failed (FUZZ_SEED=${SEED})`).toEqual([]);
    expect(accepted).toBeGreaterThan(bodies.length / 10);
  });
});
