import type { SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "./types";

/**
 * Runs hand-written SQL and returns its rows, validated. For the few hot paths where Drizzle's
 * query builder costs more than the query (one statement instead of a transaction of several).
 * The drivers answer differently (postgres.js: an array; PGlite: { rows }), hence the unwrapping.
 */
export async function queryRows<S extends z.ZodType>(db: Db, query: SQL, row: S): Promise<Array<z.output<S>>> {
  const result: unknown = await db.execute(query);
  const rows: unknown = Array.isArray(result) ? result : result !== null && typeof result === "object" ? Reflect.get(result, "rows") : [];
  return Array.isArray(rows) ? rows.map((r) => row.parse(r)) : [];
}
