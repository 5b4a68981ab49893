import { randomBytes } from "node:crypto";

import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { sha256Hex } from "@/lib/canonical-json";
import type { DbHandle } from "@/lib/db/client";
import { integrations } from "@/lib/db/schema";
import { makeOrg } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";

import { dashboardFigures } from "./dashboard";
import { normalisedCallSchema, type NormalisedCallInput } from "./model";
import { upsertCall } from "./upsert-call";

let database: DbHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

// Mid-morning on the last day of June: the window is 1–30 June (UTC).
const now = new Date("2025-06-30T10:00:00Z");

async function addCall(
  orgId: string,
  provider: string,
  input: Omit<NormalisedCallInput, "vendorCallId"> & { vendorCallId?: string },
) {
  const vendorCallId = input.vendorCallId ?? randomBytes(6).toString("hex");
  const call = normalisedCallSchema.parse({ ...input, vendorCallId });
  return upsertCall(database.db, {
    orgId,
    provider,
    call,
    payload: { body: { vendorCallId }, hash: sha256Hex(vendorCallId) },
  });
}

async function addIntegration(
  orgId: string,
  name: string,
  values: { lastEventAt: Date | null; acceptedCount?: number; refusedCount?: number },
) {
  await database.db
    .insert(integrations)
    .values({ orgId, provider: "sipgate", name, secretHash: sha256Hex(randomBytes(16).toString("hex")), ...values });
}

const open = (text: string) => ({ text, isDone: false });
const done = (text: string) => ({ text, isDone: true });

/** An organisation with calls inside the window, on its edges and just outside it. */
async function seededOrg() {
  const org = await makeOrg(database.db, "Dash");
  await addCall(org.id, "sipgate", {
    direction: "inbound",
    startedAt: new Date("2025-06-30T09:00:00Z"),
    durationSeconds: 60,
    tags: ["billing", "urgent"],
    actionItems: [open("Call back"), open("Send offer"), done("Log it")],
  });
  await addCall(org.id, "sipgate", {
    direction: "outbound",
    startedAt: new Date("2025-06-30T00:00:00Z"),
    durationSeconds: 120,
    tags: ["billing"],
  });
  await addCall(org.id, "pbx", {
    direction: "inbound",
    startedAt: new Date("2025-06-29T23:59:59Z"),
    tags: ["support"],
    actionItems: [done("Fixed")],
  });
  await addCall(org.id, "vcon", {
    direction: "internal",
    startedAt: new Date("2025-06-01T00:00:00Z"),
    durationSeconds: 30,
    actionItems: [open("Review")],
  });
  // Outside the window: a second before it starts, and the first second after today.
  await addCall(org.id, "pbx", {
    direction: "unknown",
    startedAt: new Date("2025-05-31T23:59:59Z"),
    durationSeconds: 1000,
    tags: ["old"],
    actionItems: [open("a"), open("b")],
  });
  await addCall(org.id, "sipgate", {
    direction: "inbound",
    startedAt: new Date("2025-07-01T00:00:00Z"),
    durationSeconds: 1000,
    tags: ["future"],
  });
  return org;
}

