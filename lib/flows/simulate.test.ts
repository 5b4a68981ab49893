import { describe, expect, it } from "vitest";

import { parseEvent, type AiFlowAction, type AiFlowEvent } from "@/lib/aiflow/protocol";
import { compileFlow, type Program } from "@/lib/flows/compile";
import { echoFlow } from "@/lib/flows/examples/echo";
import { createRuntime } from "@/lib/flows/runtime";
import { flowDocumentSchema } from "@/lib/flows/schema";
import { initialState, type Effect, type EffectResult } from "@/lib/flows/session-state";
import {
  activeNodeOf,
  asLogged,
  describeAction,
  describeEvent,
  idlePlayback,
  offlineResult,
  platformAfterReply,
  platformSpeechEnded,
  replayRecording,
  simEvent,
  simSession,
  simulateTurn,
  type RecordedEvent,
  type SimSession,
  type SimStep,
} from "@/lib/flows/simulate";
import { silentWav, toBase64 } from "@/lib/flows/wav";
import { flow, type Drawn } from "@/lib/test/flow-builder";

const session = simSession({ id: "550e8400-e29b-41d4-a716-446655440000", callerNumber: "+4917612345678" });
const AUDIO = toBase64(silentWav(500));
const SUPPORT = "+493012345678";

const reception = (greeting = "Hello, this is Acme."): Drawn[] => [
  { id: "start", kind: "start", text: greeting },
  { id: "jingle", kind: "play_audio", audio: { name: "jingle.wav", data: AUDIO } },
  {
    id: "menu",
    kind: "ask",
    text: "Support or sales?",
    branches: [
      { id: "support", match: "keywords", keywords: ["support"] },
      { id: "other", match: "anything", keywords: [] },
    ],
  },
  {
    id: "agent",
    kind: "transfer",
    target: SUPPORT,
    callerIdName: "Support",
    callerIdNumber: SUPPORT,
    announcement: "One moment, {{caller_number}}.",
  },
  { id: "bye", kind: "hangup", goodbye: "Goodbye!" },
];
const receptionEdges = [
  "start>jingle",
  "jingle>menu",
  "menu.support>agent",
  "menu.other>bye",
  "menu.no_match>bye",
  "menu.no_input>bye",
];
const programOf = (greeting?: string) => compileFlow(flow(reception(greeting), receptionEdges));

const noEffects = async (effect: Effect): Promise<EffectResult> => offlineResult(effect);
const clock = () => 1_700_000_000_000;

/** A call as the platform would make it: each caller event with everything that follows it. */
async function call(
  program: Program,
  callerEvents: Array<(s: SimSession) => AiFlowEvent>,
  perform = noEffects,
): Promise<SimStep[]> {
  const runtime = createRuntime(program);
  let from = { state: initialState(), playback: idlePlayback, session };
  const steps: SimStep[] = [];
  for (const make of callerEvents) {
    const turn = await simulateTurn(runtime, from, [make(session)], { autoSpeechEnded: true, perform, now: clock });
    steps.push(...turn.steps);
    from = { ...from, state: turn.state, playback: turn.playback };
    if (turn.isEnded) break;
  }
  return steps;
}

/** What voice_events holds: audio as its size, and keys in jsonb's order (shorter keys first), not ours. */
const jsonbOrder = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(jsonbOrder);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value).sort(([a], [b]) => a.length - b.length || (a < b ? -1 : 1));
  return Object.fromEntries(entries.map(([k, v]) => [k, jsonbOrder(v)]));
};
const recordingOf = (steps: SimStep[]): RecordedEvent[] =>
  steps.map((s, i) => ({
    seq: i + 1,
    type: s.event.type,
    event: jsonbOrder(s.event),
    actions: s.actions.map((a) => jsonbOrder(asLogged(a))).filter((a) => a !== undefined),
  }));

