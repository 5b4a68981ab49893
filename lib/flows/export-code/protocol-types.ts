// The AI Flow protocol's types without zod, for the code export: an exported flow is one file
// with no dependencies, so it cannot derive them from lib/aiflow/protocol.ts's schemas the way
// Switchboard does. export-code.test.ts asserts that each equals the type derived from the schema,
// so a change to the protocol fails the typecheck until it is made here too.

export type SessionInfo = {
  [key: string]: unknown;
  id: string;
  account_id?: string;
  phone_number?: string;
  direction?: "inbound" | "outbound";
  from_phone_number?: string;
  to_phone_number?: string;
};

export type AiFlowEvent =
  | { [key: string]: unknown; session: SessionInfo; type: "session_start" }
  | {
      [key: string]: unknown;
      session: SessionInfo;
      type: "user_speak";
      text?: string;
      transcript?: string;
      barged_in?: boolean;
    }
  | { [key: string]: unknown; session: SessionInfo; type: "user_barge_in"; text: string }
  | {
      [key: string]: unknown;
      session: SessionInfo;
      type: "assistant_speak";
      text?: string;
      ssml?: string;
      duration_ms?: number;
      speech_started_at?: number;
    }
  | { [key: string]: unknown; session: SessionInfo; type: "assistant_speech_ended" }
  | { [key: string]: unknown; session: SessionInfo; type: "user_input_timeout" }
  | { [key: string]: unknown; session: SessionInfo; type: "dtmf_received"; digit: string }
  | { [key: string]: unknown; session: SessionInfo; type: "session_end"; reason?: string };

export type AiFlowEventType = AiFlowEvent["type"];

export type EventParse = { ok: true; event: AiFlowEvent } | { ok: false; error: string; field: string };

export type BargeIn =
  | { strategy: "none" }
  | { strategy: "manual" }
  | { strategy: "immediate"; allow_after_ms?: number }
  | { strategy: "minimum_characters"; minimum_characters?: number; allow_after_ms?: number };

export type Tts =
  { provider: "azure"; language?: string; voice?: string } | { provider: "eleven_labs"; voice?: string };

export type AiFlowAction =
  | {
      type: "speak";
      session_id: string;
      text?: string;
      ssml?: string;
      tts?: Tts;
      barge_in?: BargeIn;
      user_input_timeout_seconds?: number;
    }
  | { type: "audio"; session_id: string; audio: string; barge_in?: BargeIn }
  | { type: "hangup"; session_id: string }
  | {
      type: "transfer";
      session_id: string;
      target_phone_number: string;
      caller_id_name: string;
      caller_id_number: string;
    }
  | { type: "barge_in"; session_id: string };

export type SpeakAction = Extract<AiFlowAction, { type: "speak" }>;
