import { aiFlowEventTypes } from "@/lib/aiflow/protocol";

import type { AiFlowEvent, EventParse, SessionInfo } from "./protocol-types";

// parseEvent of lib/aiflow/protocol.ts without zod, for the code export (one file, no packages):
// the same rules in the same order, so an exported flow accepts and refuses exactly the events
// Switchboard does, with the same message. export-code.test.ts holds both to the same answers.

type Problem = { field: string; message: string };
type Field = { value: unknown; problem?: Problem };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const tooBig = (max: number) => `Too big: expected string to have <=${max} characters`;
const SPEECH_TOO_LONG = "has more than 20,000 characters";

/** An optional string of at most `max` characters; any other type reads "is required" as in Switchboard. */
function text(record: Record<string, unknown>, key: string, field: string, max: number, tooLong: string): Field {
  const value = record[key];
  if (value === undefined) return { value };
  if (typeof value !== "string") return { value, problem: { field, message: "is required" } };
  return value.length > max ? { value, problem: { field, message: tooLong } } : { value };
}

function checkSession(value: unknown): { session?: SessionInfo; problem?: Problem } {
  if (!isRecord(value)) return { problem: { field: "session", message: "is required" } };
  const rawId = value.id;
  if (typeof rawId !== "string" || rawId.trim().length < 1)
    return { problem: { field: "session.id", message: "is required" } };
  const id = rawId.trim();
  if (id.length > 200) return { problem: { field: "session.id", message: "has more than 200 characters" } };
  const accountId = text(value, "account_id", "session.account_id", 200, tooBig(200));
  if (accountId.problem) return { problem: accountId.problem };
  const phone = text(value, "phone_number", "session.phone_number", 64, tooBig(64));
  if (phone.problem) return { problem: phone.problem };
  const direction = value.direction;
  if (direction !== undefined && direction !== "inbound" && direction !== "outbound")
    return { problem: { field: "session.direction", message: 'must be "inbound" or "outbound"' } };
  for (const key of ["from_phone_number", "to_phone_number"]) {
    const number = text(value, key, `session.${key}`, 64, tooBig(64));
    if (number.problem) return { problem: number.problem };
  }
  return { session: { ...value, id } };
}

function typeFields(type: AiFlowEvent["type"], body: Record<string, unknown>): Problem | undefined {
  const fields: Field[] = [];
  switch (type) {
    case "user_speak": {
      fields.push(
        text(body, "text", "text", 20_000, SPEECH_TOO_LONG),
        text(body, "transcript", "transcript", 20_000, SPEECH_TOO_LONG),
      );
      if (body.barged_in !== undefined && typeof body.barged_in !== "boolean")
        fields.push({ value: body.barged_in, problem: { field: "barged_in", message: "is required" } });
      const problem = fields.find((f) => f.problem)?.problem;
      if (problem) return problem;
      return body.text === undefined && body.transcript === undefined
        ? { field: "text", message: "is required" }
        : undefined;
    }
    case "user_barge_in":
      if (body.text === undefined) return { field: "text", message: "is required" };
      return text(body, "text", "text", 20_000, SPEECH_TOO_LONG).problem;
    case "assistant_speak":
      fields.push(
        text(body, "text", "text", 20_000, SPEECH_TOO_LONG),
        text(body, "ssml", "ssml", 20_000, SPEECH_TOO_LONG),
      );
      for (const key of ["duration_ms", "speech_started_at"]) {
        const value = body[key];
        if (value === undefined) continue;
        if (typeof value !== "number" || !Number.isFinite(value))
          fields.push({ value, problem: { field: key, message: "is required" } });
        else if (key === "duration_ms" && value < 0)
          fields.push({ value, problem: { field: key, message: "Too small: expected number to be >=0" } });
      }
      return fields.find((f) => f.problem)?.problem;
    case "dtmf_received":
      if (typeof body.digit !== "string") return { field: "digit", message: "is required" };
      return /^[0-9*#A-D]$/.test(body.digit) ? undefined : { field: "digit", message: "must be one of 0-9, *, #, A-D" };
    case "session_end":
      return text(body, "reason", "reason", 200, tooBig(200)).problem;
    default:
      return undefined;
  }
}

/** Checks one event and names the first wrong field ("session.id is required"), as parseEvent does. */
export function checkEvent(body: unknown): EventParse {
  if (!isRecord(body)) return { ok: false, error: "The event must be a JSON object.", field: "_" };
  const type = body.type;
  if (typeof type !== "string")
    return { ok: false, error: 'type is required: the event type, e.g. "session_start".', field: "type" };
  const known = aiFlowEventTypes.find((t) => t === type);
  if (!known)
    return {
      ok: false,
      error: `type "${type.slice(0, 60)}" is not an AI Flow event; expected one of ${aiFlowEventTypes.join(", ")}.`,
      field: "type",
    };
  const { session, problem: sessionProblem } = checkSession(body.session);
  const problem = sessionProblem ?? typeFields(known, body);
  if (problem || !session) {
    const p = problem ?? { field: "session", message: "is required" };
    return { ok: false, error: `${p.field} ${p.message}.`, field: p.field };
  }
  return { ok: true, event: eventOf(known, body, session) };
}

/** The checked event, typed: the body as sent (extra fields kept) with the session id trimmed. */
function eventOf(type: AiFlowEvent["type"], body: Record<string, unknown>, session: SessionInfo): AiFlowEvent {
  const base = { ...body, session };
  switch (type) {
    case "user_speak": {
      const { text: said, transcript, barged_in } = body;
      return {
        ...base,
        type,
        ...(typeof said === "string" ? { text: said } : {}),
        ...(typeof transcript === "string" ? { transcript } : {}),
        ...(typeof barged_in === "boolean" ? { barged_in } : {}),
      };
    }
    case "user_barge_in":
      return { ...base, type, text: typeof body.text === "string" ? body.text : "" };
    case "dtmf_received":
      return { ...base, type, digit: typeof body.digit === "string" ? body.digit : "" };
    case "assistant_speak": {
      const { text: spoken, ssml, duration_ms, speech_started_at } = body;
      return {
        ...base,
        type,
        ...(typeof spoken === "string" ? { text: spoken } : {}),
        ...(typeof ssml === "string" ? { ssml } : {}),
        ...(typeof duration_ms === "number" ? { duration_ms } : {}),
        ...(typeof speech_started_at === "number" ? { speech_started_at } : {}),
      };
    }
    case "session_end":
      return { ...base, type, ...(typeof body.reason === "string" ? { reason: body.reason } : {}) };
    default:
      return { ...base, type };
  }
}
