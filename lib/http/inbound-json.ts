import { cleanText } from "@/lib/text/clean-text";

// One gate for every JSON body a vendor or the AI Flow platform sends us. JSON.parse copes with
// almost anything; what comes after it does not: recursive walkers, zod and jsonb overflow their
// stacks on deep nesting, PostgreSQL refuses NUL and lone surrogates, and numbers JavaScript reads
// as Infinity (1e999999) or 0 (1e-999999), or that have thousands of digits, fail as jsonb.

/** Deeper than this is refused: real payloads nest a handful of levels (a vCon about eight). */
export const MAX_JSON_DEPTH = 64;
/** Longer number literals are refused: no vendor's value needs them, and jsonb refuses some. */
const MAX_NUMBER_LENGTH = 100;

export type InboundJson =
  | { ok: true; value: unknown; text: string; isCleaned: boolean }
  | { ok: false; reason: "syntax" | "depth" | "number"; error: string; field: string };

type Frame = { isObject: boolean; key: string; index: number; expectsKey: boolean };
type Refusal = Extract<InboundJson, { ok: false }>;

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// Only these strings can hold something to clean or escape sequences to decode.
const MAY_CHANGE = /[\\\uD800-\uDFFF]/;

/** The field a position is in, as our 422s name fields elsewhere ("call.startTime", "transcriptions.0"). */
const fieldOf = (stack: Frame[]): string => {
  const path = stack.map((f) => (f.isObject ? f.key : String(f.index))).join(".");
  const field = path === "" ? "_" : path;
  return field.length > 200 ? `${field.slice(0, 200)}…` : field;
};

/** Index just past the string starting at `start` (an opening quote) in valid JSON. */
function stringEnd(text: string, start: number): number {
  let at = start + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

function numberProblem(token: string): string | undefined {
  const n = Number(token);
  if (token.length > MAX_NUMBER_LENGTH) return `the number has more than ${MAX_NUMBER_LENGTH} characters`;
  if (!Number.isFinite(n)) return `the number ${token.slice(0, 40)} is too large`;
  if (n === 0 && /[1-9]/.test(token.split(/[eE]/)[0] ?? ""))
    return `the number ${token.slice(0, 40)} is too small to represent`;
  return undefined;
}

/**
 * One pass over text JSON.parse has accepted, without recursion: refuses nesting deeper than
 * MAX_JSON_DEPTH and numbers out of range (naming the field), and rewrites the strings (keys too)
 * that hold NUL or lone surrogates. Everything else keeps its exact spelling.
 */
function scan(text: string): { ok: true; text: string } | Refusal {
  const stack: Frame[] = [];
  const parts: string[] = [];
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (c === 0x7b || c === 0x5b) {
      stack.push({ isObject: c === 0x7b, key: "", index: 0, expectsKey: c === 0x7b });
      if (stack.length > MAX_JSON_DEPTH) {
        return {
          ok: false,
          reason: "depth",
          field: fieldOf(stack.slice(0, MAX_JSON_DEPTH)),
          error: `The JSON nests deeper than ${MAX_JSON_DEPTH} levels.`,
        };
      }
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
      i++;
    } else if (c === 0x2c && top) {
      if (top.isObject) top.expectsKey = true;
      else top.index++;
      i++;
    } else if (c === 0x3a && top) {
      top.expectsKey = false;
      i++;
    } else if (c === 0x22) {
      const end = stringEnd(text, i);
      const token = text.slice(i, end);
      const mayChange = MAY_CHANGE.test(token);
      const parsed: unknown = mayChange ? JSON.parse(token) : undefined;
      const decoded = typeof parsed === "string" ? parsed : token.slice(1, -1);
      const cleaned = mayChange ? cleanText(decoded) : decoded;
      if (cleaned !== decoded) {
        parts.push(text.slice(copied, i), JSON.stringify(cleaned));
        copied = end;
      }
      if (top?.isObject && top.expectsKey) top.key = cleaned;
      i = end;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = i;
      const token = NUMBER.exec(text)?.[0] ?? text[i] ?? "";
      const problem = numberProblem(token);
      if (problem)
        return { ok: false, reason: "number", field: fieldOf(stack), error: `${fieldOf(stack)}: ${problem}.` };
      i += token.length;
    } else {
      i++;
    }
  }
  return { ok: true, text: parts.length === 0 ? text : parts.join("") + text.slice(copied) };
}

/**
 * Parses an inbound JSON body. Refused: text that is not JSON, nesting deeper than 64 levels,
 * numbers out of range, each with the field named. Accepted bodies come back with NUL removed
 * and lone surrogates replaced by U+FFFD (in `value` and in `text`, which is the body as sent
 * when nothing needed cleaning), so what is stored is what the vendor sent, minus what no
 * database can hold.
 */
export function parseInboundJson(text: string): InboundJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : "parse error";
    return {
      ok: false,
      reason: "syntax",
      field: "_",
      error: `The body is not valid JSON: ${cleanText(reason).slice(0, 300)}`,
    };
  }
  const scanned = scan(text);
  if (!scanned.ok) return scanned;
  if (scanned.text === text) return { ok: true, value, text, isCleaned: false };
  const cleaned: unknown = JSON.parse(scanned.text);
  return { ok: true, value: cleaned, text: scanned.text, isCleaned: true };
}
