// Find in transcript, ignoring case and accents ("muller" finds "Müller"), with the matches
// mapped back to the original text so they can be highlighted where they are.

/** A text folded for matching, with the index in the original text of every folded character. */
export type FoldedText = { text: string; origin: number[]; length: number };

export type MatchRange = { start: number; end: number };

/** The matches of one search: per line, and how many in all. */
export type FindResult = { byLine: Map<number, MatchRange[]>; order: Array<{ line: number; start: number }> };

const foldChar = (ch: string): string => {
  const code = ch.charCodeAt(0);
  if (code < 128) return ch.toLowerCase();
  return ch.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
};

export function foldText(text: string): FoldedText {
  let folded = "";
  const origin: number[] = [];
  let index = 0;
  for (const ch of text) {
    const f = foldChar(ch);
    for (let k = 0; k < f.length; k++) origin.push(index);
    folded += f;
    index += ch.length;
  }
  return { text: folded, origin, length: text.length };
}

/** The query as it is matched: folded, trimmed, inner whitespace as typed. */
export const foldQuery = (query: string): string => foldText(query.trim()).text;

function rangesIn(line: FoldedText, needle: string): MatchRange[] {
  const ranges: MatchRange[] = [];
  for (let at = line.text.indexOf(needle); at !== -1; at = line.text.indexOf(needle, at + needle.length)) {
    const start = line.origin[at] ?? line.length;
    const after = at + needle.length;
    // A match ending inside a character that folded into several still covers that whole character.
    let end = after < line.origin.length ? (line.origin[after] ?? line.length) : line.length;
    if (end <= start) end = Math.min(line.length, start + 1);
    ranges.push({ start, end });
  }
  return ranges;
}

/** Every match of the query in the lines, in reading order. */
export function findInLines(lines: FoldedText[], query: string): FindResult {
  const needle = foldQuery(query);
  const byLine = new Map<number, MatchRange[]>();
  const order: FindResult["order"] = [];
  if (!needle) return { byLine, order };
  lines.forEach((line, i) => {
    const ranges = rangesIn(line, needle);
    if (ranges.length === 0) return;
    byLine.set(i, ranges);
    for (const r of ranges) order.push({ line: i, start: r.start });
  });
  return { byLine, order };
}

/** The text cut into plain and matched pieces, for rendering. */
export function splitByRanges(
  text: string,
  ranges: MatchRange[],
): Array<{ text: string; start: number; isMatch: boolean }> {
  const pieces: Array<{ text: string; start: number; isMatch: boolean }> = [];
  let at = 0;
  for (const r of ranges) {
    if (r.start > at) pieces.push({ text: text.slice(at, r.start), start: at, isMatch: false });
    pieces.push({ text: text.slice(r.start, r.end), start: r.start, isMatch: true });
    at = r.end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), start: at, isMatch: false });
  return pieces;
}
