// vCon timestamps should be RFC 3339, but real files also carry ISO times without a zone, a space
// instead of "T", microseconds, RFC 2822 dates ("Wed, 18 May 2022 23:05:05 -0000") and epochs.

const iso =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function fromIso(value: string): Date | undefined {
  const m = iso.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h = "0", mi = "0", s = "0", fraction = "", zone] = m;
  const ms = Number(fraction.slice(0, 3).padEnd(3, "0"));
  let time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  // A time without a zone is taken as UTC: producers that omit it (Python's naive datetimes) log UTC.
  if (zone && zone.toUpperCase() !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || "0");
    time -= sign * offsetMinutes * 60_000;
  }
  const date = new Date(time);
  // Date.UTC rolls 2024-02-31 over to March; a date that does not round-trip is not a real date.
  return Number.isNaN(date.getTime()) || Number(mo) > 12 || Number(d) > 31 ? undefined : date;
}

const plausible = (date: Date): boolean => {
  const year = date.getUTCFullYear();
  return year >= 1970 && year <= 2200;
};

/** A Date from a vCon timestamp, or undefined when the value is absent or unreadable. */
export function parseTimestamp(value: unknown): Date | undefined {
  if (typeof value === "number" && Number.isFinite(value)) {
    // Epoch seconds up to the year 5138, milliseconds beyond.
    const date = new Date(value < 1e11 ? value * 1000 : value);
    return plausible(date) ? date : undefined;
  }
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  const date = fromIso(trimmed) ?? fromOther(trimmed);
  return date && plausible(date) ? date : undefined;
}

function fromOther(value: string): Date | undefined {
  // RFC 2822 and similar carry their own zone; anything Date.parse cannot read stays unknown.
  if (!/[a-z]{3}/i.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time);
}
