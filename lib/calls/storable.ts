import type { NormalisedCallInput } from "./model";

// What the calls tables can hold: integer columns are int4, and times are kept to the years
// 0001–9999, which PostgreSQL stores and JavaScript writes as plain ISO 8601 (beyond them it
// writes "+010000-01-01", which PostgreSQL refuses). A vendor's value outside these ranges is
// not a real duration or time; it is left out of the call (the raw payload keeps it).

export const INT4_MAX = 2_147_483_647;
const EARLIEST = Date.parse("0001-01-01T00:00:00.000Z");
const LATEST = Date.parse("9999-12-31T23:59:59.999Z");

/** The date when PostgreSQL and ISO 8601 can both hold it, else undefined. */
export function storableDate(value: Date | null | undefined): Date | undefined {
  if (!value) return undefined;
  const time = value.getTime();
  return Number.isFinite(time) && time >= EARLIEST && time <= LATEST ? value : undefined;
}

/** A whole number an int4 column holds, else undefined. */
export const storableInt = (value: number | null | undefined): number | undefined =>
  typeof value === "number" && Number.isInteger(value) && Math.abs(value) <= INT4_MAX ? value : undefined;

/**
 * A mapped call with every time and number the tables cannot hold left out, so that a vendor's
 * garbage duration does not cost the call its summary. Negative values are left for the model to
 * refuse: they are wrong in a way a vendor can fix, not unstorable.
 */
export function withinStorableRanges(call: NormalisedCallInput): NormalisedCallInput {
  const keepInt = (n: number | undefined) =>
    n === undefined || storableInt(Math.round(n)) !== undefined ? n : undefined;
  const keepDate = (d: Date | undefined) => (d === undefined ? undefined : storableDate(d));
  return {
    ...call,
    startedAt: keepDate(call.startedAt),
    endedAt: keepDate(call.endedAt),
    vendorUpdatedAt: keepDate(call.vendorUpdatedAt),
    durationSeconds: keepInt(call.durationSeconds),
    transcript: call.transcript?.map((s) => ({ ...s, startMs: keepInt(s.startMs), endMs: keepInt(s.endMs) })),
  };
}
