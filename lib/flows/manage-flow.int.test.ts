import { randomUUID } from "node:crypto";

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { routeNumber, saveAiFlowConfig } from "@/lib/aiflow/save-config";
import type { DbHandle } from "@/lib/db/client";
import { auditEntries, flows, flowVersions, voiceSessions } from "@/lib/db/schema";
import { initialState } from "@/lib/flows/session-state";
import { createIntegration } from "@/lib/integrations/create-integration";
import { makeOrg } from "@/lib/test/fixtures";
import { flow } from "@/lib/test/flow-builder";
import { createTestDatabase } from "@/lib/test/test-db";

import { createFlow } from "./create-flow";
import { deleteFlow, duplicateFlow, renameFlow } from "./manage-flow";
import { publishFlow } from "./publish-flow";
import { getDraft, getFlow, listFlowVersions } from "./queries";
import { saveDraft } from "./save-draft";

let database: DbHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

const alice = { label: "alice@example.com" };
const greeting = (text: string) =>
  flow(
    [
      { id: "start", kind: "start", text },
      { id: "bye", kind: "hangup", goodbye: "Goodbye." },
    ],
    ["start>bye"],
  );

async function newFlow(name = "Reception") {
  const org = await makeOrg(database.db);
  const { id } = await createFlow(database.db, org.id, alice, { name, document: greeting("Welcome.") });
  return { orgId: org.id, flowId: id };
}

const auditOf = async (orgId: string, action: string) =>
  database.db
    .select()
    .from(auditEntries)
    .where(and(eq(auditEntries.orgId, orgId), eq(auditEntries.action, action)));

describe("renameFlow", () => {
  it("renames the flow and records the old and new name", async () => {
    const { orgId, flowId } = await newFlow();
    expect(await renameFlow(database.db, orgId, alice, { flowId, name: "  Empfang Zürich  " })).toEqual({
      name: "Empfang Zürich",
    });
    expect((await getFlow(database.db, orgId, flowId))?.name).toBe("Empfang Zürich");
    expect(await auditOf(orgId, "flow.renamed")).toMatchObject([
      { before: { name: "Reception" }, after: { name: "Empfang Zürich" } },
    ]);
  });

  it("refuses an empty or overlong name with a 422 naming the name field", async () => {
    const { orgId, flowId } = await newFlow();
    await expect(renameFlow(database.db, orgId, alice, { flowId, name: "   " })).rejects.toMatchObject({
      status: 422,
      fields: { name: "Enter a name." },
    });
    await expect(renameFlow(database.db, orgId, alice, { flowId, name: "x".repeat(81) })).rejects.toMatchObject({
      status: 422,
      fields: { name: expect.any(String) },
    });
    expect((await getFlow(database.db, orgId, flowId))?.name).toBe("Reception");
  });
});

describe("duplicateFlow", () => {
  it("copies the draft as a new unpublished flow named 'Copy of …', or as named", async () => {
    const { orgId, flowId } = await newFlow();
    await saveDraft(database.db, orgId, alice, {
      flowId,
      baseRevision: 1,
      document: greeting("Edited, not published."),
    });
    expect(await publishFlow(database.db, orgId, alice, { flowId })).toEqual({ published: { version: 1 } });

    const copy = await duplicateFlow(database.db, orgId, alice, { flowId });
    const row = await getFlow(database.db, orgId, copy.id);
    expect(row).toMatchObject({ name: "Copy of Reception", liveVersion: null, draftRevision: 1 });
    expect(row?.draft).toEqual((await getDraft(database.db, orgId, flowId))?.document);
    expect(await listFlowVersions(database.db, orgId, copy.id)).toEqual([]);

    const named = await duplicateFlow(database.db, orgId, alice, { flowId, name: "Night line" });
    expect((await getFlow(database.db, orgId, named.id))?.name).toBe("Night line");
    await expect(duplicateFlow(database.db, orgId, alice, { flowId, name: "" })).rejects.toMatchObject({
      status: 422,
      fields: { name: "Enter a name." },
    });
    expect(await auditOf(orgId, "flow.duplicated")).toHaveLength(2);
  });

  it("keeps a long name's copy within the name limit", async () => {
    const { orgId, flowId } = await newFlow("R".repeat(80));
    const copy = await duplicateFlow(database.db, orgId, alice, { flowId });
    expect((await getFlow(database.db, orgId, copy.id))?.name).toHaveLength(80);
  });
});

