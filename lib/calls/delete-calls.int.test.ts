import { readFileSync } from "node:fs";
import path from "node:path";

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { cliActor } from "@/lib/audit/record";
import { sha256Hex } from "@/lib/canonical-json";
import type { DbHandle } from "@/lib/db/client";
import { auditEntries, calls, transcriptSegments } from "@/lib/db/schema";
import { parseSipgate } from "@/lib/providers/sipgate/parse";
import { makeOrg } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";

import { deleteCalls } from "./delete-calls";
import { upsertCall } from "./upsert-call";

const root = path.resolve(import.meta.dirname, "../..");
const seed = JSON.parse(readFileSync(path.join(root, "lib/providers/sipgate/fixtures/seed-000.json"), "utf8"));

let database: DbHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

async function deliver(orgId: string, id: string, headline: string) {
  const body = { ...seed, callHeadline: headline, call: { ...seed.call, id } };
  const parsed = parseSipgate(body);
  if (!parsed.ok) throw new Error(parsed.error);
  const text = JSON.stringify(body);
  return (
    await upsertCall(database.db, {
      orgId,
      provider: "sipgate",
      call: parsed.call,
      payload: { body, text, hash: sha256Hex(text) },
    })
  ).id;
}

const remaining = async (orgId: string) =>
  (await database.db.select({ id: calls.id }).from(calls).where(eq(calls.orgId, orgId))).map((r) => r.id).sort();

describe("deleteCalls", () => {
  it("deletes only the organisation's own calls, whichever ids or search it is given", async () => {
    const a = await makeOrg(database.db, "A");
    const b = await makeOrg(database.db, "B");
    const a1 = await deliver(a.id, "a1", "Refund for the broken kettle");
    const a2 = await deliver(a.id, "a2", "Opening hours question");
    await deliver(b.id, "b1", "Refund for the late parcel");

    // B names A's call: nothing happens to it.
    expect(await deleteCalls(database.db, b.id, { kind: "ids", ids: [a1] }, cliActor)).toBe(0);
    // B deletes "every call matching refund": only B's.
    expect(await deleteCalls(database.db, b.id, { kind: "search", query: "q=refund" }, cliActor)).toBe(1);
    expect(await remaining(b.id)).toEqual([]);
    expect(await remaining(a.id)).toEqual([a1, a2].sort());

    // A deletes by search; the transcript goes with the call, and the audit log says so.
    expect(await deleteCalls(database.db, a.id, { kind: "search", query: "q=kettle" }, cliActor)).toBe(1);
    expect(await remaining(a.id)).toEqual([a2]);
    expect(
      await database.db
        .select({ id: transcriptSegments.callId })
        .from(transcriptSegments)
        .where(eq(transcriptSegments.callId, a1)),
    ).toEqual([]);
    const [entry] = await database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.orgId, a.id), eq(auditEntries.action, "calls.deleted")));
    expect(entry?.after).toEqual({ deleted: 1, selection: { search: "q=kettle" } });
  });
});
