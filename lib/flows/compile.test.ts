import { describe, expect, it } from "vitest";

import { parseEvent, type AiFlowAction, type AiFlowEvent } from "@/lib/aiflow/protocol";
import { compileFlow, normaliseWords, toProtocolBargeIn, type Program } from "@/lib/flows/compile";
import { receptionFlow } from "@/lib/flows/examples/reception";
import { runEventSync } from "@/lib/flows/run-event";
import { createRuntime } from "@/lib/flows/runtime";
import { flowDocumentSchema, type FlowDocument, type FlowDocumentInput } from "@/lib/flows/schema";
import { initialState } from "@/lib/flows/session-state";
import { validateFlow } from "@/lib/flows/validate";
import { silentWav, toBase64 } from "@/lib/flows/wav";

type NodeInput = FlowDocumentInput["nodes"][number];
type EdgeInput = FlowDocumentInput["edges"][number];

/**
 * A valid flow of `size` nodes: start, then a repeating run of say, ask, set_variable,
 * condition, dtmf_menu and play_audio, then a hangup. Non-waiting nodes lead forward; asks and
 * menus also lead back, so the flow has loops, all through a node that waits.
 */
function generatedFlow(size: number): FlowDocument {
  const wav = toBase64(silentWav(20));
  const nodes: NodeInput[] = [];
  const edges: EdgeInput[] = [];
  const last = `n${size - 1}`;
  const edge = (source: string, sourceHandle: string, target: string) =>
    edges.push({ id: `e${edges.length}`, source, sourceHandle, target });
  const position = (i: number) => ({ x: (i % 10) * 200, y: Math.floor(i / 10) * 150 });
  nodes.push({ id: "n0", kind: "start", position: position(0), text: "Welcome, {{caller_number}}." });
  edge("n0", "next", "n1");
  for (let i = 1; i < size - 1; i++) {
    const id = `n${i}`;
    const next = `n${i + 1}`;
    const back = `n${Math.max(1, i - 4)}`;
    switch (i % 6) {
      case 0:
        nodes.push({ id, kind: "say", position: position(i), text: `Step ${i}, {{v}}.` });
        edge(id, "next", next);
        break;
      case 1:
        nodes.push({
          id,
          kind: "ask",
          position: position(i),
          text: `Question ${i}?`,
          reprompt: "Once more?",
          captureAs: "v",
          branches: [
            { id: "yes", match: "keywords", keywords: ["yes", "ja"] },
            { id: "num", match: "regex", pattern: "(\\d+)" },
          ],
        });
        edge(id, "yes", next);
        edge(id, "num", next);
        edge(id, "no_match", back);
        edge(id, "no_input", last);
        break;
      case 2:
        nodes.push({
          id,
          kind: "set_variable",
          position: position(i),
          assignments: [{ name: "v", value: `{{v}}-${i}` }],
        });
        edge(id, "next", next);
        break;
      case 3:
        nodes.push({
          id,
          kind: "condition",
          position: position(i),
          rules: [{ id: "big", variable: "v", operator: "greater_than", value: "100" }],
        });
        edge(id, "big", next);
        edge(id, "else", next);
        break;
      case 4:
        nodes.push({
          id,
          kind: "dtmf_menu",
          position: position(i),
          text: "Press 1 or 2.",
          options: [
            { id: "one", digit: "1", keywords: ["one"] },
            { id: "two", digit: "2" },
          ],
        });
        edge(id, "one", next);
        edge(id, "two", back);
        edge(id, "no_match", back);
        edge(id, "no_input", last);
        break;
      default:
        nodes.push({ id, kind: "play_audio", position: position(i), audio: { name: "tone.wav", data: wav } });
        edge(id, "next", next);
    }
  }
  nodes.push({ id: last, kind: "hangup", position: position(size - 1), goodbye: "Goodbye." });
  return flowDocumentSchema.parse({
    version: 1,
    settings: {
      tts: { provider: "azure", language: "de-DE", voice: "de-DE-KatjaNeural" },
      bargeIn: { strategy: "minimum_characters", minimum_characters: 3 },
      globalPhrases: [{ id: "g", phrases: ["Hilfe!"], target: "n1" }],
    },
    variables: [{ name: "v", initial: "" }],
    nodes,
    edges,
  });
}

function wire(body: Record<string, unknown>): AiFlowEvent {
  const parsed = parseEvent({ session: { id: "s-1", from_phone_number: "+4917612345678" }, ...body });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.event;
}

const isProgram = (value: unknown): value is Program =>
  typeof value === "object" && value !== null && Reflect.get(value, "format") === 1;

/** The replies of a program to a fixed conversation. */
function conversation(program: Program): AiFlowAction[][] {
  const runtime = createRuntime(program);
  const events = [
    wire({ type: "session_start" }),
    wire({ type: "user_speak", text: "ja" }),
    wire({ type: "dtmf_received", digit: "1" }),
    wire({ type: "user_speak", text: "4711" }),
    wire({ type: "user_input_timeout" }),
    wire({ type: "user_speak", text: "maybe" }),
    wire({ type: "user_speak", text: "Hilfe" }),
    wire({ type: "dtmf_received", digit: "2" }),
    wire({ type: "assistant_speech_ended" }),
    wire({ type: "session_end" }),
  ];
  let state = initialState();
  return events.map((event) => {
    const outcome = runEventSync(runtime, state, event);
    expect(outcome.violations).toEqual([]);
    state = outcome.state;
    return outcome.actions;
  });
}

