import type { CallParty } from "@/lib/db/schema";

import type { CallRecord, CallRecordSegment } from "./call-record";

// A call as a vCon 0.4.0 document (IETF draft JSON schema) that Switchboard's own importer maps
// back field for field: our data travels in analyses with `vendor: "switchboard"` whose body
// shapes lib/providers/vcon/switchboard.ts reads, so a re-import neither guesses nor trims.
// Other vCon consumers still find the usual places filled: subject, parties, one text dialog
// holding the conversation, summary/transcript analyses and a tags attachment.

const VENDOR = "switchboard";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Only the keys whose value is known: vCon readers take a missing key as "not stated". */
function known(entries: Record<string, Json | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) out[key] = value;
  return out;
}

const orUndefined = <T>(value: T | null): T | undefined => value ?? undefined;

function vconParty(p: CallParty): JsonObject {
  return known({
    // Not a core vCon field, but the schema allows extra keys and the importer reads our four roles.
    role: p.role,
    tel: p.number,
    name: p.name,
    mailto: p.email,
    meta: p.extension !== undefined ? { extension: p.extension } : undefined,
  });
}

/** The conversation as a text message body: one "Speaker: words" line per segment. */
function conversationText(transcript: CallRecordSegment[]): string {
  return transcript
    .map((s) => {
      const who = s.speaker ?? s.speakerRole;
      return who ? `${who}: ${s.text}` : s.text;
    })
    .join("\n");
}

/** A text analysis; skipped when the call has no such text. */
function textAnalysis(type: string, body: string | null, mediatype = "text/plain"): JsonObject[] {
  return body === null ? [] : [{ type, vendor: VENDOR, dialog: 0, mediatype, encoding: "none", body }];
}

/** A list analysis: the schema allows any JSON value as body when encoding is "json". */
function listAnalysis(type: string, body: Json[], extra: JsonObject = {}): JsonObject {
  return { type, vendor: VENDOR, dialog: 0, mediatype: "application/json", encoding: "json", body, ...extra };
}

/** A list analysis; skipped when the call has no entries of that kind. */
const listAnalyses = (type: string, body: Json[]): JsonObject[] =>
  body.length === 0 ? [] : [listAnalysis(type, body)];

function analyses(record: CallRecord): JsonObject[] {
  const transcript = record.transcript.map((s) =>
    known({
      speaker: orUndefined(s.speaker),
      role: orUndefined(s.speakerRole),
      start_ms: orUndefined(s.startMs),
      end_ms: orUndefined(s.endMs),
      text: s.text,
    }),
  );
  const smallTalk = record.smallTalk.map((t) =>
    known({
      topic: t.topic,
      description: t.description,
      pinned: t.isPinned ?? false,
      dismissed: t.isDismissed ?? false,
    }),
  );
  return [
    // Always written, even empty: an explicit empty transcript keeps the importer from
    // rebuilding one out of the dialog text.
    listAnalysis("transcript", transcript, record.language ? { language: record.language } : {}),
    ...textAnalysis("summary", record.summary),
    // The sanitised HTML as a second rendering of the same summary, after the plain one
    // (readers that take the first summary get text). Summary and HTML are stored together.
    ...textAnalysis("summary", record.summary === null ? null : record.summaryHtml, "text/html"),
    ...textAnalysis("headline", record.headline),
    ...textAnalysis("note", record.note),
    ...listAnalyses(
      "action_items",
      record.actionItems.map((a) => ({ text: a.text, done: a.isDone })),
    ),
    ...listAnalyses("small_talk", smallTalk),
    ...listAnalyses(
      "smart_answers",
      record.smartAnswers.map((s) => ({ question: s.question, answer: s.answer })),
    ),
  ];
}

export function callToVcon(record: CallRecord): Record<string, unknown> {
  // The schema requires a start on every dialog; a call without one is dated by its creation,
  // which is also what the importer assumes for a vCon without dialog times.
  const start = (record.startedAt ?? record.createdAt).toISOString();
  const dialog = known({
    type: "text",
    start,
    duration: orUndefined(record.durationSeconds),
    parties: record.parties.map((_, index) => index),
    mediatype: "text/plain",
    encoding: "none",
    body: conversationText(record.transcript),
    application: orUndefined(record.channel),
  });
  // The schema requires start, party and dialog on an attachment; with no party to name, the
  // tags go into an analysis instead, which the importer reads as well.
  const tags: Json[] = [...record.tags];
  const tagsAsAttachment = record.tags.length > 0 && record.parties.length > 0;
  const tagsAsAnalysis = record.tags.length > 0 && !tagsAsAttachment;

  return known({
    vcon: "0.4.0",
    uuid: record.id,
    created_at: record.createdAt.toISOString(),
    updated_at: (record.vendorUpdatedAt ?? record.updatedAt).toISOString(),
    subject: orUndefined(record.headline),
    // Top-level meta is not in the core schema, which leaves extra keys open; the importer reads the direction here.
    meta: { direction: record.direction },
    parties: record.parties.map(vconParty),
    dialog: [dialog],
    analysis: [...analyses(record), ...(tagsAsAnalysis ? [listAnalysis("tags", tags)] : [])],
    attachments: tagsAsAttachment
      ? [{ purpose: "tags", start, party: 0, dialog: 0, mediatype: "application/json", encoding: "json", body: tags }]
      : [],
  });
}
