import { parseTimestamp } from "./dates";
import { roleFromWord } from "./parties";
import { speakerOf, type RawSegment } from "./raw-segment";
import { segmentsFromText } from "./transcript-text";
import { finiteNumber, isIndex, isRecord, label, stringText, text, type JsonObject } from "./values";

// Structured transcript bodies. Recognised by their shape, not by vendor name, because the same
// shape turns up under many vendor labels: Deepgram (a whole response, one alternative, its
// utterances, paragraphs or words), Whisper and WTF (`segments`), lists of turns in their many
// spellings ({speaker, message}, {agent: "..."}, {parties, start, duration, text}), plain text.

export type Extracted = { segments: RawSegment[]; language?: string };

const textKeys = ["text", "message", "transcript", "content", "utterance", "body", "value"];
const listKeys = ["utterances", "segments", "messages", "conversation", "turns", "dialogue", "monologues", "entries"];

const ms = (value: unknown): number | undefined => {
  const n = finiteNumber(value);
  return n !== undefined && n >= 0 ? Math.round(n) : undefined;
};
// Offsets in these shapes are seconds (Deepgram, Whisper, WTF, subtitle-derived JSON).
const secondsToMs = (value: unknown): number | undefined => {
  const n = finiteNumber(value);
  return n !== undefined && n >= 0 ? Math.round(n * 1000) : undefined;
};

function itemText(item: JsonObject): string | undefined {
  for (const key of textKeys) {
    const value = stringText(item[key]);
    if (value !== undefined) return value;
  }
  if (Array.isArray(item.sentences)) {
    const joined = item.sentences
      .map((s) => (isRecord(s) ? text(s.text) : undefined))
      .filter(Boolean)
      .join(" ");
    if (joined !== "") return joined;
  }
  return isRecord(item.transcript) ? text(item.transcript.text) : undefined;
}

function itemTimes(item: JsonObject): Pick<RawSegment, "startMs" | "endMs" | "at" | "until"> {
  const duration = finiteNumber(item.duration);
  // Wall-clock starts (an ISO string) appear in redacted IETF examples; offsets everywhere else.
  const at =
    typeof item.start === "string" && finiteNumber(item.start) === undefined ? parseTimestamp(item.start) : undefined;
  if (at) {
    const end = parseTimestamp(item.end);
    const until =
      end ?? (duration !== undefined && duration >= 0 ? new Date(at.getTime() + duration * 1000) : undefined);
    return { at, until };
  }
  const startMs = ms(item.start_ms ?? item.startMs) ?? secondsToMs(item.start ?? item.start_time ?? item.begin);
  let endMs = ms(item.end_ms ?? item.endMs) ?? secondsToMs(item.end ?? item.end_time);
  if (endMs === undefined && startMs !== undefined && duration !== undefined && duration >= 0)
    endMs = startMs + Math.round(duration * 1000);
  return { startMs, endMs };
}

function itemSpeaker(item: JsonObject): Omit<RawSegment, "text"> {
  // A speaker object ({id, name}) is named by its name, else its id.
  const who = isRecord(item.speaker) ? (item.speaker.name ?? item.speaker.id) : item.speaker;
  const named = speakerOf(
    who ?? item.speaker_name ?? item.speakerName ?? item.speaker_label ?? item.name ?? item.speaker_id,
  );
  const party =
    Array.isArray(item.parties) && item.parties.length === 1 ? item.parties[0] : (item.party ?? item.parties);
  const role = roleFromWord(item.role) ?? roleFromWord(item.speaker_role) ?? roleFromWord(item.speakerRole);
  return { ...named, ...(isIndex(party) ? { partyIndex: party } : {}), ...(role ? { role } : {}) };
}

function fromItem(item: unknown): RawSegment[] {
  if (typeof item === "string") return segmentsFromText(item, "transcript");
  // A bot's system prompt is part of some turn lists but was never said on the call.
  if (!isRecord(item) || label(item.role) === "system") return [];
  const said = itemText(item);
  if (said !== undefined) return [{ ...itemSpeaker(item), ...itemTimes(item), text: said }];
  // {"agent": "Hello"}: the only key names the speaker.
  const [only, ...others] = Object.entries(item);
  const alone = only && others.length === 0 ? stringText(only[1]) : undefined;
  return only && alone !== undefined ? [{ ...speakerOf(only[0]), text: alone }] : [];
}

const fromList = (items: unknown[]): RawSegment[] => items.flatMap(fromItem);

/** Deepgram words carry the speaker per word; consecutive words of one speaker form a turn. */
function fromWords(words: unknown[]): RawSegment[] {
  if (!words.some((w) => isRecord(w) && w.speaker !== undefined)) return [];
  const segments: RawSegment[] = [];
  let key: string | undefined;
  for (const w of words) {
    if (!isRecord(w)) continue;
    const word = text(w.punctuated_word) ?? text(w.word) ?? text(w.text);
    if (word === undefined) continue;
    const who = speakerOf(w.speaker);
    const current = segments.at(-1);
    if (current && key === (who.voice ?? who.speaker)) {
      current.text += ` ${word}`;
      current.endMs = secondsToMs(w.end) ?? current.endMs;
    } else {
      key = who.voice ?? who.speaker;
      segments.push({ ...who, text: word, startMs: secondsToMs(w.start), endMs: secondsToMs(w.end) });
    }
  }
  return segments;
}

const languageAt = (body: JsonObject): string | undefined =>
  text(body.language) ??
  text(body.detected_language) ??
  (isRecord(body.transcript) ? text(body.transcript.language) : undefined);

function fromObject(body: JsonObject, depth: number): Extracted {
  const language = languageAt(body);
  const found = (segments: RawSegment[], inner?: string): Extracted => ({ segments, language: language ?? inner });
  if (depth > 4) return found([]);
  // Wrappers: a Deepgram response, its channels and alternatives.
  for (const key of ["results", "result"]) {
    const inner = body[key];
    if (isRecord(inner)) {
      const r = fromObject(inner, depth + 1);
      if (r.segments.length > 0) return found(r.segments, r.language);
    }
  }
  for (const key of listKeys) {
    const list = body[key];
    const segments = Array.isArray(list) ? fromList(list) : [];
    if (segments.length > 0) return found(segments);
  }
  for (const key of ["channels", "alternatives"]) {
    const first: unknown = Array.isArray(body[key]) ? body[key][0] : undefined;
    if (isRecord(first)) {
      const r = fromObject(first, depth + 1);
      if (r.segments.length > 0) return found(r.segments, r.language);
    }
  }
  if (isRecord(body.paragraphs) && Array.isArray(body.paragraphs.paragraphs)) {
    const segments = fromList(body.paragraphs.paragraphs);
    if (segments.length > 0) return found(segments);
  }
  if (Array.isArray(body.words)) {
    const segments = fromWords(body.words);
    if (segments.length > 0) return found(segments);
  }
  const whole =
    stringText(body.transcript) ??
    stringText(body.text) ??
    (isRecord(body.transcript) ? stringText(body.transcript.text) : undefined);
  if (whole !== undefined) return found(segmentsFromText(whole, "transcript"));
  if (Array.isArray(body.transcript)) return found(fromList(body.transcript));
  return found([]);
}

/** Transcript lines of a decoded analysis body in any of the shapes above (none: empty). */
export function segmentsFromBody(body: unknown): Extracted {
  if (typeof body === "string") return { segments: segmentsFromText(body, "transcript") };
  if (Array.isArray(body)) return { segments: fromList(body) };
  return isRecord(body) ? fromObject(body, 0) : { segments: [] };
}
