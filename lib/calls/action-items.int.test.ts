import { readFileSync } from "node:fs";
import path from "node:path";

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Actor } from "@/lib/audit/record";
import { sha256Hex } from "@/lib/canonical-json";
import type { DbHandle } from "@/lib/db/client";
import { auditEntries, calls } from "@/lib/db/schema";
import { parseSipgate } from "@/lib/providers/sipgate/parse";
import { makeOrg, makeUser } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";

import { setActionItemDone } from "./action-items";
import { loadCallPage } from "./call-page";
import { upsertCall } from "./upsert-call";

const root = path.resolve(import.meta.dirname, "../..");
const seed = JSON.parse(readFileSync(path.join(root, "lib/providers/sipgate/fixtures/seed-000.json"), "utf8"));

const items = ["Send the offer", "Call back on Friday", "Update the CRM"];

let database: DbHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

/** Delivers a sipgate bundle (the seed with the given action items and changes) as a hook would. */
async function deliver(orgId: string, changes: Record<string, unknown> = {}, actionItems = items) {
  const body = { ...seed, actionItems: actionItems.map((text, i) => ({ id: `a${i}`, text })), ...changes };
  const parsed = parseSipgate(body);
  if (!parsed.ok) throw new Error(parsed.error);
  const text = JSON.stringify(body);
  return upsertCall(database.db, {
    orgId,
    provider: "sipgate",
    call: parsed.call,
    payload: { body, text, hash: sha256Hex(text) },
  });
}

async function stored(orgId: string, callId: string) {
  const [row] = await database.db
    .select({ actionItems: calls.actionItems, openActionItems: calls.openActionItems, updatedAt: calls.updatedAt })
    .from(calls)
    .where(and(eq(calls.orgId, orgId), eq(calls.id, callId)));
  if (!row) throw new Error("call missing");
  return row;
}

async function setup() {
  const org = await makeOrg(database.db);
  const user = await makeUser(database.db, { org, role: "member" });
  const actor: Actor = { userId: user.id, label: user.email };
  const { id } = await deliver(org.id);
  return { org, user, actor, callId: id };
}

describe("setActionItemDone", () => {
  it("ticks and unticks an item, keeps the open count and the change time current", async () => {
    const { org, actor, callId } = await setup();
    const before = await stored(org.id, callId);
    expect(before.openActionItems).toBe(3);

    expect(await setActionItemDone(database.db, org.id, callId, 1, true, actor, "Call back on Friday")).toEqual({
      openActionItems: 2,
      isChanged: true,
    });
    const ticked = await stored(org.id, callId);
    expect(ticked.actionItems).toEqual([
      { text: "Send the offer", isDone: false },
      { text: "Call back on Friday", isDone: true },
      { text: "Update the CRM", isDone: false },
    ]);
    expect(ticked.openActionItems).toBe(2);
    expect(ticked.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());

    await setActionItemDone(database.db, org.id, callId, 0, true, actor, "Send the offer");
    await setActionItemDone(database.db, org.id, callId, 1, false, actor, "Call back on Friday");
    const page = await loadCallPage(database.db, org.id, callId);
    expect(page?.openActionItems).toBe(2);
    expect(page?.actionItems.map((a) => a.isDone)).toEqual([true, false, false]);
  });

  it("records who ticked what, before and after, and nothing for a tick that changes nothing", async () => {
    const { org, user, actor, callId } = await setup();
    await setActionItemDone(database.db, org.id, callId, 2, true, actor, "Update the CRM");
    expect(await setActionItemDone(database.db, org.id, callId, 2, true, actor, "Update the CRM")).toEqual({
      openActionItems: 2,
      isChanged: false,
    });
    await setActionItemDone(database.db, org.id, callId, 2, false, actor, "Update the CRM");

    const entries = await database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.orgId, org.id), eq(auditEntries.targetType, "call")))
      .orderBy(auditEntries.createdAt, auditEntries.id);
    expect(entries.map((e) => e.action)).toEqual(["call.action_item_done", "call.action_item_reopened"]);
    expect(entries[0]).toMatchObject({
      actorUserId: user.id,
      actorLabel: user.email,
      targetId: callId,
      before: { index: 2, text: "Update the CRM", isDone: false },
      after: { index: 2, text: "Update the CRM", isDone: true },
    });
    expect(entries[1]).toMatchObject({ before: { isDone: true }, after: { isDone: false } });
  });

  it("refuses an index outside the list and a text that no longer matches, changing nothing", async () => {
    const { org, actor, callId } = await setup();
    await expect(setActionItemDone(database.db, org.id, callId, 3, true, actor)).rejects.toMatchObject({
      code: "conflict",
      message: "The action items changed; reload",
    });
    await expect(setActionItemDone(database.db, org.id, callId, -1, true, actor)).rejects.toMatchObject({
      code: "bad_request",
    });
    await expect(
      setActionItemDone(database.db, org.id, callId, 0, true, actor, "Call back on Friday"),
    ).rejects.toMatchObject({
      code: "conflict",
      message: "The action items changed; reload",
    });
    const row = await stored(org.id, callId);
    expect(row.actionItems.every((a) => !a.isDone)).toBe(true);
    expect(row.openActionItems).toBe(3);
    const audit = await database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.orgId, org.id), eq(auditEntries.targetType, "call")));
    expect(audit).toHaveLength(0);
  });

  it("another organisation's call is not found, and stays untouched", async () => {
    const { org, callId } = await setup();
    const other = await makeOrg(database.db);
    const outsider = await makeUser(database.db, { org: other, role: "owner" });
    await expect(
      setActionItemDone(
        database.db,
        other.id,
        callId,
        0,
        true,
        { userId: outsider.id, label: outsider.email },
        "Send the offer",
      ),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await stored(org.id, callId)).openActionItems).toBe(3);
    expect(await loadCallPage(database.db, other.id, callId)).toBeUndefined();
  });

  it("a ticked item stays ticked when the vendor delivers the call again with changed content", async () => {
    const { org, actor, callId } = await setup();
    await setActionItemDone(database.db, org.id, callId, 0, true, actor, "Send the offer");
    // The vendor re-sends the call: new summary, the items reordered and one added.
    const again = await deliver(org.id, { summary: "The customer wants the offer by mail." }, [
      "Update the CRM",
      "Send the offer",
      "Book a demo",
      "Call back on Friday",
    ]);
    expect(again).toMatchObject({ id: callId, created: false, changed: true });
    const row = await stored(org.id, callId);
    expect(row.actionItems).toEqual([
      { text: "Update the CRM", isDone: false },
      { text: "Send the offer", isDone: true },
      { text: "Book a demo", isDone: false },
      { text: "Call back on Friday", isDone: false },
    ]);
    expect(row.openActionItems).toBe(3);
    // The page rendered before the re-delivery still points at index 0 with the old text: refused.
    await expect(
      setActionItemDone(database.db, org.id, callId, 0, false, actor, "Send the offer"),
    ).rejects.toMatchObject({ code: "conflict" });
  });

  it("concurrent ticks of different items both count", async () => {
    const { org, actor, callId } = await setup();
    await Promise.all(items.map((text, i) => setActionItemDone(database.db, org.id, callId, i, true, actor, text)));
    const row = await stored(org.id, callId);
    expect(row.actionItems.every((a) => a.isDone)).toBe(true);
    expect(row.openActionItems).toBe(0);
  });
});

