import { storableDate } from "@/lib/calls/storable";

// Vendors disagree on time units, and some get their own documented unit wrong. These helpers
// decide by magnitude, so a payload in seconds where milliseconds were promised still imports.

const MS_EPOCH_MIN = 1e11; // 1973 in ms; anything smaller is seconds (1e11 s would be the year 5138)

/** An absolute time from epoch seconds, epoch milliseconds or an ISO string (no zone = UTC); undefined when unreadable or out of range. */
export function toDate(value: unknown): Date | undefined {
  if (typeof value === "number" && Number.isFinite(value) && value > 0) {
    return storableDate(new Date(value >= MS_EPOCH_MIN ? value : value * 1000));
  }
  if (typeof value === "string" && value.trim()) {
    const trimmed = value.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed)) return toDate(Number(trimmed));
    const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed);
    const isoLike = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(trimmed);
    const date = new Date(isoLike && !hasZone ? `${trimmed.replace(" ", "T")}Z` : trimmed);
    return storableDate(date);
  }
  return undefined;
}

/** A non-negative number of seconds from a number or numeric string. */
export function toSeconds(value: unknown): number | undefined {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) && n >= 0 ? Math.round(n) : undefined;
}

/**
 * Offsets within a call (transcript segment times) in milliseconds. They are milliseconds when
 * the vendor says so, unless they cannot be: fractions, or a last offset that fits the call's
 * duration in seconds but would make the talk last under a tenth of it in milliseconds.
 */
export function offsetsAreSeconds(offsets: number[], durationSeconds: number | undefined): boolean {
  if (offsets.length === 0) return false;
  if (offsets.some((o) => !Number.isInteger(o))) return true;
  const last = Math.max(...offsets);
  return (
    durationSeconds !== undefined &&
    durationSeconds > 10 &&
    last <= durationSeconds * 1.05 &&
    last < durationSeconds * 100
  );
}
