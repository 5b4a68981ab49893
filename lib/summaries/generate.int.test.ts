import { readFileSync } from "node:fs";
import path from "node:path";

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { normalisedCallSchema, type NormalisedCallInput } from "@/lib/calls/model";
import { upsertCall } from "@/lib/calls/upsert-call";
import { sha256Hex } from "@/lib/canonical-json";
import type { DbHandle } from "@/lib/db/client";
import { calls, callSummaries } from "@/lib/db/schema";
import { parseSipgate } from "@/lib/providers/sipgate/parse";
import { startFakeOpenAi, type FakeOpenAi } from "@/lib/test/fake-openai";
import { makeOrg } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";

import { requestAutoSummary } from "./auto-summary";
import { batchProgress, createSummaryBatch } from "./batches";
import { listCallSummaries } from "./call-summaries";
import { generateSummary } from "./generate";
import { createOpenAiSummarizer } from "./openai";
import { createSummaryRequests } from "./request-summaries";
import { loadSummaryConfig, saveSummarySettings } from "./settings";
import { summarySettingsInput } from "./settings-input";
import { showSummary } from "./show-summary";

const root = path.resolve(import.meta.dirname, "../..");
const seed = JSON.parse(readFileSync(path.join(root, "lib/providers/sipgate/fixtures/seed-000.json"), "utf8"));

let database: DbHandle;
let fake: FakeOpenAi;
const actor = { label: "admin@example.com" };

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await startFakeOpenAi({ apiKey: "sk-test-key" });
});
afterAll(async () => {
  await fake.close();
  await database.close();
});

const db = () => database.db;

/** A call with a transcript and no summary, as a PBX or vCon source sends it. */
async function bareCall(orgId: string, changes: Partial<NormalisedCallInput> = {}) {
  const call = normalisedCallSchema.parse({
    vendorCallId: `bare-${Math.random().toString(36).slice(2)}`,
    direction: "inbound",
    startedAt: new Date("2026-11-20T10:00:00Z"),
    parties: [{ role: "caller", number: "+491751234567", name: "Anna Weber" }],
    transcript: [
      {
        speaker: "Anna Weber",
        speakerRole: "caller",
        text: "Hello, my invoice 4711 lists two licences, but we only have one.",
      },
      { speaker: "Agent", speakerRole: "callee", text: "I am sorry. I will send you a corrected invoice today." },
    ],
    ...changes,
  });
  return upsertCall(db(), {
    orgId,
    provider: "vcon",
    call,
    payload: { body: call, hash: sha256Hex(JSON.stringify(call)) },
  });
}

/** The sipgate seed: a call that comes with the vendor's own summary. */
async function vendorCall(orgId: string, summary = seed.summary) {
  const body = { ...seed, summary, call: { ...seed.call, id: "vendor-call" } };
  const parsed = parseSipgate(body);
  if (!parsed.ok) throw new Error(parsed.error);
  const text = JSON.stringify(body);
  return upsertCall(db(), {
    orgId,
    provider: "sipgate",
    call: parsed.call,
    payload: { body, text, hash: sha256Hex(text) },
  });
}

async function useModel(orgId: string, instructions = "Always name the invoice number.") {
  const result = await saveSummarySettings(
    db(),
    orgId,
    actor,
    summarySettingsInput.parse({
      baseVersion: "0",
      provider: "openai",
      baseUrl: fake.url,
      model: "fake-model",
      apiKey: "sk-test-key",
      baseInstructions: instructions,
    }),
  );
  if (!("saved" in result)) throw new Error("settings not saved");
}

async function callRow(orgId: string, id: string) {
  const [row] = await db()
    .select()
    .from(calls)
    .where(and(eq(calls.orgId, orgId), eq(calls.id, id)));
  return row;
}

/**
 * The organisation's model, but with no real waiting between retries and a short timeout, and
 * allowed to reach the fake on loopback (as ALLOW_PRIVATE_NETWORK=on would).
 */
async function quickModel(orgId: string) {
  const config = await loadSummaryConfig(db(), orgId);
  return createOpenAiSummarizer({
    baseUrl: config.baseUrl ?? "",
    model: config.model ?? "",
    apiKey: config.apiKey,
    timeoutMs: 300,
    sleep: async () => {},
    allowPrivate: true,
  });
}

