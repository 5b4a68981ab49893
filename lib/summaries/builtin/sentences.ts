// Sentence splitting for call transcripts: vendor text is punctuated by speech recognition,
// unevenly, in three languages; some vendors send none at all.

const LINE = /\r?\n+/u;
// Closing quotes and brackets stay with their sentence, French "»" also after a (thin) space.
const TERMINATOR = /[.!?…]+(?:["'”’)\]]|[ \u00a0\u202f]?»)*/gu;
const WORD_BEFORE = /([\p{L}\p{N}][\p{L}\p{N}.]*)$/u;
const NEXT_WORD = /^\s*(["'«„“(]?)(\p{L}+|\p{N}+)?/u;
const UPPER_OR_DIGIT = /^[\p{Lu}\p{N}]/u;
const HAS_CONTENT = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;
const SINGLE_LETTER = /^\p{L}$/u;
const DAY_NUMBER = /^\d{1,2}$/u;
const STARTS_WITH_DIGIT = /^\p{N}/u;

// Abbreviations a sentence never ends with: titles and "for example"-like shorthand.
const ABBREVIATIONS = new Set(
  "dr mr mrs ms prof st jr sr mt vs approx dept ca bzw vgl z.b u.a d.h o.ä u.u s.o z.t evtl ggf inkl zzgl exkl bspw sog str hr fr mme mlle cf env p.ex e.g i.e".split(
    " ",
  ),
);
// Abbreviations that often do end a sentence: a boundary only when a capital follows.
const SOFT_ABBREVIATIONS = new Set(["etc", "usw", "u.s.w", "etc.pp", "a.m", "p.m"]);
// "No. 5", "Nr. 7781", but "No. Thank you."
const NUMBER_ABBREVIATIONS = new Set(["no", "nr", "tel", "fax"]);
const MONTHS = new Set(
  "januar februar märz april mai juni juli august september oktober november dezember jan feb mär apr jun jul aug sep sept okt nov dez".split(
    " ",
  ),
);

/** Longer pieces (a vendor that sends no punctuation) are cut into runs of words that still read as phrases. */
const MAX_SENTENCE = 320;
const CHUNK_WORDS = 30;

function isBoundary(line: string, start: number, end: number): boolean {
  if (end < line.length && !SPACE.test(line.charAt(end))) return false; // "49.99", "z.B.", "example.com"
  const mark = line.slice(start, end);
  const isEllipsis = mark.startsWith("…") || mark.startsWith("...");
  const next = NEXT_WORD.exec(line.slice(end, end + 40));
  const nextWord = next?.[2] ?? "";
  const isCapitalNext = end >= line.length || UPPER_OR_DIGIT.test(nextWord) || nextWord === "";
  if (isEllipsis) return isCapitalNext;
  if (mark.charAt(0) !== ".") return true;
  const before = WORD_BEFORE.exec(line.slice(Math.max(0, start - 16), start))?.[1]?.toLowerCase() ?? "";
  if (before === "") return true;
  if (ABBREVIATIONS.has(before)) return false;
  if (SOFT_ABBREVIATIONS.has(before)) return isCapitalNext;
  if (NUMBER_ABBREVIATIONS.has(before)) return !STARTS_WITH_DIGIT.test(nextWord);
  // An initial ("J. Smith") or a German ordinal date ("am 3. Oktober").
  if (SINGLE_LETTER.test(before)) return false;
  if (DAY_NUMBER.test(before) && MONTHS.has(nextWord.toLowerCase())) return false;
  return true;
}

function chunk(piece: string, out: string[]): void {
  if (piece.length <= MAX_SENTENCE) {
    out.push(piece);
    return;
  }
  const words = piece.split(/\s+/u);
  for (let i = 0; i < words.length; i += CHUNK_WORDS) out.push(words.slice(i, i + CHUNK_WORDS).join(" "));
}

export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(LINE)) {
    let from = 0;
    TERMINATOR.lastIndex = 0;
    for (let match = TERMINATOR.exec(line); match; match = TERMINATOR.exec(line)) {
      const end = match.index + match[0].length;
      if (!isBoundary(line, match.index, end)) continue;
      const piece = line.slice(from, end).trim();
      if (HAS_CONTENT.test(piece)) chunk(piece, out);
      from = end;
    }
    const rest = line.slice(from).trim();
    if (HAS_CONTENT.test(rest)) chunk(rest, out);
  }
  return out;
}
