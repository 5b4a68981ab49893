import { readFileSync } from "node:fs";
import path from "node:path";

import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { sha256Hex } from "@/lib/canonical-json";
import type { DbHandle } from "@/lib/db/client";
import { callPayloads, calls, transcriptSegments } from "@/lib/db/schema";
import { parseSipgate } from "@/lib/providers/sipgate/parse";
import { parseVcon } from "@/lib/providers/vcon/parse";
import { makeOrg } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";

import type { NormalisedCall, ParseResult } from "./model";
import { upsertCall } from "./upsert-call";

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");
const seedText = read("lib/providers/sipgate/fixtures/seed-000.json");
const vconText = (name: string) => read(`lib/providers/vcon/fixtures/dev/${name}`);

const callOf = (result: ParseResult): NormalisedCall => {
  if (!result.ok) throw new Error(result.error);
  return result.call;
};

let database: DbHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

async function deliver(orgId: string, provider: string, text: string) {
  const body: unknown = JSON.parse(text);
  const call = callOf(provider === "vcon" ? parseVcon(body) : parseSipgate(body));
  return upsertCall(database.db, { orgId, provider, call, payload: { body, hash: sha256Hex(text) } });
}

const loadCall = async (orgId: string, id: string) => {
  const [row] = await database.db
    .select()
    .from(calls)
    .where(and(eq(calls.orgId, orgId), eq(calls.id, id)));
  if (!row) throw new Error("call missing");
  return row;
};

describe("upsertCall", () => {
  it("stores a new call with its transcript, raw payload and search document", async () => {
    const org = await makeOrg(database.db);
    const result = await deliver(org.id, "sipgate", seedText);
    expect(result).toMatchObject({ created: true, changed: true });
    const row = await loadCall(org.id, result.id);
    expect(row.parties).toEqual([
      { role: "caller", number: "+491751234567" },
      { role: "callee", number: "+498912345678" },
    ]);
    expect(row.searchNumbers.split(" ")).toEqual(expect.arrayContaining(["491751234567", "01751234567", "1751234567"]));
    expect(row.openActionItems).toBe(1);
    expect(row.summaryState).toBe("vendor");
    const [match] = await database.db
      .select({ id: calls.id })
      .from(calls)
      .where(
        and(eq(calls.orgId, org.id), sql`${calls.searchVector} @@ to_tsquery('switchboard', 'discounted & price')`),
      );
    expect(match?.id).toBe(result.id);
    const segments = await database.db
      .select()
      .from(transcriptSegments)
      .where(eq(transcriptSegments.callId, result.id));
    expect(segments).toHaveLength(4);
    const payloads = await database.db.select().from(callPayloads).where(eq(callPayloads.callId, result.id));
    expect(payloads).toHaveLength(1);
    expect(payloads[0]?.body).toEqual(JSON.parse(seedText));
  });

  it("a repeated delivery returns the same call, changes nothing and is counted", async () => {
    const org = await makeOrg(database.db);
    const first = await deliver(org.id, "sipgate", seedText);
    const second = await deliver(org.id, "sipgate", seedText);
    expect(second).toEqual({ id: first.id, created: false, changed: false });
    const [payload] = await database.db.select().from(callPayloads).where(eq(callPayloads.callId, first.id));
    expect(payload?.timesReceived).toBe(2);
    expect(await database.db.select({ id: calls.id }).from(calls).where(eq(calls.orgId, org.id))).toHaveLength(1);
  });

  it("a later vCon with the same uuid and more analysis merges into the call, in either order", async () => {
    for (const order of [
      ["ab_call_ext_rec.vcon", "ab_call_ext_rec_analysis.vcon"],
      ["ab_call_ext_rec_analysis.vcon", "ab_call_ext_rec.vcon"],
    ]) {
      const org = await makeOrg(database.db);
      const [first, second] = order;
      const a = await deliver(org.id, "vcon", vconText(first ?? ""));
      const b = await deliver(org.id, "vcon", vconText(second ?? ""));
      expect(b.id).toBe(a.id);
      const segments = await database.db.select().from(transcriptSegments).where(eq(transcriptSegments.callId, a.id));
      expect(segments.length).toBeGreaterThan(0);
      expect(await database.db.select().from(callPayloads).where(eq(callPayloads.callId, a.id))).toHaveLength(2);
    }
  });

  it("never erases: a delivery without a summary keeps the stored one; ticked items stay ticked", async () => {
    const org = await makeOrg(database.db);
    const full = await deliver(org.id, "sipgate", seedText);
    await database.db
      .update(calls)
      .set({
        actionItems: [{ text: "Follow up with the customer in 2 days to offer further assistance.", isDone: true }],
      })
      .where(and(eq(calls.orgId, org.id), eq(calls.id, full.id)));
    const partial = JSON.parse(seedText);
    delete partial.summary;
    partial.note = { content: "Updated note." };
    const again = await deliver(org.id, "sipgate", JSON.stringify(partial));
    expect(again).toMatchObject({ id: full.id, created: false, changed: true });
    const row = await loadCall(org.id, full.id);
    expect(row.summary).toMatch(/inquired about the availability/);
    expect(row.note).toBe("Updated note.");
    expect(row.actionItems).toEqual([
      { text: "Follow up with the customer in 2 days to offer further assistance.", isDone: true },
    ]);
  });

  it("keeps only a sanitised copy of vendor HTML and derives the plain summary from it", async () => {
    const org = await makeOrg(database.db);
    const html =
      '<p>Kunde <b>zufrieden</b></p><script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a>';
    const result = await upsertCall(database.db, {
      orgId: org.id,
      provider: "pbx",
      call: {
        vendorCallId: "html-1",
        direction: "unknown",
        summaryHtml: html,
        parties: [],
        transcript: [],
        actionItems: [],
        smallTalk: [],
        smartAnswers: [],
        tags: [],
      },
      payload: { body: { html }, hash: sha256Hex(html) },
    });
    const row = await loadCall(org.id, result.id);
    expect(row.summaryHtml).toBe(
      '<p>Kunde <b>zufrieden</b></p><a rel="noopener noreferrer nofollow" target="_blank">x</a>',
    );
    expect(row.summary).toBe("Kunde zufrieden\nx");
  });

  it("the unique index decides: concurrent duplicate pairs still give one call each", async () => {
    const org = await makeOrg(database.db);
    const bundles = Array.from({ length: 100 }, (_, i) =>
      JSON.stringify({ ...JSON.parse(seedText), call: { ...JSON.parse(seedText).call, id: `dup-${i}` } }),
    );
    const results = await Promise.all(
      bundles.flatMap((b) => [deliver(org.id, "sipgate", b), deliver(org.id, "sipgate", b)]),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(100);
    expect(results.filter((r) => r.created)).toHaveLength(100);
    expect(await database.db.select({ id: calls.id }).from(calls).where(eq(calls.orgId, org.id))).toHaveLength(100);
  });

  it("the same vendor call id in two organisations is two calls", async () => {
    const a = await makeOrg(database.db);
    const b = await makeOrg(database.db);
    const inA = await deliver(a.id, "sipgate", seedText);
    const inB = await deliver(b.id, "sipgate", seedText);
    expect(inA.id).not.toBe(inB.id);
    expect(inB.created).toBe(true);
  });
});
