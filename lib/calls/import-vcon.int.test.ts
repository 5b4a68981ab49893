import { readFileSync } from "node:fs";
import path from "node:path";

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DbHandle } from "@/lib/db/client";
import { calls } from "@/lib/db/schema";
import { makeOrg } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";

import { importVconDocument } from "./import-vcon";

const vcon = JSON.parse(
  readFileSync(
    path.resolve(import.meta.dirname, "../providers/vcon/fixtures/dev/ab_call_ext_rec_analysis.vcon"),
    "utf8",
  ),
);

let database: DbHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

describe("importVconDocument", () => {
  it("imports a vCon with NUL and lone surrogates in its text, cleaned", async () => {
    const org = await makeOrg(database.db);
    const outcome = await importVconDocument(
      database.db,
      org.id,
      JSON.stringify({ ...vcon, subject: "Rückruf\u0000 \ud800" }),
    );
    expect(outcome.status).toBe("imported");
    if (outcome.status === "refused") return;
    const [row] = await database.db
      .select({ id: calls.id })
      .from(calls)
      .where(and(eq(calls.orgId, org.id), eq(calls.id, outcome.id)));
    expect(row).toBeDefined();
  });

  it("refuses text that is not JSON, JSON nested too deep and numbers out of range, saying where", async () => {
    const org = await makeOrg(database.db);
    expect(await importVconDocument(database.db, org.id, "{")).toMatchObject({
      status: "refused",
      error: expect.stringMatching(/^Not valid JSON/),
    });
    const deep = JSON.stringify({ ...vcon, meta: "@@" }).replace('"@@"', `${"[".repeat(10_000)}${"]".repeat(10_000)}`);
    expect(await importVconDocument(database.db, org.id, deep)).toMatchObject({
      status: "refused",
      error: expect.stringMatching(/^meta\.0\.0.*64 levels/),
    });
    const huge = JSON.stringify({ ...vcon, meta: { duration: "@@" } }).replace('"@@"', "1e999999");
    expect(await importVconDocument(database.db, org.id, huge)).toMatchObject({
      status: "refused",
      error: expect.stringContaining("meta.duration"),
    });
  });
});
