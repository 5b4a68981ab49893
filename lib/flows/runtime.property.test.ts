import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { checkReply, parseEvent, type AiFlowEvent } from "@/lib/aiflow/protocol";
import { compileFlow } from "@/lib/flows/compile";
import { runEventSync } from "@/lib/flows/run-event";
import { createRuntime } from "@/lib/flows/runtime";
import { flowDocumentSchema, type FlowDocument, type FlowDocumentInput } from "@/lib/flows/schema";
import { initialState, type SessionState } from "@/lib/flows/session-state";
import { validateFlow } from "@/lib/flows/validate";

// Random valid flows against random calls. Flows are built so that validation must accept them:
// every exit connected, every ask and menu with its no_input connected, and no silent loop
// (nodes that do not wait only lead forward; asks and menus may lead anywhere).

type NodeInput = FlowDocumentInput["nodes"][number];
type EdgeInput = FlowDocumentInput["edges"][number];

const middleKinds = ["say", "ask", "dtmf_menu", "condition", "set_variable"] as const;
const terminalKinds = ["transfer", "hangup", "end"] as const;
type FlowSpec = {
  middle: Array<(typeof middleKinds)[number]>;
  terminals: Array<(typeof terminalKinds)[number]>;
  choices: number[];
  globals: boolean;
};

const flowSpec: fc.Arbitrary<FlowSpec> = fc.record({
  middle: fc.array(fc.constantFrom(...middleKinds), { maxLength: 14 }),
  terminals: fc.array(fc.constantFrom(...terminalKinds), { minLength: 1, maxLength: 3 }),
  choices: fc.array(fc.nat({ max: 9999 }), { minLength: 64, maxLength: 64 }),
  globals: fc.boolean(),
});

const menuTexts = ["Hello.", "Hello {{caller_number}}.", "You said {{last_utterance}}."] as const;
const texts = [...menuTexts, "Value: {{v}}.", "Key {{last_digit}}.", "{{v}}"] as const;
const tts = [
  undefined,
  { provider: "azure", language: "de-DE", voice: "de-DE-KatjaNeural" },
  { provider: "eleven_labs" },
] as const;
const bargeIns = [
  undefined,
  { strategy: "none" },
  { strategy: "minimum_characters", minimum_characters: 3 },
  { strategy: "immediate", allow_after_ms: 200 },
] as const;
const ruleShapes = [
  { operator: "equals", value: "yes" },
  { operator: "contains", value: "{{last_digit}}" },
  { operator: "matches", value: "^\\d+$" },
  { operator: "is_empty", value: "" },
  { operator: "greater_than", value: "10" },
  { operator: "less_than", value: "3" },
] as const;
const words = ["yes", "no", "agent", "sales", "help", "1", "zwei"] as const;

function buildFlow(spec: FlowSpec): FlowDocument {
  let cursor = 0;
  /** A number in [0, n) taken from the spec's choices (so shrinking simplifies the flow). */
  const pick = (n: number) => (spec.choices[cursor++ % spec.choices.length] ?? 0) % n;
  const one = <T>(items: readonly [T, ...T[]]): T => items[pick(items.length)] ?? items[0];
  const speech = () => (pick(5) === 0 ? { ssml: "<speak>Note.</speak>" } : { text: one(texts) });
  const voice = () => ({ tts: one(tts), bargeIn: one(bargeIns) });

  const kinds = ["start", ...spec.middle, ...spec.terminals] as const;
  const size = kinds.length;
  const nodes: NodeInput[] = [];
  const edges: EdgeInput[] = [];
  const forward = (i: number) => `n${i + 1 + pick(size - i - 1)}`;
  const anywhere = () => `n${1 + pick(size - 1)}`;
  const connect = (source: number, exit: string, target: string) =>
    edges.push({ id: `e${edges.length}`, source: `n${source}`, sourceHandle: exit, target });

  kinds.forEach((kind, i) => {
    const id = `n${i}`;
    const position = { x: 0, y: i * 100 };
    switch (kind) {
      case "start":
        nodes.push({ id, kind, position, ...(pick(2) ? speech() : {}), ...voice() });
        connect(i, "next", forward(i));
        return;
      case "say":
        nodes.push({ id, kind, position, ...speech(), ...voice() });
        connect(i, "next", forward(i));
        return;
      case "ask": {
        const branches = Array.from({ length: 1 + pick(3) }, (_, b) => {
          const match = one(["keywords", "keywords", "regex", "anything"] as const);
          return {
            id: `b${b}`,
            match,
            keywords: match === "keywords" ? [one(words)] : [],
            ...(match === "regex" ? { pattern: one(["(\\d+)", "^ja\\b", "[a-z]{4}"]) } : {}),
          };
        });
        nodes.push({
          id,
          kind,
          position,
          ...(pick(6) ? speech() : {}),
          ...voice(),
          ...(pick(2) ? { reprompt: "Again: {{v}}?" } : {}),
          timeoutSeconds: 1 + pick(10),
          retries: pick(4),
          branches,
          ...(pick(2) ? { captureAs: "v" } : {}),
        });
        for (const b of branches) connect(i, b.id, anywhere());
        connect(i, "no_match", anywhere());
        connect(i, "no_input", anywhere());
        return;
      }
      case "dtmf_menu": {
        const keys = [..."0123456789*#"].filter(() => pick(3) === 0).slice(0, 5);
        const options = (keys.length > 0 ? keys : ["1"]).map((digit, o) => ({
          id: `o${o}`,
          digit,
          keywords: pick(2) ? [one(words)] : [],
        }));
        nodes.push({
          id,
          kind,
          position,
          text: one(menuTexts),
          ...voice(),
          retries: pick(3),
          options,
          ...(pick(2) ? { captureAs: "v" } : {}),
          ...(pick(2) ? { reprompt: "Press a key." } : {}),
        });
        for (const o of options) connect(i, o.id, anywhere());
        connect(i, "no_match", anywhere());
        connect(i, "no_input", anywhere());
        return;
      }
      case "condition": {
        const rules = Array.from({ length: pick(3) }, (_, r) => ({
          id: `r${r}`,
          variable: one(["v", "last_utterance", "last_digit", "caller_number"]),
          ...one<(typeof ruleShapes)[number]>(ruleShapes),
        }));
        nodes.push({ id, kind, position, rules });
        for (const r of rules) connect(i, r.id, forward(i));
        connect(i, "else", forward(i));
        return;
      }
      case "set_variable":
        nodes.push({
          id,
          kind,
          position,
          assignments: [{ name: "v", value: one(["{{last_utterance}}", "{{v}}x", "{{last_digit}}", ""]) }],
        });
        connect(i, "next", forward(i));
        return;
      case "transfer":
        nodes.push({
          id,
          kind,
          position,
          target: "+493012345678",
          callerIdName: "Reception",
          callerIdNumber: "+493012345600",
          ...(pick(2) ? { announcement: "Connecting {{caller_number}}." } : {}),
        });
        return;
      case "hangup":
        nodes.push({ id, kind, position, ...(pick(2) ? { goodbye: "Goodbye {{v}}." } : {}) });
        return;
      case "end":
        nodes.push({ id, kind, position });
        return;
    }
  });

  return flowDocumentSchema.parse({
    version: 1,
    settings: {
      ...voice(),
      globalPhrases: spec.globals ? [{ id: "g", phrases: ["agent", "operator"], target: anywhere() }] : [],
    },
    variables: [{ name: "v", initial: "" }],
    nodes,
    edges,
  });
}

