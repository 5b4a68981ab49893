import { v4 } from "uuid";

import { parseEvent, plainTextOfSsml, utteranceOf, type AiFlowAction, type AiFlowEvent } from "@/lib/aiflow/protocol";

import type { Program } from "./compile";
import { runEvent, runEventSync, type EventOutcome } from "./run-event";
import { createRuntime } from "./runtime";
import { initialState, type Effect, type EffectResult, type FlowRuntime, type SessionState } from "./session-state";

// A call without a phone: the events the AI Flow platform would send (seed 004, with the
// additions sipgate's own code sends), the platform's part of the conversation (speech played,
// then assistant_speak and assistant_speech_ended; a transfer or hangup ends the call), and a
// recorded session run again through a draft. Pure apart from the effect callback, so the
// editor's simulator and the tests drive the same code.

export const DEFAULT_CALLER_NUMBER = "+4915112345678";
export const SIM_FLOW_NUMBER = "+4930123456789";

/** The session object as the platform sends it with every event. */
export type SimSession = {
  id: string;
  account_id: string;
  phone_number: string;
  direction: "inbound";
  from_phone_number: string;
  to_phone_number: string;
};

export function simSession(options: { callerNumber?: string; phoneNumber?: string; id?: string } = {}): SimSession {
  const phone = options.phoneNumber ?? SIM_FLOW_NUMBER;
  return {
    id: options.id ?? v4(),
    account_id: "simulator",
    phone_number: phone,
    direction: "inbound",
    from_phone_number: options.callerNumber?.trim() || DEFAULT_CALLER_NUMBER,
    to_phone_number: phone,
  };
}

export type Speech = Extract<AiFlowAction, { type: "speak" | "audio" }>;

/** Roughly how long the platform speaks: ~65 ms a character of text, the WAV's length for audio (16 kHz, 16 bit, mono). */
export function speechDurationMs(action: Speech): number {
  if (action.type === "audio") return Math.max(100, Math.round((action.audio.length * 3) / 4 / 32));
  const text = action.text ?? plainTextOfSsml(action.ssml ?? "");
  return Math.max(400, text.length * 65);
}

export const simEvent = {
  sessionStart: (session: SimSession): AiFlowEvent => ({ type: "session_start", session }),
  /** `bargedIn`: the caller talked over the assistant. */
  userSpeak: (session: SimSession, text: string, bargedIn = false): AiFlowEvent => ({
    type: "user_speak",
    text,
    ...(bargedIn ? { barged_in: true } : {}),
    session,
  }),
  /** The older, separate barge-in event. */
  userBargeIn: (session: SimSession, text: string): AiFlowEvent => ({ type: "user_barge_in", text, session }),
  userInputTimeout: (session: SimSession): AiFlowEvent => ({ type: "user_input_timeout", session }),
  dtmf: (session: SimSession, digit: string): AiFlowEvent => ({ type: "dtmf_received", digit, session }),
  assistantSpeak: (session: SimSession, action: Speech, startedAt: number): AiFlowEvent => ({
    type: "assistant_speak",
    ...(action.type === "speak" ? (action.ssml ? { ssml: action.ssml } : { text: action.text }) : {}),
    duration_ms: speechDurationMs(action),
    speech_started_at: startedAt,
    session,
  }),
  assistantSpeechEnded: (session: SimSession): AiFlowEvent => ({ type: "assistant_speech_ended", session }),
  sessionEnd: (session: SimSession, reason?: string): AiFlowEvent => ({
    type: "session_end",
    ...(reason ? { reason } : {}),
    session,
  }),
};

// ---- the platform's side ----

/** Utterances the platform still has to play; the first is playing once announced. */
export type Playback = { queue: Speech[]; isPlaying: boolean };
export const idlePlayback: Playback = { queue: [], isPlaying: false };

export type PlatformStep = { events: AiFlowEvent[]; playback: Playback; endReason?: string };

const isSpeechAction = (a: AiFlowAction): a is Speech => a.type === "speak" || a.type === "audio";

