// Small readers for loosely typed vCon values: producers disagree on types, so every field the
// importer uses passes through one of these instead of being trusted.

export type JsonObject = Record<string, unknown>;

export const isRecord = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A trimmed, non-empty string; numbers count (extensions and ids are often sent as numbers). */
export function text(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** Like text(), but only for strings: where a number would not be prose. */
export const stringText = (value: unknown): string | undefined => (typeof value === "string" ? text(value) : undefined);

/** The first of several candidate values that is usable text. */
export function firstText(...values: unknown[]): string | undefined {
  for (const value of values) {
    const found = text(value);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Cuts a string to the model's limit rather than refusing a whole call over one long field. */
export function clip(value: string | undefined, max: number): string | undefined {
  if (value === undefined) return undefined;
  if (value.length <= max) return value;
  // Avoid leaving half of a surrogate pair at the end.
  const end = /[\uD800-\uDBFF]/.test(value.charAt(max - 1)) ? max - 1 : max;
  return value.slice(0, end);
}

/** A finite number, also from a numeric string ("67.5"), which some producers send. */
export function finiteNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && /^\s*-?\d+(?:\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/** A whole, non-negative number: the only thing that can index parties or dialogs. */
export const isIndex = (value: unknown): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= 0;

/** Lower-cased, trimmed label for comparisons ("Agent " → "agent"). */
export const label = (value: unknown): string | undefined => text(value)?.toLowerCase();

/** How a value looks, for error messages ("a string (\"long\")", "null"). */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string")
    return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "boolean") return `the boolean ${value}`;
  return typeof value === "object" ? "an object" : typeof value;
}