describe("compileFlow", () => {
  it("compiles a generated 500-node flow", () => {
    const doc = generatedFlow(500);
    expect(doc.nodes).toHaveLength(500);
    expect(validateFlow(doc).filter((i) => i.severity === "error")).toEqual([]);
    const program = compileFlow(doc);
    expect(Object.keys(program.nodes)).toHaveLength(500);
    expect(program.start).toBe("n0");
    expect(program.nodes.n1).toMatchObject({
      kind: "ask",
      noMatch: "n1",
      noInput: "n499",
      branches: [
        { keywords: [" yes ", " ja "], next: "n2" },
        { pattern: "(\\d+)", next: "n2" },
      ],
    });
    expect(program.globals).toEqual([{ phrases: [" hilfe "], target: "n1" }]);
  });

  it("compiles to plain JSON: a JSON round trip changes nothing, and runs the same", () => {
    const program = compileFlow(generatedFlow(500));
    const stored: unknown = JSON.parse(JSON.stringify(program));
    expect(stored).toEqual(program);
    const reread = stored;
    if (!isProgram(reread)) throw new Error("the stored program is no program");
    const replies = conversation(program);
    expect(replies.flat().length).toBeGreaterThan(3);
    expect(conversation(reread)).toEqual(replies);
  });

  it("validates a 2,000-node chain without running out of stack", () => {
    const nodes: NodeInput[] = [{ id: "n0", kind: "start", position: { x: 0, y: 0 } }];
    const edges: EdgeInput[] = [];
    for (let i = 1; i < 2000; i++) {
      nodes.push(
        i === 1999
          ? { id: `n${i}`, kind: "end", position: { x: 0, y: i } }
          : { id: `n${i}`, kind: "say", position: { x: 0, y: i }, text: `${i}` },
      );
      edges.push({ id: `e${i}`, source: `n${i - 1}`, sourceHandle: "next", target: `n${i}` });
    }
    const doc = flowDocumentSchema.parse({ version: 1, nodes, edges });
    expect(validateFlow(doc)).toEqual([]);
    edges.push({ id: "back", source: "n1998", sourceHandle: "next", target: "n1" });
    const looping = flowDocumentSchema.parse({ version: 1, nodes, edges: edges.filter((e) => e.id !== "e1999") });
    expect(validateFlow(looping).map((i) => i.code)).toEqual(["loop_without_waiting", "unreachable"]);
  });

  it("folds the flow's voice into each utterance and resolves exits to node ids", () => {
    const program = compileFlow(flowDocumentSchema.parse(receptionFlow));
    const voice = {
      tts: { provider: "azure", language: "en-GB", voice: "en-GB-SoniaNeural" },
      barge_in: { strategy: "minimum_characters", minimum_characters: 3 },
    };
    expect(program.nodes.start).toEqual({
      kind: "start",
      speech: { text: "Welcome to Demo Company.", ...voice },
      next: "menu",
    });
    expect(program.nodes.transfer).toEqual({
      kind: "transfer",
      target: "+493012345678",
      callerIdName: "Demo Reception",
      callerIdNumber: "+493012345600",
      announcement: { text: "One moment, I am connecting you.", ...voice },
    });
    expect(program.nodes.menu).toMatchObject({
      noMatch: "transfer",
      noInput: "silent",
      reprompt: { text: "Sorry, I did not catch that. Say opening hours, message, or someone.", ...voice },
    });
    expect(program.globals).toEqual([{ phrases: [" agent ", " operator ", " real person "], target: "transfer" }]);
  });
});

describe("normaliseWords", () => {
  it("lower-cases, drops accents and punctuation, pads with spaces", () => {
    expect(normaliseWords("Grüß Gott, Öffnungszeiten!")).toBe(" gruss gott offnungszeiten ");
    expect(normaliseWords("  Call-back?? ")).toBe(" call back ");
    expect(normaliseWords("")).toBe("  ");
  });
});

describe("toProtocolBargeIn", () => {
  it("keeps only the fields the strategy allows", () => {
    expect(toProtocolBargeIn(undefined)).toBeUndefined();
    expect(toProtocolBargeIn({ strategy: "none", minimum_characters: 3, allow_after_ms: 100 })).toEqual({
      strategy: "none",
    });
    expect(toProtocolBargeIn({ strategy: "manual", allow_after_ms: 100 })).toEqual({ strategy: "manual" });
    expect(toProtocolBargeIn({ strategy: "immediate", minimum_characters: 3 })).toEqual({ strategy: "immediate" });
    expect(toProtocolBargeIn({ strategy: "immediate", allow_after_ms: 100 })).toEqual({
      strategy: "immediate",
      allow_after_ms: 100,
    });
    expect(toProtocolBargeIn({ strategy: "minimum_characters" })).toEqual({ strategy: "minimum_characters" });
    expect(toProtocolBargeIn({ strategy: "minimum_characters", minimum_characters: 5, allow_after_ms: 500 })).toEqual({
      strategy: "minimum_characters",
      minimum_characters: 5,
      allow_after_ms: 500,
    });
  });
});