/** Plays the queue: all of it when speech ends by itself, else announces the first utterance. */
function play(session: SimSession, queue: Speech[], isPlaying: boolean, auto: boolean, now: number): PlatformStep {
  if (auto) {
    let at = now;
    const events = queue.flatMap((speech, i) => {
      const started = at;
      at += speechDurationMs(speech);
      // The first one, already announced, only ends.
      return isPlaying && i === 0
        ? [simEvent.assistantSpeechEnded(session)]
        : [simEvent.assistantSpeak(session, speech, started), simEvent.assistantSpeechEnded(session)];
    });
    return { events, playback: idlePlayback };
  }
  const first = queue[0];
  if (!first || isPlaying) return { events: [], playback: { queue, isPlaying } };
  return { events: [simEvent.assistantSpeak(session, first, now)], playback: { queue, isPlaying: true } };
}

/** What the platform does with a reply: speech is played in order, barge_in stops it, a transfer or hangup ends the call. */
export function platformAfterReply(
  session: SimSession,
  playback: Playback,
  actions: readonly AiFlowAction[],
  options: { autoSpeechEnded: boolean; now: number },
): PlatformStep {
  let queue = [...playback.queue];
  let isPlaying = playback.isPlaying;
  for (const action of actions) {
    if (isSpeechAction(action)) queue.push(action);
    else if (action.type === "barge_in") {
      queue = [];
      isPlaying = false;
    } else {
      const played = play(session, queue, isPlaying, options.autoSpeechEnded, options.now);
      const speech = options.autoSpeechEnded ? played.events : [];
      return {
        events: [...speech, simEvent.sessionEnd(session, action.type)],
        playback: idlePlayback,
        endReason: action.type,
      };
    }
  }
  return play(session, queue, isPlaying, options.autoSpeechEnded, options.now);
}

/** The utterance playing has ended (by hand): assistant_speech_ended, and the next one starts. */
export function platformSpeechEnded(session: SimSession, playback: Playback, now: number): PlatformStep {
  if (!playback.isPlaying) return { events: [], playback };
  const rest = playback.queue.slice(1);
  const next = play(session, rest, false, false, now);
  return { events: [simEvent.assistantSpeechEnded(session), ...next.events], playback: next.playback };
}

// ---- a turn of the call ----

export type SimStep = Omit<EventOutcome, "state"> & { event: AiFlowEvent; state: SessionState };
export type SimTurn = {
  steps: SimStep[];
  state: SessionState;
  playback: Playback;
  isEnded: boolean;
  endReason?: string;
};

const MAX_EVENTS_PER_TURN = 200;

/** What a member's simulation (and a replay) gets for an AI reply or HTTP request: the flow's fallback path. */
export const offlineResult = (effect: Effect): EffectResult =>
  effect.kind === "ai" ? { kind: "ai", error: "offline" } : { kind: "http", ok: false, error: "offline" };

/**
 * The caller's events and everything the platform sends in answer, each run on the state the last
 * one left, until nothing more follows (or session_end: no event after it is ever handled).
 */
export async function simulateTurn(
  runtime: FlowRuntime,
  from: { state: SessionState; playback: Playback; session: SimSession },
  events: readonly AiFlowEvent[],
  options: {
    autoSpeechEnded: boolean;
    perform: (effect: Effect) => Promise<EffectResult>;
    now?: () => number;
    onStep?: (step: SimStep) => void;
  },
): Promise<SimTurn> {
  const queue = [...events];
  const steps: SimStep[] = [];
  let state = from.state;
  let playback = from.playback;
  let endReason: string | undefined;
  const now = options.now ?? Date.now;
  for (let event = queue.shift(); event && steps.length < MAX_EVENTS_PER_TURN; event = queue.shift()) {
    const outcome = await runEvent(runtime, state, event, options.perform);
    state = outcome.state;
    const step: SimStep = { ...outcome, event };
    steps.push(step);
    options.onStep?.(step);
    if (event.type === "session_end")
      return { steps, state, playback: idlePlayback, isEnded: true, endReason: endReason ?? event.reason };
    const platform = platformAfterReply(from.session, playback, outcome.actions, {
      autoSpeechEnded: options.autoSpeechEnded,
      now: now(),
    });
    playback = platform.playback;
    endReason ??= platform.endReason;
    queue.push(...platform.events);
  }
  return { steps, state, playback, isEnded: state.ended };
}

