import { sql, type SQL } from "drizzle-orm";
import type { z } from "zod";

import type { Db } from "./types";

/**
 * Runs hand-written SQL and returns its rows, validated. For the few hot paths where Drizzle's
 * query builder costs more than the query (one statement instead of a transaction of several).
 * The drivers answer differently (postgres.js: an array; PGlite: { rows }), hence the unwrapping.
 */
export async function queryRows<S extends z.ZodType>(db: Db, query: SQL, row: S): Promise<Array<z.output<S>>> {
  return rowsOf(await db.execute(query)).map((r) => row.parse(r));
}

/** The rows of a driver's answer: postgres.js answers an array, PGlite `{ rows }`. */
function rowsOf(result: unknown): unknown[] {
  const rows: unknown = Array.isArray(result)
    ? result
    : result !== null && typeof result === "object"
      ? Reflect.get(result, "rows")
      : [];
  return Array.isArray(rows) ? rows : [];
}

type Statement = (text: string, params: unknown[]) => Promise<unknown[]>;
const statements = new WeakMap<Db, Statement>();

const hasFunction = (value: unknown, name: string): boolean =>
  typeof value === "object" || typeof value === "function"
    ? typeof Reflect.get(Object(value), name) === "function"
    : false;

/**
 * A statement with $1…$n parameters sent straight to the driver, skipping Drizzle's query
 * builder: for the one path where building the query costs more than running it (the AI Flow
 * group commit). Prepared once per connection. Falls back to Drizzle for a transaction.
 */
export function rawStatement(db: Db): Statement {
  const known = statements.get(db);
  if (known) return known;
  const client: unknown = Reflect.get(db, "$client");
  let statement: Statement;
  if (hasFunction(client, "unsafe")) {
    // postgres.js
    statement = async (text, params) =>
      rowsOf(await Reflect.apply(Reflect.get(Object(client), "unsafe"), client, [text, params, { prepare: true }]));
  } else if (hasFunction(client, "query")) {
    // PGlite
    statement = async (text, params) =>
      rowsOf(await Reflect.apply(Reflect.get(Object(client), "query"), client, [text, params]));
  } else {
    statement = async (text, params) => {
      const parts = text.split(/\$(\d+)/);
      const chunks = parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${params[Number(part) - 1]}`));
      return rowsOf(await db.execute(sql.join(chunks)));
    };
  }
  statements.set(db, statement);
  return statement;
}
