import { afterAll, beforeAll, expect, it } from "vitest";

import { createTestDatabase } from "@/lib/test/test-db";

import type { DbHandle } from "./client";
import { rawStatement } from "./raw";

// rawStatement sends $1…$n statements straight to the driver (postgres.js or PGlite), and
// through Drizzle inside a transaction, which has no driver of its own.

let database: DbHandle;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.close();
});

const text = "SELECT $1::int + $2::int AS sum, $3::text AS word";

it("runs a statement with parameters on the database's own driver", async () => {
  const rows = await rawStatement(database.db)(text, [2, 3, "two $2 dollars"]);
  expect(rows).toEqual([{ sum: 5, word: "two $2 dollars" }]);
});

it("runs it inside a transaction too", async () => {
  const rows = await database.db.transaction((tx) => rawStatement(tx)(text, [20, 22, "inside"]));
  expect(rows).toEqual([{ sum: 42, word: "inside" }]);
});
