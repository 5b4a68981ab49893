/**
 * The PBX summary webhook's body format is not published, so we accept the names PBXs and CDR
 * tools commonly use. This list drives both the mapper and the documentation on the integration
 * page, so the two cannot drift apart. Names match case-insensitively, ignoring "_" and "-",
 * at the top level or inside an object named call, cdr, data, payload, event or summary.
 */
export const pbxFields = {
  callId: {
    label: "Call id",
    names: ["call_id", "callid", "uniqueid", "unique_id", "linkedid", "cdr_id", "call_uuid", "uuid", "id"],
    note: "Without one, a hash of the whole body is the id: the same body sent twice is one call.",
  },
  caller: {
    label: "Caller number",
    names: ["caller", "caller_number", "from", "from_number", "src", "source", "callerid", "caller_id", "ani", "cli"],
  },
  callee: {
    label: "Callee number",
    names: [
      "callee",
      "callee_number",
      "to",
      "to_number",
      "dst",
      "destination",
      "called",
      "called_number",
      "dnis",
      "did",
    ],
  },
  callerName: { label: "Caller name", names: ["caller_name", "from_name", "cnam", "callerid_name"] },
  calleeName: { label: "Callee name", names: ["callee_name", "to_name", "called_name"] },
  extension: {
    label: "User or extension",
    names: ["extension", "user_extension", "user", "agent", "agent_extension", "username"],
  },
  direction: {
    label: "Direction",
    names: ["direction", "call_direction", "call_type"],
    note: "inbound / in / incoming, outbound / out / outgoing, or internal.",
  },
  internal: { label: "Internal call", names: ["internal", "is_internal"], note: "true marks an internal call." },
  start: {
    label: "Start time",
    names: ["start", "start_time", "started_at", "call_start", "begin", "calldate", "date", "timestamp"],
    note: "ISO 8601, or Unix time in seconds or milliseconds.",
  },
  end: { label: "End time", names: ["end", "end_time", "ended_at", "call_end"] },
  duration: {
    label: "Duration",
    names: ["duration", "billsec", "duration_seconds", "call_duration", "talk_time"],
    note: "Seconds.",
  },
  headline: { label: "Headline", names: ["headline", "title", "subject"] },
  summary: {
    label: "Overview / summary",
    names: ["overview", "summary", "ai_summary", "summary_text", "text"],
    note: "Plain text.",
  },
  summaryHtml: {
    label: "Summary as HTML",
    names: ["summary_html", "overview_html", "html"],
    note: "Sanitised before it is shown.",
  },
  notes: { label: "Notes", names: ["notes", "note"], note: "Text, or a list of texts." },
  tags: { label: "Tags", names: ["tags", "labels", "keywords"], note: "A list, or comma-separated text." },
  actionPoints: {
    label: "Action points",
    names: ["action_points", "action_items", "actions", "todos", "tasks"],
    note: "A list of texts or of objects with text (or title/description) and done; or one text with a point per line.",
  },
  language: { label: "Language", names: ["language", "lang", "locale"] },
  transcript: {
    label: "Transcript",
    names: ["transcript", "transcription"],
    note: 'Text with "Name: words" lines, or a list of {speaker, text, start, end}.',
  },
} as const;

export type PbxField = keyof typeof pbxFields;

/** Objects whose fields count as if they were at the top level. */
export const pbxNestedScopes = ["call", "cdr", "data", "payload", "event", "summary", "ai_summary"];