describe("generating summaries", () => {
  it("summarises a call that arrived without one with the built-in summariser, and shows it", async () => {
    const org = await makeOrg(db());
    const stored = await bareCall(org.id);
    expect(stored.needsSummary).toBe(true);
    const summaryId = await requestAutoSummary(db(), org.id, stored.id);
    expect((await callRow(org.id, stored.id))?.summaryState).toBe("created");
    expect(await generateSummary(db(), { orgId: org.id, summaryId: summaryId ?? "" })).toEqual({
      state: "processed",
      isShown: true,
    });
    const call = await callRow(org.id, stored.id);
    expect(call).toMatchObject({ summaryState: "processed", currentSummaryId: summaryId });
    expect(call?.summary).toBeTruthy();
    expect(call?.actionItems.map((a) => a.text).join(" ")).toMatch(/corrected invoice/i);
    const [version] = (await listCallSummaries(db(), org.id, stored.id)) ?? [];
    expect(version).toMatchObject({ producerKind: "builtin", producer: "built-in", state: "processed", isShown: true });
    // Running the job again changes nothing.
    expect((await generateSummary(db(), { orgId: org.id, summaryId: summaryId ?? "" })).state).toBe("skipped");
  });

  it("sends the organisation's instructions, this call's own and the transcript to the model, and records its answer", async () => {
    const org = await makeOrg(db());
    await useModel(org.id);
    const stored = await bareCall(org.id);
    fake.setAnswer({ headline: "Invoice 4711 lists two licences" });
    const before = fake.requests.length;
    const [summaryId] = await createSummaryRequests(db(), org.id, {
      callIds: [stored.id],
      isRequested: true,
      overrideInstructions: "Mention the customer's name.",
      actor,
    });
    expect(
      await generateSummary(
        db(),
        { orgId: org.id, summaryId: summaryId ?? "" },
        { summarizer: await quickModel(org.id) },
      ),
    ).toEqual({ state: "processed", isShown: true });
    const request = JSON.stringify(fake.requests.slice(before));
    expect(request).toContain("Always name the invoice number.");
    expect(request).toContain("Mention the customer's name.");
    expect(request).toContain("my invoice 4711 lists two licences");
    expect(fake.requests.at(-1)?.headers.authorization).toBe("Bearer sk-test-key");
    expect(await callRow(org.id, stored.id)).toMatchObject({
      headline: "Invoice 4711 lists two licences",
      summaryState: "processed",
    });
    const [version] = (await listCallSummaries(db(), org.id, stored.id)) ?? [];
    expect(version).toMatchObject({
      producer: "fake-model",
      producerKind: "model",
      settingsVersion: 1,
      overrideInstructions: "Mention the customer's name.",
    });
  });

  it("records each way a model can fail on the summary, with its reason", async () => {
    const org = await makeOrg(db());
    await useModel(org.id);
    const stored = await bareCall(org.id);
    const attempt = async (...behaviours: Parameters<FakeOpenAi["queue"]>) => {
      fake.queue(...behaviours);
      const [summaryId] = await createSummaryRequests(db(), org.id, { callIds: [stored.id], isRequested: true, actor });
      await generateSummary(
        db(),
        { orgId: org.id, summaryId: summaryId ?? "" },
        { summarizer: await quickModel(org.id) },
      );
      const [row] = await db()
        .select()
        .from(callSummaries)
        .where(eq(callSummaries.id, summaryId ?? ""));
      return { state: row?.state, error: row?.error, call: (await callRow(org.id, stored.id))?.summaryState };
    };
    expect(await attempt("invalid-json")).toMatchObject({
      state: "failed",
      error: expect.stringMatching(/not valid JSON/),
      call: "failed",
    });
    expect(await attempt("server-error", "server-error", "server-error")).toMatchObject({
      state: "failed",
      error: expect.stringMatching(/500/),
      call: "failed",
    });
    expect(await attempt("hang")).toMatchObject({
      state: "failed",
      error: expect.stringMatching(/No answer .* within 0.3 s/),
      call: "failed",
    });
    expect(await attempt("rate-limit", "success")).toMatchObject({ state: "processed", call: "processed" });
    const versions = (await listCallSummaries(db(), org.id, stored.id)) ?? [];
    expect(versions.map((v) => v.state)).toEqual(["processed", "failed", "failed", "failed"]);
    expect(JSON.stringify(versions)).not.toContain("sk-test-key");
  });

  it("never replaces a vendor's own summary unasked, keeps it as a version when asked, and lets users go back", async () => {
    const org = await makeOrg(db());
    await useModel(org.id);
    const stored = await vendorCall(org.id);
    expect(stored.needsSummary).toBe(false);
    expect((await callRow(org.id, stored.id))?.summaryState).toBe("vendor");

    // Someone regenerates it: the model's summary is shown, the vendor's becomes a version.
    fake.setAnswer({ headline: "Generated headline", summary: "Generated summary." });
    const [generated] = await createSummaryRequests(db(), org.id, { callIds: [stored.id], isRequested: true, actor });
    await generateSummary(
      db(),
      { orgId: org.id, summaryId: generated ?? "" },
      { summarizer: await quickModel(org.id) },
    );
    expect(await callRow(org.id, stored.id)).toMatchObject({
      summary: "Generated summary.",
      summaryState: "processed",
    });
    const versions = (await listCallSummaries(db(), org.id, stored.id)) ?? [];
    const vendor = versions.find((v) => v.producerKind === "vendor");
    expect(vendor).toMatchObject({ producer: "sipgate", isShown: false });

    // The vendor delivers an updated summary: it updates the vendor's version, not what is shown.
    await vendorCall(org.id, "The vendor's corrected summary.");
    expect((await callRow(org.id, stored.id))?.summary).toBe("Generated summary.");

    // Back to the vendor's: shown as last delivered.
    await showSummary(db(), org.id, stored.id, vendor?.id ?? "", actor);
    expect(await callRow(org.id, stored.id)).toMatchObject({
      summary: "The vendor's corrected summary.",
      summaryState: "vendor",
    });
    // An auto summary arriving for such a call would not be shown either.
    const [auto] = await createSummaryRequests(db(), org.id, { callIds: [stored.id], isRequested: false, actor });
    expect(
      (await generateSummary(db(), { orgId: org.id, summaryId: auto ?? "" }, { summarizer: await quickModel(org.id) }))
        .isShown,
    ).toBe(false);
    expect((await callRow(org.id, stored.id))?.summary).toBe("The vendor's corrected summary.");
  });

  it("keeps action items ticked on a version when switching away and back", async () => {
    const org = await makeOrg(db());
    const stored = await bareCall(org.id);
    const [first] = await createSummaryRequests(db(), org.id, { callIds: [stored.id], isRequested: true, actor });
    await generateSummary(db(), { orgId: org.id, summaryId: first ?? "" });
    const ticked = ((await callRow(org.id, stored.id))?.actionItems ?? []).map((a) => ({ ...a, isDone: true }));
    await db().update(calls).set({ actionItems: ticked, openActionItems: 0 }).where(eq(calls.id, stored.id));
    const [second] = await createSummaryRequests(db(), org.id, { callIds: [stored.id], isRequested: true, actor });
    await generateSummary(db(), { orgId: org.id, summaryId: second ?? "" });
    expect((await callRow(org.id, stored.id))?.actionItems.every((a) => !a.isDone)).toBe(true);
    await showSummary(db(), org.id, stored.id, first ?? "", actor);
    expect(await callRow(org.id, stored.id)).toMatchObject({ actionItems: ticked, openActionItems: 0 });
  });

  it("leaves internal calls alone unless the organisation summarises them too", async () => {
    const org = await makeOrg(db());
    const internal = await bareCall(org.id, { direction: "internal" });
    expect(await requestAutoSummary(db(), org.id, internal.id)).toBeUndefined();
    await saveSummarySettings(
      db(),
      org.id,
      actor,
      summarySettingsInput.parse({
        baseVersion: "0",
        provider: "builtin",
        baseInstructions: "",
        includeInternal: "on",
      }),
    );
    const other = await bareCall(org.id, { direction: "internal" });
    expect(await requestAutoSummary(db(), org.id, other.id)).toBeDefined();
  });

  it("regenerates every call of a search as one batch with progress, and only the organisation's", async () => {
    const org = await makeOrg(db());
    const other = await makeOrg(db());
    const ids = [(await bareCall(org.id)).id, (await bareCall(org.id)).id];
    const foreign = await bareCall(other.id);
    const batch = await createSummaryBatch(db(), org.id, { kind: "search", query: "q=invoice" }, actor);
    expect(batch.total).toBe(2);
    expect(await batchProgress(db(), org.id, batch.batchId)).toEqual({ total: 2, waiting: 2, processed: 0, failed: 0 });
    for (const summaryId of batch.summaryIds) await generateSummary(db(), { orgId: org.id, summaryId });
    expect(await batchProgress(db(), org.id, batch.batchId)).toEqual({ total: 2, waiting: 0, processed: 2, failed: 0 });
    expect(await batchProgress(db(), other.id, batch.batchId)).toBeUndefined();
    // Another organisation's call ids are skipped, whichever way they are named.
    expect(await createSummaryRequests(db(), org.id, { callIds: [foreign.id], isRequested: true, actor })).toEqual([]);
    await expect(createSummaryBatch(db(), org.id, { kind: "ids", ids: [foreign.id] }, actor)).rejects.toThrow(
      /No calls/,
    );
    await expect(showSummary(db(), other.id, ids[0] ?? "", batch.summaryIds[0] ?? "", actor)).rejects.toThrow(
      /no such call/,
    );
  });
});
