import type { AiFlowAction, AiFlowEvent } from "@/lib/aiflow/protocol";

// What a session carries from one event to the next, and the shapes the runtime's handlers take
// and give. Plain JSON: stored with each event (voice_events.state).

export type Turn = { role: "caller" | "assistant"; text: string };

export type SessionState = {
  v: 1;
  /** The ask or DTMF menu waiting for the caller. */
  at: string | null;
  vars: Record<string, string>;
  noInput: number;
  noMatch: number;
  /** A transfer or hangup announced by speech: sent once the caller has heard it. */
  pending: AiFlowAction[] | null;
  /** How many utterances of the last reply must end before `pending` goes out. */
  pendingSpeech: number;
  /** The flow has said its last word (transfer, hangup, end). */
  done: boolean;
  /** session_end arrived: nothing more is ever sent. */
  ended: boolean;
  history: Turn[];
  /** The node waiting for an effect's result within one event, and whether that reply already speaks. */
  resume: { node: string; spoke: boolean } | null;
};

export type Effect =
  | { kind: "ai"; nodeId: string; instructions: string; history: Turn[]; utterance: string; budgetMs: number }
  | {
      kind: "http";
      nodeId: string;
      method: string;
      url: string;
      headers: Array<{ name: string; value: string }>;
      body?: string;
      budgetMs: number;
    };

export type EffectResult =
  | { kind: "ai"; text?: string; error?: string }
  | { kind: "http"; ok: boolean; status?: number; json?: unknown; error?: string };

export type Step = { actions: AiFlowAction[]; state: SessionState; effect?: Effect };

export type Handler = (state: SessionState, event: AiFlowEvent) => Step;

export type FlowRuntime = {
  onSessionStart: Handler;
  onUserSpeak: Handler;
  onUserInputTimeout: Handler;
  onDtmf: Handler;
  onAssistantSpeak: Handler;
  onAssistantSpeechEnded: Handler;
  onSessionEnd: Handler;
  /** Continues the event that stopped at an effect. */
  resume: (state: SessionState, event: AiFlowEvent, result: EffectResult) => Step;
  /** The handler for an event's type. */
  handle: Handler;
};

export function initialState(): SessionState {
  return {
    v: 1,
    at: null,
    vars: {},
    noInput: 0,
    noMatch: 0,
    pending: null,
    pendingSpeech: 0,
    done: false,
    ended: false,
    history: [],
    resume: null,
  };
}

/** A copy a handler may change: every nested value it changes is replaced, never mutated, except `vars`. */
export const copyState = (state: SessionState): SessionState => ({ ...state, vars: { ...state.vars } });

export const isSpeech = (a: AiFlowAction): boolean => a.type === "speak" || a.type === "audio";