describe("simulated events", () => {
  it("are events the protocol accepts, with the session the platform sends", () => {
    const speak: AiFlowAction = { type: "speak", session_id: session.id, text: "Grüß Gott! Wie kann ich helfen?" };
    const ssml: AiFlowAction = {
      type: "speak",
      session_id: session.id,
      ssml: "<speak>Hallo <break time='1s'/> Welt</speak>",
    };
    const audio: AiFlowAction = { type: "audio", session_id: session.id, audio: AUDIO };
    const events = [
      simEvent.sessionStart(session),
      simEvent.userSpeak(session, "Ich möchte zum Kundendienst 🙂"),
      simEvent.userSpeak(session, "Warte", true),
      simEvent.userBargeIn(session, "Stopp"),
      simEvent.userInputTimeout(session),
      ...["0", "5", "9", "*", "#"].map((d) => simEvent.dtmf(session, d)),
      ...[speak, ssml, audio].flatMap((a) =>
        a.type === "speak" || a.type === "audio" ? [simEvent.assistantSpeak(session, a, clock())] : [],
      ),
      simEvent.assistantSpeechEnded(session),
      simEvent.sessionEnd(session),
      simEvent.sessionEnd(session, "caller_hangup"),
    ];
    for (const event of events) expect(parseEvent(JSON.parse(JSON.stringify(event)))).toEqual({ ok: true, event });
    expect(events[0]).toEqual({
      type: "session_start",
      session: {
        id: session.id,
        account_id: "simulator",
        phone_number: "+4930123456789",
        direction: "inbound",
        from_phone_number: "+4917612345678",
        to_phone_number: "+4930123456789",
      },
    });
    expect(events[2]).toMatchObject({ type: "user_speak", text: "Warte", barged_in: true });
    expect(events[1]).not.toHaveProperty("barged_in");
  });

  it("say how long the assistant spoke: text by its length, audio by the WAV's", () => {
    const spoken = simEvent.assistantSpeak(session, { type: "audio", session_id: session.id, audio: AUDIO }, 5);
    expect(spoken).toMatchObject({ type: "assistant_speak", speech_started_at: 5 });
    expect(spoken).not.toHaveProperty("text");
    expect(Reflect.get(spoken, "duration_ms")).toBeGreaterThanOrEqual(490);
    expect(Reflect.get(spoken, "duration_ms")).toBeLessThanOrEqual(520);
    expect(
      simEvent.assistantSpeak(session, { type: "speak", session_id: session.id, ssml: "<speak>Hi</speak>" }, 5),
    ).toMatchObject({ ssml: "<speak>Hi</speak>" });
  });

  it("get fresh session ids and the default caller", () => {
    const a = simSession();
    expect(a.id).not.toBe(simSession().id);
    expect(a.from_phone_number).toBe("+4915112345678");
  });
});

describe("the simulated platform", () => {
  it("ends each utterance by itself, so an announced transfer goes out, and ends the call without answering session_end", async () => {
    const steps = await call(programOf(), [simEvent.sessionStart, (s) => simEvent.userSpeak(s, "Support, please")]);
    expect(steps.map((s) => s.event.type)).toEqual([
      "session_start",
      "assistant_speak",
      "assistant_speech_ended",
      "assistant_speak",
      "assistant_speech_ended",
      "assistant_speak",
      "assistant_speech_ended",
      "user_speak",
      "assistant_speak",
      "assistant_speech_ended",
      "session_end",
    ]);
    expect(steps[0]?.actions.map((a) => a.type)).toEqual(["speak", "audio", "speak"]);
    expect(steps[7]?.actions).toEqual([{ type: "speak", session_id: session.id, text: "One moment, +4917612345678." }]);
    expect(steps[9]?.actions).toEqual([
      {
        type: "transfer",
        session_id: session.id,
        target_phone_number: SUPPORT,
        caller_id_name: "Support",
        caller_id_number: SUPPORT,
      },
    ]);
    expect(steps[10]?.event).toMatchObject({ type: "session_end", reason: "transfer" });
    expect(steps[10]?.actions).toEqual([]);
    expect(steps.every((s) => s.violations.length === 0)).toBe(true);
  });

  it("waits for each speech end when told to, and the caller can talk over it", () => {
    const say = (text: string): AiFlowAction => ({ type: "speak", session_id: session.id, text });
    const first = platformAfterReply(session, idlePlayback, [say("One"), say("Two")], {
      autoSpeechEnded: false,
      now: 0,
    });
    expect(first.events.map((e) => [e.type, Reflect.get(e, "text")])).toEqual([["assistant_speak", "One"]]);
    const second = platformSpeechEnded(session, first.playback, 1);
    expect(second.events.map((e) => [e.type, Reflect.get(e, "text")])).toEqual([
      ["assistant_speech_ended", undefined],
      ["assistant_speak", "Two"],
    ]);
    const third = platformSpeechEnded(session, second.playback, 2);
    expect(third.events.map((e) => e.type)).toEqual(["assistant_speech_ended"]);
    expect(third.playback).toEqual(idlePlayback);
    expect(
      platformAfterReply(session, second.playback, [{ type: "hangup", session_id: session.id }], {
        autoSpeechEnded: false,
        now: 3,
      }),
    ).toMatchObject({ endReason: "hangup", playback: idlePlayback });
  });

  it("names the node that waits, or the transfer that ended the call", async () => {
    const program = programOf();
    const steps = await call(program, [simEvent.sessionStart, (s) => simEvent.userSpeak(s, "support")]);
    const runtime = createRuntime(program);
    expect(
      activeNodeOf(program, runtime.handle(initialState(), simEvent.sessionStart(session)).state, {
        actions: [],
        effects: [],
      }),
    ).toBe("menu");
    const transferStep = steps.find((s) => s.actions.some((a) => a.type === "transfer"));
    expect(transferStep && activeNodeOf(program, transferStep.state, transferStep)).toBe("agent");
  });
});

