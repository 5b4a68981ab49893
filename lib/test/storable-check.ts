import { INT4_MAX, storableDate } from "@/lib/calls/storable";

// What PostgreSQL refuses in a call's columns, checked on a value before it gets there: for the
// pure fuzz tests, which run thousands of cases without a database.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first thing in a value PostgreSQL would refuse (path and why), or undefined. */
export function unstorable(value: unknown, path = "", depth = 0): string | undefined {
  if (depth > 64) return `${path}: nested deeper than 64`;
  if (typeof value === "string") {
    if (value.includes("\u0000")) return `${path}: NUL`;
    if (LONE_SURROGATE.test(value)) return `${path}: lone surrogate`;
    return undefined;
  }
  if (typeof value === "number") return Number.isFinite(value) ? undefined : `${path}: ${value}`;
  if (value instanceof Date) return storableDate(value) ? undefined : `${path}: date out of range`;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = unstorable(v, `${path}.${i}`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const found = unstorable(k, `${path}.${k}(key)`, depth + 1) ?? unstorable(v, `${path}.${k}`, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** An int4 column's value, or null. */
export const isInt4 = (value: number | null | undefined): boolean =>
  value === null || value === undefined || (Number.isInteger(value) && Math.abs(value) <= INT4_MAX);