// ---- calls ----

function wire(body: Record<string, unknown>): AiFlowEvent {
  const parsed = parseEvent({
    ...body,
    session: { id: "prop-session", from_phone_number: "+4917612345678", to_phone_number: "+4930123456" },
  });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.event;
}

const utterance = fc.oneof(
  fc.constantFrom("agent", "yes", "no", "sales", "help", "1", "zwei", "42", "ja bitte", "Grüß Gott", "", "   "),
  fc.string({ maxLength: 40 }),
);
const duringCall: fc.Arbitrary<AiFlowEvent> = fc.oneof(
  fc
    .record({ text: utterance, barged: fc.option(fc.boolean(), { nil: undefined }) })
    .map(({ text, barged }) =>
      wire({ type: "user_speak", text, ...(barged === undefined ? {} : { barged_in: barged }) }),
    ),
  utterance.map((text) => wire({ type: "user_barge_in", text })),
  fc.constant(wire({ type: "user_input_timeout" })),
  fc.constantFrom(..."0123456789*#ABCD").map((digit) => wire({ type: "dtmf_received", digit })),
  fc.constant(wire({ type: "assistant_speak", text: "…", duration_ms: 1000 })),
  fc.constant(wire({ type: "assistant_speech_ended" })),
  fc.constant(wire({ type: "assistant_speech_ended" })),
);
const afterCall: fc.Arbitrary<AiFlowEvent> = fc.oneof(
  duringCall,
  fc.constant(wire({ type: "session_start" })),
  fc.constant(wire({ type: "session_end" })),
);
const callEvents: fc.Arbitrary<AiFlowEvent[]> = fc
  .tuple(fc.array(duringCall, { maxLength: 25 }), fc.array(afterCall, { maxLength: 5 }))
  .map(([during, after]) => [
    wire({ type: "session_start" }),
    ...during,
    wire({ type: "session_end", reason: "hangup" }),
    ...after,
  ]);

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

const isTerminal = (type: string) => type === "transfer" || type === "hangup";

describe("runtime properties", () => {
  it("generated flows have no errors", () => {
    fc.assert(
      fc.property(flowSpec, (spec) => {
        const doc = buildFlow(spec);
        expect(validateFlow(doc).filter((i) => i.severity === "error")).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("every call keeps the protocol: valid actions only, one transfer or hangup and nothing after it, nothing after session_end", () => {
    fc.assert(
      fc.property(flowSpec, callEvents, (spec, events) => {
        const runtime = createRuntime(compileFlow(buildFlow(spec)));
        let state: SessionState = deepFreeze(initialState());
        let ended = false;
        let terminal: string | undefined;
        for (const [n, event] of events.entries()) {
          const outcome = runEventSync(runtime, state, event);
          const at = `event ${n} (${event.type})`;
          expect(outcome.violations, at).toEqual([]);
          expect(checkReply(event.type, event.session.id, outcome.actions), at).toBeUndefined();
          if (event.type === "session_end") ended = true;
          if (ended) expect(outcome.actions, `${at} after session_end`).toEqual([]);
          for (const action of outcome.actions) {
            expect(terminal, `${at}: ${action.type} after ${terminal ?? ""}`).toBeUndefined();
            if (isTerminal(action.type)) terminal = action.type;
          }
          state = deepFreeze(outcome.state);
        }
      }),
      { numRuns: 200 },
    );
  });
});
