import { z } from "zod";

// The sipgate AI Flow wire protocol (seed 004), plus the additions seen in sipgate's own code:
// `dtmf_received`, `user_barge_in`, barge-in strategy `immediate`, replies as arrays, `session_end`
// with a reason, and `user_speak` events that carry `transcript` instead of `text`. Pure: the
// browser simulator uses it as well as the server.

export const E164 = /^\+[1-9]\d{6,14}$/;

const sessionInfo = z.looseObject({
  id: z.string().trim().min(1, "is required").max(200, "has more than 200 characters"),
  account_id: z.string().max(200).optional(),
  phone_number: z.string().max(64).optional(),
  direction: z.enum(["inbound", "outbound"], { error: 'must be "inbound" or "outbound"' }).optional(),
  from_phone_number: z.string().max(64).optional(),
  to_phone_number: z.string().max(64).optional(),
});

const base = { session: sessionInfo };
const speech = z.string().max(20_000, "has more than 20,000 characters");

const userSpeak = z
  .looseObject({
    ...base,
    type: z.literal("user_speak"),
    text: speech.optional(),
    transcript: speech.optional(),
    barged_in: z.boolean().optional(),
  })
  .refine((e) => e.text !== undefined || e.transcript !== undefined, { message: "is required", path: ["text"] });

