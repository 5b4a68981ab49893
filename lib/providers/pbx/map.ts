import type { NormalisedCallInput } from "@/lib/calls/model";
import { canonicalJson, sha256Hex } from "@/lib/canonical-json";

import { offsetsAreSeconds, toDate, toSeconds } from "../time";
import { pbxFields, pbxNestedScopes, type PbxField } from "./fields";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const squash = (name: string) => name.toLowerCase().replace(/[_-]/g, "");
const scopeNames = pbxNestedScopes.map(squash);

/** The objects searched for fields: the body first, then its known nested objects. */
function scopes(body: Json): Json[] {
  const nested = Object.entries(body)
    .filter(([key, value]) => scopeNames.includes(squash(key)) && isObject(value))
    .map(([, value]) => value)
    .filter(isObject);
  return [body, ...nested];
}

function find(objects: Json[], field: PbxField): unknown {
  const names = pbxFields[field].names.map(squash);
  for (const name of names) {
    for (const object of objects) {
      for (const [key, value] of Object.entries(object)) {
        // No field takes a plain object: those are nested scopes (summary: {overview, notes, ...}).
        if (squash(key) === name && value !== null && value !== undefined && value !== "" && !isObject(value))
          return value;
      }
    }
  }
  return undefined;
}

const str = (v: unknown): string | undefined =>
  typeof v === "string" ? v.trim() || undefined : typeof v === "number" ? String(v) : undefined;

const texts = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.flatMap(texts)
    : typeof v === "string"
      ? [v.trim()].filter(Boolean)
      : isObject(v)
        ? texts(v.text ?? v.title ?? v.description ?? v.content)
        : [];

function directionOf(value: unknown, internal: unknown): NormalisedCallInput["direction"] {
  if (internal === true || internal === "true" || internal === 1) return "internal";
  const v = str(value)?.toLowerCase();
  if (v === "inbound" || v === "in" || v === "incoming") return "inbound";
  if (v === "outbound" || v === "out" || v === "outgoing") return "outbound";
  if (v === "internal" || v === "local") return "internal";
  return "unknown";
}

function actionPoints(value: unknown): NormalisedCallInput["actionItems"] {
  const items =
    typeof value === "string"
      ? value.split(/\r?\n/).map((line) => line.replace(/^\s*([-*•]|\d+[.)])\s*/, ""))
      : Array.isArray(value)
        ? value
        : [];
  return items.flatMap((item) => {
    if (typeof item === "string") return item.trim() ? [{ text: item.trim(), isDone: false }] : [];
    if (!isObject(item)) return [];
    const text = texts(item)[0];
    const done = item.done ?? item.completed ?? item.is_done;
    return text ? [{ text, isDone: done === true || item.status === "done" || item.status === "completed" }] : [];
  });
}

function transcript(value: unknown, durationSeconds: number | undefined): NormalisedCallInput["transcript"] {
  if (typeof value === "string") {
    return value
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const match = /^([^:]{1,60}):\s+(.+)$/.exec(line);
        return match ? { speaker: match[1], text: match[2] ?? "" } : { text: line };
      });
  }
  if (!Array.isArray(value)) return [];
  const rows = value.filter(isObject);
  const offsets = rows
    .flatMap((r) => [r.start, r.end, r.start_time, r.end_time])
    .filter((o): o is number => typeof o === "number");
  const scale = offsetsAreSeconds(offsets, durationSeconds) ? 1000 : 1;
  const ms = (o: unknown) => (typeof o === "number" && o >= 0 ? Math.round(o * scale) : undefined);
  return rows
    .map((r) => ({
      speaker: str(r.speaker ?? r.name ?? r.party),
      startMs: ms(r.start ?? r.start_time),
      endMs: ms(r.end ?? r.end_time),
      text: texts(r.text ?? r.message ?? r.content)[0] ?? "",
    }))
    .filter((s) => s.text);
}

/** Maps a PBX summary body by the accepted field names (see fields.ts). */
export function mapPbxBody(body: Json): NormalisedCallInput {
  const objects = scopes(body);
  const get = (field: PbxField) => find(objects, field);
  const durationSeconds = toSeconds(get("duration"));
  const tags = get("tags");
  const extension = str(get("extension"));
  const caller = str(get("caller"));
  const callee = str(get("callee"));
  const direction = directionOf(get("direction"), get("internal"));
  return {
    vendorCallId: str(get("callId")) ?? `sha256:${sha256Hex(canonicalJson(body))}`,
    direction,
    startedAt: toDate(get("start")),
    endedAt: toDate(get("end")),
    durationSeconds,
    headline: str(get("headline")),
    summary: str(get("summary")),
    summaryHtml: str(get("summaryHtml")),
    note: texts(get("notes")).join("\n") || undefined,
    language: str(get("language")),
    tags:
      typeof tags === "string"
        ? tags
            .split(",")
            .map((t) => t.trim())
            .filter(Boolean)
        : texts(tags),
    actionItems: actionPoints(get("actionPoints")),
    transcript: transcript(get("transcript"), durationSeconds),
    parties: [
      ...(caller || get("callerName")
        ? [
            {
              role: "caller" as const,
              number: caller,
              name: str(get("callerName")),
              extension: direction === "outbound" ? extension : undefined,
            },
          ]
        : []),
      ...(callee || get("calleeName")
        ? [
            {
              role: "callee" as const,
              number: callee,
              name: str(get("calleeName")),
              extension: direction !== "outbound" ? extension : undefined,
            },
          ]
        : []),
    ],
  };
}