/** The node to highlight: the one waiting, the effect's, or the only transfer/hangup node that sent the last terminal action. */
export function activeNodeOf(
  program: Program,
  state: SessionState,
  step: Pick<SimStep, "actions" | "effects">,
): string | undefined {
  if (state.at) return state.at;
  const effectNode = step.effects.at(-1)?.effect.nodeId;
  const terminal = step.actions.findLast((a) => a.type === "transfer" || a.type === "hangup");
  if (terminal) {
    const matches = Object.entries(program.nodes).filter(([, n]) =>
      terminal.type === "transfer"
        ? n.kind === "transfer" &&
          n.target === terminal.target_phone_number &&
          n.callerIdNumber === terminal.caller_id_number
        : n.kind === "hangup",
    );
    if (matches.length === 1) return matches[0]?.[0];
  }
  return effectNode;
}

// ---- replaying a recorded session ----

export type RecordedEvent = { seq: number; type: string; event: unknown; actions: unknown[] };
export type ReplayRow = {
  seq: number;
  type: string;
  event: unknown;
  recorded: unknown[];
  draft: AiFlowAction[];
  same: boolean;
  violations: string[];
  /** An AI reply or HTTP request ran offline at this event ("this") or before it ("earlier"): the live call had the real answer. */
  effect: "this" | "earlier" | null;
};

/** An action as voice_events stores it: audio as its size, not its bytes (mirrors lib/aiflow/session-store.ts). */
export const asLogged = (a: AiFlowAction): unknown =>
  a.type === "audio" ? { ...a, audio: `[${Math.round((a.audio.length * 3) / 4)} bytes of WAV]` } : a;

/** Equal as JSON: key order (jsonb reorders keys) and undefined-valued keys do not count. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    const keys = (o: object) => Object.entries(o).filter(([, v]) => v !== undefined);
    const ka = keys(a);
    return ka.length === keys(b).length && ka.every(([k, v]) => sameJson(v, Reflect.get(b, k)));
  }
  return Object.is(a, b);
}

/** Runs a recorded session's events in order through a program from a fresh state and compares each answer. */
export function replayRecording(program: Program, recorded: readonly RecordedEvent[]): ReplayRow[] {
  const runtime = createRuntime(program);
  let state = initialState();
  let hadEffect = false;
  return [...recorded]
    .sort((a, b) => a.seq - b.seq)
    .map((r): ReplayRow => {
      const parsed = parseEvent(r.event);
      const base = { seq: r.seq, event: r.event, recorded: r.actions };
      if (!parsed.ok)
        return {
          ...base,
          type: r.type,
          draft: [],
          same: r.actions.length === 0,
          violations: [`The recorded event is not valid: ${parsed.error}`],
          effect: hadEffect ? "earlier" : null,
        };
      const outcome = runEventSync(runtime, state, parsed.event, offlineResult);
      state = outcome.state;
      const effect = outcome.effects.length > 0 ? "this" : hadEffect ? "earlier" : null;
      hadEffect ||= outcome.effects.length > 0;
      return {
        ...base,
        type: parsed.event.type,
        draft: outcome.actions,
        same: sameJson(r.actions, outcome.actions.map(asLogged)),
        violations: outcome.violations,
        effect,
      };
    });
}

// ---- short descriptions for lists ----

const field = (value: unknown, key: string): unknown =>
  typeof value === "object" && value !== null ? Reflect.get(value, key) : undefined;
const str = (value: unknown): string => (typeof value === "string" ? value : "");
const clip = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** What the caller hears or sees of an action: the words said, "♪ audio", "transfer → +49…". */
export function describeAction(action: unknown): string {
  const type = str(field(action, "type"));
  if (type === "speak") return clip(str(field(action, "text")) || plainTextOfSsml(str(field(action, "ssml"))));
  if (type === "audio") return "♪ audio";
  if (type === "transfer") return `transfer → ${str(field(action, "target_phone_number"))}`;
  if (type === "hangup") return "hang up";
  if (type === "barge_in") return "interrupt playback";
  return type || "(unknown action)";
}

/** An event in a few words: its type with the utterance or digit. */
export function describeEvent(event: unknown): string {
  const parsed = parseEvent(event);
  if (!parsed.ok) return str(field(event, "type")) || "(invalid event)";
  const e = parsed.event;
  const said = utteranceOf(e);
  if (said) return `${e.type}${e.type === "user_speak" && e.barged_in ? " (barged in)" : ""}: "${clip(said, 60)}"`;
  if (e.type === "dtmf_received") return `${e.type}: ${e.digit}`;
  if (e.type === "session_end" && e.reason) return `${e.type}: ${e.reason}`;
  return e.type;
}