describe("dashboardFigures", () => {
  it("counts calls per UTC day and provider, with every day of the window present", async () => {
    const org = await seededOrg();
    const figures = await dashboardFigures(database.db, org.id, now);
    expect(figures).toMatchObject({ from: "2025-06-01", to: "2025-06-30", hasCalls: true, calls: 4 });
    expect(figures.days).toHaveLength(30);
    expect(figures.days.map((d) => d.day)).toEqual(
      Array.from({ length: 30 }, (_, i) => `2025-06-${String(i + 1).padStart(2, "0")}`),
    );
    const byDay = new Map(figures.days.map((d) => [d.day, d]));
    expect(byDay.get("2025-06-30")).toEqual({ day: "2025-06-30", total: 2, byProvider: { sipgate: 2 } });
    expect(byDay.get("2025-06-29")).toEqual({ day: "2025-06-29", total: 1, byProvider: { pbx: 1 } });
    expect(byDay.get("2025-06-01")).toEqual({ day: "2025-06-01", total: 1, byProvider: { vcon: 1 } });
    expect(byDay.get("2025-06-15")).toEqual({ day: "2025-06-15", total: 0, byProvider: {} });
    expect(figures.days.reduce((sum, d) => sum + d.total, 0)).toBe(4);
    expect(figures.providers).toEqual([
      { provider: "sipgate", calls: 2 },
      { provider: "pbx", calls: 1 },
      { provider: "vcon", calls: 1 },
    ]);
  });

  it("splits by direction, averages known durations and sums open action items of the window", async () => {
    const org = await seededOrg();
    const figures = await dashboardFigures(database.db, org.id, now);
    expect(figures.directions).toEqual({ inbound: 2, outbound: 1, internal: 1, unknown: 0 });
    // (60 + 120 + 30) / 3: the call without a duration is not counted as zero.
    expect(figures.averageDurationSeconds).toBe(70);
    expect(figures.openActionItems).toBe(3);
    expect(figures.callsWithOpenItems).toBe(2);
  });

  it("buckets by UTC day whatever the session's time zone", async () => {
    const org = await seededOrg();
    const figures = await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local time zone 'Pacific/Kiritimati'`);
      return dashboardFigures(tx, org.id, now);
    });
    expect(figures.days.find((d) => d.day === "2025-06-30")?.byProvider).toEqual({ sipgate: 2 });
    expect(figures.days.find((d) => d.day === "2025-06-29")?.byProvider).toEqual({ pbx: 1 });
  });

  it("ranks the top eight tags of the window by calls, then by name", async () => {
    const org = await seededOrg();
    expect((await dashboardFigures(database.db, org.id, now)).topTags).toEqual([
      { tag: "billing", calls: 2 },
      { tag: "support", calls: 1 },
      { tag: "urgent", calls: 1 },
    ]);
    const many = await makeOrg(database.db, "Tags");
    const tags = ["j", "i", "h", "g", "f", "e", "d", "c", "b", "a"];
    await addCall(many.id, "pbx", { startedAt: new Date("2025-06-10T12:00:00Z"), tags });
    await addCall(many.id, "pbx", { startedAt: new Date("2025-06-11T12:00:00Z"), tags: ["j"] });
    const top = (await dashboardFigures(database.db, many.id, now)).topTags;
    expect(top).toEqual([
      { tag: "j", calls: 2 },
      ...["a", "b", "c", "d", "e", "f", "g"].map((tag) => ({ tag, calls: 1 })),
    ]);
  });

  it("lists the integrations by their last delivery, never-used ones last, at most five", async () => {
    const org = await makeOrg(database.db, "Deliveries");
    await addIntegration(org.id, "Never", { lastEventAt: null });
    await addIntegration(org.id, "Older", {
      lastEventAt: new Date("2025-06-20T08:00:00Z"),
      acceptedCount: 10,
      refusedCount: 2,
    });
    await addIntegration(org.id, "Newest", {
      lastEventAt: new Date("2025-06-30T08:00:00Z"),
      acceptedCount: 3,
      refusedCount: 0,
    });
    for (const day of ["01", "02", "03"])
      await addIntegration(org.id, `June ${day}`, { lastEventAt: new Date(`2025-06-${day}T08:00:00Z`) });
    const figures = await dashboardFigures(database.db, org.id, now);
    expect(figures.lastDeliveries.map((d) => d.name)).toEqual(["Newest", "Older", "June 03", "June 02", "June 01"]);
    expect(figures.lastDeliveries[1]).toMatchObject({
      acceptedCount: 10,
      refusedCount: 2,
      lastEventAt: new Date("2025-06-20T08:00:00Z"),
    });
    expect(figures.integrationCount).toBe(6);
    expect(figures.memberCount).toBe(0);
  });

  it("shows an organisation without calls as empty, and one with only old calls as not", async () => {
    const fresh = await makeOrg(database.db, "Fresh");
    const empty = await dashboardFigures(database.db, fresh.id, now);
    expect(empty).toMatchObject({
      hasCalls: false,
      calls: 0,
      averageDurationSeconds: null,
      openActionItems: 0,
      topTags: [],
      providers: [],
      lastDeliveries: [],
    });
    expect(empty.days.every((d) => d.total === 0)).toBe(true);
    const old = await makeOrg(database.db, "Old");
    await addCall(old.id, "pbx", { startedAt: new Date("2024-01-01T12:00:00Z") });
    expect(await dashboardFigures(database.db, old.id, now)).toMatchObject({ hasCalls: true, calls: 0 });
  });

  it("never counts another organisation's calls or integrations", async () => {
    const mine = await seededOrg();
    const other = await makeOrg(database.db, "Other");
    // Same vendor call ids, providers and days as a busy neighbour could have.
    for (let i = 0; i < 5; i += 1) {
      await addCall(other.id, "sipgate", {
        direction: "inbound",
        startedAt: new Date("2025-06-30T08:00:00Z"),
        durationSeconds: 5000,
        tags: ["billing", "theirs"],
        actionItems: [open("x")],
      });
    }
    await addIntegration(other.id, "Theirs", { lastEventAt: new Date("2025-06-30T09:59:00Z"), acceptedCount: 99 });
    const figures = await dashboardFigures(database.db, mine.id, now);
    expect(figures).toMatchObject({
      calls: 4,
      averageDurationSeconds: 70,
      openActionItems: 3,
      integrationCount: 0,
      lastDeliveries: [],
    });
    expect(figures.directions.inbound).toBe(2);
    expect(figures.topTags.map((t) => t.tag)).not.toContain("theirs");
    expect(figures.days.find((d) => d.day === "2025-06-30")?.byProvider).toEqual({ sipgate: 2 });
    const theirs = await dashboardFigures(database.db, other.id, now);
    expect(theirs).toMatchObject({
      calls: 5,
      directions: { inbound: 5, outbound: 0, internal: 0, unknown: 0 },
      topTags: [
        { tag: "billing", calls: 5 },
        { tag: "theirs", calls: 5 },
      ],
    });
    expect(theirs.lastDeliveries.map((d) => d.name)).toEqual(["Theirs"]);
  });
});