export const aiFlowEventSchema = z.discriminatedUnion("type", [
  z.looseObject({ ...base, type: z.literal("session_start") }),
  userSpeak,
  z.looseObject({ ...base, type: z.literal("user_barge_in"), text: speech }),
  z.looseObject({
    ...base,
    type: z.literal("assistant_speak"),
    text: speech.optional(),
    ssml: speech.optional(),
    duration_ms: z.number().min(0).optional(),
    speech_started_at: z.number().optional(),
  }),
  z.looseObject({ ...base, type: z.literal("assistant_speech_ended") }),
  z.looseObject({ ...base, type: z.literal("user_input_timeout") }),
  z.looseObject({
    ...base,
    type: z.literal("dtmf_received"),
    digit: z.string().regex(/^[0-9*#A-D]$/, "must be one of 0-9, *, #, A-D"),
  }),
  z.looseObject({ ...base, type: z.literal("session_end"), reason: z.string().max(200).optional() }),
]);

export type AiFlowEvent = z.output<typeof aiFlowEventSchema>;
export type AiFlowEventType = AiFlowEvent["type"];
export const aiFlowEventTypes = [
  "session_start",
  "user_speak",
  "user_barge_in",
  "assistant_speak",
  "assistant_speech_ended",
  "user_input_timeout",
  "dtmf_received",
  "session_end",
] as const satisfies readonly AiFlowEventType[];

/** What the caller said in a user_speak or user_barge_in event (older events say `transcript`). */
export function utteranceOf(event: AiFlowEvent): string {
  if (event.type === "user_speak") return event.text ?? event.transcript ?? "";
  if (event.type === "user_barge_in") return event.text;
  return "";
}

export type EventParse = { ok: true; event: AiFlowEvent } | { ok: false; error: string; field: string };

/** Parses one event and names the first wrong field ("session.id is required"). */
export function parseEvent(body: unknown): EventParse {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return { ok: false, error: "The event must be a JSON object.", field: "_" };
  const type: unknown = Reflect.get(body, "type");
  if (typeof type !== "string")
    return { ok: false, error: 'type is required: the event type, e.g. "session_start".', field: "type" };
  if (!aiFlowEventTypes.some((t) => t === type))
    return {
      ok: false,
      error: `type "${type.slice(0, 60)}" is not an AI Flow event; expected one of ${aiFlowEventTypes.join(", ")}.`,
      field: "type",
    };
  const parsed = aiFlowEventSchema.safeParse(body);
  if (parsed.success) return { ok: true, event: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join(".") : "_";
  const message =
    issue?.code === "invalid_type" && issue.input === undefined ? "is required" : (issue?.message ?? "is invalid");
  return { ok: false, error: `${field} ${message}.`, field };
}

// ---- actions ----

export const bargeInRanges = {
  minimumCharacters: { min: 1, max: 100 },
  allowAfterMs: { min: 0, max: 10_000 },
} as const;

export const bargeInSchema = z.discriminatedUnion("strategy", [
  z.strictObject({ strategy: z.literal("none") }),
  z.strictObject({ strategy: z.literal("manual") }),
  z.strictObject({ strategy: z.literal("immediate"), allow_after_ms: z.number().int().min(0).max(10_000).optional() }),
  z.strictObject({
    strategy: z.literal("minimum_characters"),
    minimum_characters: z
      .number()
      .int()
      .min(bargeInRanges.minimumCharacters.min)
      .max(bargeInRanges.minimumCharacters.max)
      .optional(),
    allow_after_ms: z.number().int().min(bargeInRanges.allowAfterMs.min).max(bargeInRanges.allowAfterMs.max).optional(),
  }),
]);
export type BargeIn = z.output<typeof bargeInSchema>;

export const ttsSchema = z.discriminatedUnion("provider", [
  z.strictObject({
    provider: z.literal("azure"),
    language: z.string().min(2).max(20).optional(),
    voice: z.string().min(1).max(100).optional(),
  }),
  z.strictObject({ provider: z.literal("eleven_labs"), voice: z.string().min(1).max(100).optional() }),
]);
export type Tts = z.output<typeof ttsSchema>;

const sessionId = z.string().min(1).max(200);

const speakAction = z
  .strictObject({
    type: z.literal("speak"),
    session_id: sessionId,
    text: z.string().min(1).max(20_000).optional(),
    ssml: z.string().min(1).max(50_000).optional(),
    tts: ttsSchema.optional(),
    barge_in: bargeInSchema.optional(),
    user_input_timeout_seconds: z.number().positive().max(3600).optional(),
  })
  .refine((a) => (a.text === undefined) !== (a.ssml === undefined), {
    message: "needs either text or ssml, not both",
    path: ["text"],
  });

const actionSchemas = {
  speak: speakAction,
  audio: z.strictObject({
    type: z.literal("audio"),
    session_id: sessionId,
    audio: z.base64().min(4),
    barge_in: bargeInSchema.optional(),
  }),
  hangup: z.strictObject({ type: z.literal("hangup"), session_id: sessionId }),
  transfer: z.strictObject({
    type: z.literal("transfer"),
    session_id: sessionId,
    target_phone_number: z.string().regex(E164, "must be an E.164 number like +4930123456"),
    caller_id_name: z.string().min(1).max(100),
    caller_id_number: z.string().regex(E164, "must be an E.164 number like +4930123456"),
  }),
  barge_in: z.strictObject({ type: z.literal("barge_in"), session_id: sessionId }),
};

export const aiFlowActionSchema = z.union([
  actionSchemas.speak,
  actionSchemas.audio,
  actionSchemas.hangup,
  actionSchemas.transfer,
  actionSchemas.barge_in,
]);
export type AiFlowAction = z.output<typeof aiFlowActionSchema>;
export type SpeakAction = Extract<AiFlowAction, { type: "speak" }>;

/**
 * The seed's rules for what may leave: every action well-formed, for this session, and none at
 * all after session_end. Returns the first broken rule, or undefined when the reply may be sent.
 */
export function checkReply(
  eventType: AiFlowEventType,
  sessionIdOfEvent: string,
  actions: readonly unknown[],
): string | undefined {
  if (eventType === "session_end" && actions.length > 0) return "session_end never gets an action";
  for (const [i, action] of actions.entries()) {
    const type: unknown = typeof action === "object" && action !== null ? Reflect.get(action, "type") : undefined;
    const schema = Object.entries(actionSchemas).find(([name]) => name === type)?.[1];
    if (!schema) return `action ${i}: type must be one of ${Object.keys(actionSchemas).join(", ")}`;
    // Checked against its own type's schema, so the message names the field.
    const parsed = schema.safeParse(action);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return `action ${i}: ${issue?.path.join(".") || "(action)"} ${issue?.message ?? "is invalid"}`;
    }
    if (parsed.data.session_id !== sessionIdOfEvent) return `action ${i}: session_id is not the event's session`;
  }
  return undefined;
}

/** One action as an object, several as an array (an addition the platform accepts), none as undefined (204). */
export function replyBody(actions: readonly AiFlowAction[]): AiFlowAction | readonly AiFlowAction[] | undefined {
  if (actions.length === 0) return undefined;
  return actions.length === 1 ? actions[0] : actions;
}

/** What an SSML utterance says, without its markup (for transcripts and conversation history). */
export const plainTextOfSsml = (ssml: string): string =>
  ssml
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