describe("replayRecording", () => {
  it("answers every event of a recording made by the same flow the same way", async () => {
    const program = programOf();
    const steps = await call(program, [
      simEvent.sessionStart,
      (s) => simEvent.userSpeak(s, "Hmm"),
      (s) => simEvent.sessionEnd(s, "hangup"),
    ]);
    const rows = replayRecording(programOf(), recordingOf(steps));
    expect(rows).toHaveLength(steps.length);
    expect(rows.filter((r) => !r.same)).toEqual([]);
    expect(rows.every((r) => r.effect === null && r.violations.length === 0)).toBe(true);
  });

  it("shows a changed greeting as a difference on session_start only", async () => {
    const steps = await call(programOf(), [simEvent.sessionStart, (s) => simEvent.userSpeak(s, "support")]);
    const rows = replayRecording(programOf("Welcome to Acme!"), recordingOf(steps));
    expect(rows[0]).toMatchObject({ type: "session_start", same: false });
    expect(rows[0]?.draft[0]).toMatchObject({ type: "speak", text: "Welcome to Acme!" });
    expect(rows.slice(1).every((r) => r.same)).toBe(true);
  });

  it("marks answers that depend on an AI reply, which a replay can only give offline", async () => {
    const doc = flow(
      [
        { id: "start", kind: "start" },
        { id: "ask", kind: "ask", text: "Your question?", branches: [{ id: "any", match: "anything", keywords: [] }] },
        { id: "ai", kind: "ai_reply", instructions: "Be brief.", fallback: "Sorry, I cannot answer that now." },
        { id: "end", kind: "hangup" },
      ],
      ["start>ask", "ask.any>ai", "ai>end", "ask.no_match>end", "ask.no_input>end"],
    );
    const program = compileFlow(doc);
    const live = async (effect: Effect): Promise<EffectResult> =>
      effect.kind === "ai" ? { kind: "ai", text: "We open at nine." } : offlineResult(effect);
    const steps = await call(program, [simEvent.sessionStart, (s) => simEvent.userSpeak(s, "When do you open?")], live);
    const rows = replayRecording(program, recordingOf(steps));
    const asked = rows.findIndex((r) => r.type === "user_speak");
    expect(rows[asked]).toMatchObject({ same: false, effect: "this" });
    expect(rows[asked]?.draft[0]).toMatchObject({ text: "Sorry, I cannot answer that now." });
    expect(rows.slice(0, asked).every((r) => r.same && r.effect === null)).toBe(true);
    expect(rows.slice(asked + 1).every((r) => r.effect === "earlier")).toBe(true);
  });

  it("replays in seq order and reports a recorded event the protocol refuses", () => {
    const program = compileFlow(flowDocumentSchema.parse(echoFlow));
    const start = simEvent.sessionStart(session);
    const greeting = createRuntime(program).handle(initialState(), start).actions;
    const rows = replayRecording(program, [
      { seq: 2, type: "user_speak", event: { type: "user_speak", session: { id: session.id } }, actions: [] },
      { seq: 1, type: "session_start", event: start, actions: greeting },
    ]);
    expect(rows.map((r) => r.seq)).toEqual([1, 2]);
    expect(rows[0]?.same).toBe(true);
    expect(rows[1]?.violations[0]).toMatch(/not valid: text is required/);
  });
});

describe("descriptions", () => {
  it("say what was said, pressed and done in a few words", () => {
    expect(describeEvent(simEvent.userSpeak(session, "Wait", true))).toBe('user_speak (barged in): "Wait"');
    expect(describeEvent(simEvent.dtmf(session, "#"))).toBe("dtmf_received: #");
    expect(describeEvent({ type: "user_speak", transcript: "old style", session: { id: "x" } })).toBe(
      'user_speak: "old style"',
    );
    expect(describeAction({ type: "speak", ssml: "<speak>Hello <break/> there</speak>" })).toBe("Hello there");
    expect(describeAction({ type: "audio", audio: "[1000 bytes of WAV]" })).toBe("♪ audio");
    expect(describeAction({ type: "transfer", target_phone_number: SUPPORT })).toBe(`transfer → ${SUPPORT}`);
  });
});
