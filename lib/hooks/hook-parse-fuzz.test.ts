import { readFileSync } from "node:fs";
import path from "node:path";

import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { buildSearchDocument, prepareCall } from "@/lib/calls/prepare";
import { parseInboundJson } from "@/lib/http/inbound-json";
import { hookProviders } from "@/lib/providers/registry";
import { arbitraryBody, mutatedBody, type Example } from "@/lib/test/fuzz-json";
import { isInt4, unstorable } from "@/lib/test/storable-check";

// The database-free half of the hooks' fuzz (issue 12, item 6): thousands of generated bodies per
// hook through everything handleHook does before it writes (the JSON gate, the vendor's parser,
// prepareCall). None may throw, and whatever is accepted must be storable: no NUL or lone
// surrogate in any text, integers within int4, times PostgreSQL and ISO 8601 both hold.
// hook-fuzz.int.test.ts sends fewer bodies all the way to the database.

const RUNS = Number(process.env.FUZZ_PARSE_RUNS ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

const root = path.resolve(import.meta.dirname, "../..");
const json = (file: string): Example["doc"] => JSON.parse(readFileSync(path.join(root, file), "utf8"));
const pbx: Example["doc"] = {
  call_id: "1718202000.42",
  from: "+49 30 1234567",
  to: "089 7654321",
  start_time: "2024-06-12T14:20:00Z",
  billsec: 300,
  direction: "incoming",
  summary: {
    overview: "Kunde fragt nach Lieferzeit.",
    notes: ["Bestellung 4711"],
    tags: ["lieferung"],
    action_points: [{ text: "Lieferzeit prüfen", done: false }],
  },
  transcript: [{ speaker: "Kunde", start: 0, end: 4000, text: "Wann kommt meine Bestellung?" }],
};
const examples: Record<keyof typeof hookProviders, Example[]> = {
  sipgate: [{ name: "seed 000", doc: json("lib/providers/sipgate/fixtures/seed-000.json"), idPath: ["call", "id"] }],
  pbx: [{ name: "pbx", doc: pbx, idPath: ["call_id"] }],
  vcon: [
    "ab_call_ext_rec_analysis.vcon",
    "0374d13c-529d-4f7c-9ab5-f02cac9e96cf.vcon.json",
    "ab_call_int_rec.vcon",
    "pre_0.0.1_vcon_trans.vcon",
    "ab_email_prob_followup_text_thread.vcon",
  ].map((name) => ({ name, doc: json(`lib/providers/vcon/fixtures/dev/${name}`), idPath: ["uuid"] })),
};

type Outcome = { isAccepted: boolean; problem?: string };

/** Whether the hook would accept the body, and why what it accepts would fail in the database. */
function outcomeOf(provider: keyof typeof hookProviders, text: string): Outcome {
  const inbound = parseInboundJson(text);
  if (!inbound.ok) return { isAccepted: false, problem: inbound.field ? undefined : "a refusal without a field" };
  // A refusal's error and fields go to the refusal log, which cleans them.
  const parsed = hookProviders[provider].parse(inbound.value);
  if (!parsed.ok) return { isAccepted: false };
  const { transcript, ...call } = prepareCall(parsed.call);
  const search = buildSearchDocument(call, transcript);
  const offset = transcript.flatMap((s) => [s.startMs, s.endMs]).find((ms) => !isInt4(ms));
  const problem =
    unstorable({ call, transcript, search, text: inbound.text }) ??
    (!isInt4(call.durationSeconds)
      ? `durationSeconds ${call.durationSeconds}`
      : offset !== undefined
        ? `transcript offset ${offset}`
        : undefined);
  return { isAccepted: true, problem };
}

describe("what every hook accepts is storable, and nothing it is sent makes it throw", () => {
  for (const provider of ["sipgate", "pbx", "vcon"] as const) {
    it(`${provider}: ${RUNS} generated bodies (seed ${SEED})`, { timeout: 120_000 }, () => {
      const bodies = fc.sample(
        fc.oneof({ weight: 4, arbitrary: mutatedBody(examples[provider]) }, { weight: 1, arbitrary: arbitraryBody }),
        { numRuns: RUNS, seed: SEED },
      );
      const failures: string[] = [];
      let accepted = 0;
      for (const body of bodies) {
        let outcome: Outcome;
        try {
          outcome = outcomeOf(provider, body);
        } catch (error) {
          outcome = {
            isAccepted: false,
            problem: `threw ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`,
          };
        }
        if (outcome.isAccepted) accepted++;
        if (outcome.problem) failures.push(`${outcome.problem}: ${JSON.stringify(body.slice(0, 300))}`);
      }
      expect(failures.slice(0, 5), `${failures.length} of ${bodies.length} failed (FUZZ_SEED=${SEED})`).toEqual([]);
      expect(accepted).toBeGreaterThan(bodies.length / 10);
    });
  }
});