describe("loadCallPage", () => {
  it("shows the call with its payload bodies, cutting a large body with its full size", async () => {
    const org = await makeOrg(database.db);
    const small = await deliver(org.id);
    const page = await loadCallPage(database.db, org.id, small.id);
    expect(page).toMatchObject({ title: seed.callHeadline, openActionItems: 3, integration: null });
    expect(page?.transcript).toHaveLength(4);
    expect(page?.payloads).toHaveLength(1);
    expect(JSON.parse(page?.payloads[0]?.body ?? "")).toMatchObject({ callHeadline: seed.callHeadline });
    expect(page?.payloads[0]?.isTruncated).toBe(false);

    // About 300 KB of transcript in one body (under the 1 MiB hook limit).
    const transcriptions = Array.from({ length: 2500 }, (_, i) => ({
      speaker: i % 2 ? "callee" : "caller",
      startTime: i * 1000,
      endTime: i * 1000 + 900,
      text: `Zeile ${i}: Grüße aus München, alles in Ordnung.`,
    }));
    const big = await deliver(org.id, { call: { ...seed.call, id: "big-call", duration: 2600 }, transcriptions });
    const bigPage = await loadCallPage(database.db, org.id, big.id);
    const payload = bigPage?.payloads[0];
    expect(payload?.isTruncated).toBe(true);
    expect(Buffer.byteLength(payload?.body ?? "")).toBeLessThanOrEqual(200 * 1024);
    expect(payload?.bodyBytes).toBeGreaterThan(200 * 1024);
    expect(bigPage?.transcript).toHaveLength(2500);
  });

  it("falls back to the summary's first words, then to who the call was with", async () => {
    const org = await makeOrg(database.db);
    const { callHeadline: _headline, ...withoutHeadline } = seed;
    const noHeadline = await upsertCall(database.db, {
      orgId: org.id,
      provider: "sipgate",
      call: { ...parsed(withoutHeadline), vendorCallId: "no-headline" },
      payload: { body: withoutHeadline, hash: "h1" },
    });
    expect((await loadCallPage(database.db, org.id, noHeadline.id))?.title).toBe(
      "The caller inquired about the availability and pricing of a new product…",
    );
    const bare = await upsertCall(database.db, {
      orgId: org.id,
      provider: "pbx",
      call: {
        vendorCallId: "bare",
        direction: "inbound",
        parties: [{ role: "caller", number: "+491751234567" }],
        transcript: [],
        actionItems: [],
        smallTalk: [],
        smartAnswers: [],
        tags: [],
      },
      payload: { body: {}, hash: "h2" },
    });
    expect((await loadCallPage(database.db, org.id, bare.id))?.title).toBe("Call with +49 175 1234567");
  });
});

function parsed(body: unknown) {
  const result = parseSipgate(body);
  if (!result.ok) throw new Error(result.error);
  return { ...result.call, headline: undefined };
}
