import { speakerOf, type RawSegment } from "./raw-segment";

// Transcripts that arrive as text: subtitle files (SRT, WebVTT, ASS, as Whisper writes them),
// "Name: text" turns, or plain paragraphs.

const clock = String.raw`(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?`;
const cueTime = new RegExp(`(${clock})\\s*-->\\s*(${clock})`);

/** Milliseconds from "01:02:03,456", "02:03.4" or "0:00:1.00". */
function clockMs(value: string): number {
  const parts = value.replace(",", ".").split(":").map(Number);
  const seconds = parts.reduce((total, part) => total * 60 + part, 0);
  return Math.round(seconds * 1000);
}

// A speaker label is short, starts with a letter and reads like a name, so that "Note: ..." in
// running text is rare and "https://..." or a question never is.
function isPlausibleName(value: string): boolean {
  const name = value.trim();
  if (name.length === 0 || name.length > 50 || !/^\p{L}/u.test(name)) return false;
  if (/[?!;"“”<>{}=\\/|]|https?/i.test(name)) return false;
  return name.split(/\s+/).length <= 5;
}

const nameLine = /^(?:\[[^\]\n]{1,20}\]\s*)?([^:\n]{1,60}?)\s*:\s+(\S.*)$/;

/** "Name: text" → speaker and text, when the prefix reads like a name. */
function splitName(line: string): { speaker: string; text: string } | undefined {
  const m = nameLine.exec(line.trim());
  return m?.[1] && m[2] && isPlausibleName(m[1]) ? { speaker: m[1].trim(), text: m[2].trim() } : undefined;
}

function withSpeaker(line: string, base: Omit<RawSegment, "text">): RawSegment {
  const named = splitName(line);
  return named ? { ...base, ...speakerOf(named.speaker), text: named.text } : { ...base, text: line };
}

function subtitleSegments(text: string): RawSegment[] | undefined {
  if (!cueTime.test(text)) return undefined;
  const segments: RawSegment[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.split("\n");
    const at = lines.findIndex((l) => cueTime.test(l));
    const times = at >= 0 ? cueTime.exec(lines[at] ?? "") : null;
    if (!times?.[1] || !times[2]) continue;
    const raw = lines.slice(at + 1).join(" ");
    const voice = /<v(?:\.[^\s>]+)?\s+([^>]+)>/.exec(raw)?.[1];
    const cue = raw
      .replace(/<[^>]*>/g, "")
      .replace(/\s+/g, " ")
      .trim();
    if (cue === "") continue;
    const base = { startMs: clockMs(times[1]), endMs: clockMs(times[2]) };
    segments.push(voice ? { ...base, ...speakerOf(voice), text: cue } : withSpeaker(cue, base));
  }
  return segments.length > 0 ? segments : undefined;
}

/** ASS/SSA subtitles: the Dialogue lines; karaoke files repeat a line per word, so repeats merge. */
function assSegments(text: string): RawSegment[] | undefined {
  if (!/^\[Script Info\]/i.test(text)) return undefined;
  let columns = ["layer", "start", "end", "style", "name", "marginl", "marginr", "marginv", "effect", "text"];
  const segments: RawSegment[] = [];
  for (const line of text.split("\n")) {
    const format = /^Format:\s*(.*)$/i.exec(line);
    if (format?.[1] && /\btext\b/i.test(format[1])) columns = format[1].split(",").map((c) => c.trim().toLowerCase());
    const dialogue = /^Dialogue:\s*(.*)$/i.exec(line)?.[1];
    if (dialogue === undefined) continue;
    const fields = dialogue.split(",");
    const cell = (name: string) => fields[columns.indexOf(name)]?.trim() ?? "";
    const said = fields
      .slice(columns.length - 1)
      .join(",")
      .replace(/\{[^}]*\}/g, "")
      .replace(/\\N/gi, " ")
      .trim();
    if (said === "") continue;
    const previous = segments.at(-1);
    const endMs = clockMs(cell("end"));
    if (previous && previous.text === said) previous.endMs = endMs;
    else segments.push({ text: said, startMs: clockMs(cell("start")), endMs, ...speakerOf(cell("name") || undefined) });
  }
  return segments.length > 0 ? segments : undefined;
}

/** Paragraphs (split at blank lines); lines opening with "Name:" start a new turn. */
function turns(text: string): { segments: RawSegment[]; named: number } {
  const segments: RawSegment[] = [];
  let current: RawSegment | undefined;
  let named = 0;
  let isAfterBreak = true;
  for (const line of text.split("\n")) {
    const t = line.trim();
    if (t === "") {
      isAfterBreak = true;
      continue;
    }
    const turn = splitName(t);
    if (turn) {
      named++;
      current = { ...speakerOf(turn.speaker), text: turn.text };
      segments.push(current);
    } else if (current && !isAfterBreak) {
      current.text += `\n${t}`;
    } else {
      current = { text: t };
      segments.push(current);
    }
    isAfterBreak = false;
  }
  return { segments, named };
}

/**
 * Segments of a text transcript. A "message" (one text dialog) stays one segment unless it is
 * clearly a whole conversation of two or more named speakers; a "transcript" is split into
 * cues, turns or paragraphs.
 */
export function segmentsFromText(input: string, kind: "transcript" | "message"): RawSegment[] {
  const text = input.replace(/\r\n?/g, "\n").trim();
  if (text === "") return [];
  if (kind === "transcript") {
    const subtitles = assSegments(text) ?? subtitleSegments(text);
    if (subtitles) return subtitles;
  }
  const { segments, named } = turns(text);
  const speakers = new Set(segments.map((s) => s.speaker).filter(Boolean)).size;
  // Most paragraphs must open with a name; otherwise the colons are just part of the text.
  const isConversation = named > 0 && named / segments.length >= 0.6 && (kind === "transcript" || speakers >= 2);
  if (isConversation) {
    // A paragraph without a name continues the previous speaker's turn.
    let last: RawSegment | undefined;
    for (const s of segments) {
      if (s.speaker === undefined && last) Object.assign(s, { speaker: last.speaker, voice: last.voice });
      if (s.speaker !== undefined) last = s;
    }
    return segments;
  }
  if (kind === "message") return [{ text }];
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== "")
    .map((paragraph) => ({ text: paragraph }));
}