describe("deleteFlow", () => {
  it("deletes the flow with its versions; past sessions stay without it", async () => {
    const { orgId, flowId } = await newFlow();
    await publishFlow(database.db, orgId, alice, { flowId });
    const integration = await createIntegration(database.db, orgId, alice, {
      provider: "aiflow",
      name: "Demo assistant",
    });
    const started = new Date(Date.now() - 3_600_000);
    const [old] = await database.db
      .insert(voiceSessions)
      .values({
        orgId,
        integrationId: integration.id,
        externalId: randomUUID(),
        flowId,
        flowVersion: 1,
        state: initialState(),
        seq: 3,
        status: "ended",
        startedAt: started,
        lastEventAt: started,
        endedAt: started,
      })
      .returning({ id: voiceSessions.id });

    await deleteFlow(database.db, orgId, alice, { flowId });
    expect(await getFlow(database.db, orgId, flowId)).toBeUndefined();
    expect(
      await database.db
        .select()
        .from(flowVersions)
        .where(and(eq(flowVersions.orgId, orgId), eq(flowVersions.flowId, flowId))),
    ).toEqual([]);
    const [session] = await database.db
      .select({ flowId: voiceSessions.flowId })
      .from(voiceSessions)
      .where(eq(voiceSessions.id, old?.id ?? ""));
    expect(session).toEqual({ flowId: null });
    expect(await auditOf(orgId, "flow.deleted")).toMatchObject([
      { targetId: flowId, before: { name: "Reception", liveVersion: 1 } },
    ]);
  });

  it("refuses while a number routes to the flow, naming the number and its integration", async () => {
    const { orgId, flowId } = await newFlow();
    const demo = await createIntegration(database.db, orgId, alice, { provider: "aiflow", name: "Demo assistant" });
    await routeNumber(database.db, orgId, alice, demo.id, { number: "+49301234560", flowId });
    const error = await deleteFlow(database.db, orgId, alice, { flowId }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "conflict",
      status: 409,
      message: "Cannot delete: +49301234560 (Demo assistant) uses this flow. Route the number elsewhere first.",
    });

    const night = await createIntegration(database.db, orgId, alice, { provider: "aiflow", name: "Night line" });
    await routeNumber(database.db, orgId, alice, night.id, { number: "+49301234561", flowId });
    await expect(deleteFlow(database.db, orgId, alice, { flowId })).rejects.toMatchObject({
      message: expect.stringMatching(
        /^Cannot delete: \+49301234560 \(Demo assistant\) and \+49301234561 \(Night line\) use this flow\./,
      ),
    });
    expect(await getFlow(database.db, orgId, flowId)).toBeDefined();

    // Routed elsewhere, it can go.
    const other = await createFlow(database.db, orgId, alice, { name: "Other", document: greeting("Hi.") });
    await routeNumber(database.db, orgId, alice, demo.id, { number: "+49301234560", flowId: other.id });
    await saveAiFlowConfig(database.db, orgId, alice, night.id, { routes: [] });
    await deleteFlow(database.db, orgId, alice, { flowId });
    expect(await getFlow(database.db, orgId, flowId)).toBeUndefined();
  });

  it("refuses while a call is running on the flow, but not for a session that went silent long ago", async () => {
    const { orgId, flowId } = await newFlow();
    await publishFlow(database.db, orgId, alice, { flowId });
    const integration = await createIntegration(database.db, orgId, alice, { provider: "aiflow", name: "Assistant" });
    const session = (lastEventAt: Date) => ({
      orgId,
      integrationId: integration.id,
      externalId: randomUUID(),
      flowId,
      flowVersion: 1,
      state: initialState(),
      seq: 1,
      status: "active" as const,
      startedAt: lastEventAt,
      lastEventAt,
    });
    await database.db.insert(voiceSessions).values(session(new Date(Date.now() - 86_400_000)));
    const [running] = await database.db
      .insert(voiceSessions)
      .values(session(new Date()))
      .returning({ id: voiceSessions.id });
    await expect(deleteFlow(database.db, orgId, alice, { flowId })).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining("a call is running on this flow"),
    });
    await database.db
      .update(voiceSessions)
      .set({ status: "ended" })
      .where(and(eq(voiceSessions.orgId, orgId), eq(voiceSessions.id, running?.id ?? "")));
    await deleteFlow(database.db, orgId, alice, { flowId });
    expect(await getFlow(database.db, orgId, flowId)).toBeUndefined();
  });
});

describe("flows of another organisation", () => {
  it("cannot be renamed, duplicated or deleted: 404, and nothing changes", async () => {
    const { orgId, flowId } = await newFlow();
    const other = await makeOrg(database.db, "Other");
    await expect(renameFlow(database.db, other.id, alice, { flowId, name: "Mine now" })).rejects.toMatchObject({
      status: 404,
    });
    await expect(duplicateFlow(database.db, other.id, alice, { flowId })).rejects.toMatchObject({ status: 404 });
    await expect(deleteFlow(database.db, other.id, alice, { flowId })).rejects.toMatchObject({ status: 404 });
    await expect(deleteFlow(database.db, other.id, alice, { flowId: "../../etc" })).rejects.toMatchObject({
      status: 404,
    });
    expect(await getFlow(database.db, orgId, flowId)).toMatchObject({ name: "Reception" });
    expect(await database.db.select({ id: flows.id }).from(flows).where(eq(flows.orgId, other.id))).toEqual([]);
  });
});
