import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { liveVersionOf } from "@/lib/aiflow/programs";
import type { DbHandle } from "@/lib/db/client";
import { auditEntries } from "@/lib/db/schema";
import { makeOrg } from "@/lib/test/fixtures";
import { flow } from "@/lib/test/flow-builder";
import { createTestDatabase } from "@/lib/test/test-db";

import { createFlow } from "./create-flow";
import { publishFlow } from "./publish-flow";
import { getDraft, getFlow, getFlowVersion, listFlowVersionDocuments, listFlowVersions } from "./queries";
import { rollbackFlow } from "./rollback";
import { saveDraft } from "./save-draft";

let database: DbHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

const alice = { label: "alice@example.com" };
const bob = { label: "bob@example.com" };
const greeting = (text: string) =>
  flow(
    [
      { id: "start", kind: "start", text },
      { id: "bye", kind: "hangup", goodbye: "Goodbye." },
    ],
    ["start>bye"],
  );
const textOf = (document: { nodes: Array<{ id: string }> } | undefined) => {
  const start = document?.nodes.find((n) => n.id === "start");
  return start && "text" in start ? start.text : undefined;
};

/** A flow published three times: "One.", "Two.", "Three."; draft revision 3. */
async function publishedThrice() {
  const org = await makeOrg(database.db);
  const { id: flowId } = await createFlow(database.db, org.id, alice, {
    name: "Reception",
    document: greeting("One."),
  });
  await publishFlow(database.db, org.id, alice, { flowId });
  await saveDraft(database.db, org.id, alice, { flowId, baseRevision: 1, document: greeting("Two.") });
  await publishFlow(database.db, org.id, alice, { flowId });
  await saveDraft(database.db, org.id, alice, { flowId, baseRevision: 2, document: greeting("Three.") });
  await publishFlow(database.db, org.id, alice, { flowId, note: "third" });
  return { orgId: org.id, flowId };
}

describe("rollbackFlow", () => {
  it("publishes the old version's document as version N+1, makes it live and puts it in the draft", async () => {
    const { orgId, flowId } = await publishedThrice();
    expect(await liveVersionOf(database.db, orgId, flowId)).toBe(3);
    const outcome = await rollbackFlow(database.db, orgId, bob, { flowId, version: 1, note: "Callers were confused" });
    expect(outcome).toEqual({ rolledBack: { version: 4, restoredVersion: 1, draftRevision: 4 } });

    const v1 = await getFlowVersion(database.db, orgId, flowId, 1);
    const v4 = await getFlowVersion(database.db, orgId, flowId, 4);
    expect(v4).toMatchObject({ note: "Rolled back to version 1: Callers were confused", publishedByLabel: bob.label });
    expect(v4?.document).toEqual(v1?.document);
    expect(v4?.program).toEqual(v1?.program);
    // Live at once for new sessions of this process (the cached live version was forgotten).
    expect(await liveVersionOf(database.db, orgId, flowId)).toBe(4);
    expect((await getFlow(database.db, orgId, flowId))?.liveVersion).toBe(4);
    const draft = await getDraft(database.db, orgId, flowId);
    expect(draft).toMatchObject({ revision: 4, updatedBy: bob.label });
    expect(textOf(draft?.document)).toBe("One.");
    expect((await listFlowVersions(database.db, orgId, flowId)).map((v) => v.version)).toEqual([4, 3, 2, 1]);

    const [entry] = await database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.orgId, orgId), eq(auditEntries.action, "flow.rolled_back")));
    expect(entry).toMatchObject({
      actorLabel: bob.label,
      before: { liveVersion: 3, draft: { revision: 3 } },
      after: { liveVersion: 4, rolledBackTo: 1 },
    });
  });

  it("makes an editor open on the replaced draft get a conflict instead of overwriting the rollback", async () => {
    const { orgId, flowId } = await publishedThrice();
    await rollbackFlow(database.db, orgId, bob, { flowId, version: 2 });
    const save = await saveDraft(database.db, orgId, alice, {
      flowId,
      baseRevision: 3,
      document: greeting("Alice kept typing."),
    });
    expect(save).toMatchObject({ conflict: { revision: 4, updatedBy: bob.label } });
    expect((await getFlowVersion(database.db, orgId, flowId, 4))?.note).toBe("Rolled back to version 2");
  });

  it("refuses a rollback from a stale page, to the live version, or to a version that does not exist", async () => {
    const { orgId, flowId } = await publishedThrice();
    expect(await rollbackFlow(database.db, orgId, bob, { flowId, version: 1, baseRevision: 2 })).toMatchObject({
      stale: { revision: 3, updatedBy: alice.label },
    });
    await expect(rollbackFlow(database.db, orgId, bob, { flowId, version: 3 })).rejects.toMatchObject({
      status: 409,
      message: "Version 3 is already live.",
    });
    await expect(rollbackFlow(database.db, orgId, bob, { flowId, version: 9 })).rejects.toMatchObject({
      status: 404,
      message: "This flow has no version 9.",
    });
    await expect(rollbackFlow(database.db, orgId, bob, { flowId, version: 0 })).rejects.toMatchObject({
      status: 422,
      fields: { version: expect.any(String) },
    });
    expect((await listFlowVersions(database.db, orgId, flowId)).map((v) => v.version)).toEqual([3, 2, 1]);
    expect(await getDraft(database.db, orgId, flowId)).toMatchObject({ revision: 3 });
  });

  it("answers 404 to another organisation and changes nothing", async () => {
    const { orgId, flowId } = await publishedThrice();
    const other = await makeOrg(database.db, "Other");
    await expect(rollbackFlow(database.db, other.id, bob, { flowId, version: 1 })).rejects.toMatchObject({
      status: 404,
    });
    expect((await getFlow(database.db, orgId, flowId))?.liveVersion).toBe(3);
    expect(await listFlowVersionDocuments(database.db, other.id, flowId)).toEqual([]);
  });
});

describe("publishFlow with the draft revision the admin saw", () => {
  it("refuses when the draft was saved since, saying by whom, and publishes the revision seen", async () => {
    const org = await makeOrg(database.db);
    const { id: flowId } = await createFlow(database.db, org.id, alice, {
      name: "Reception",
      document: greeting("One."),
    });
    await saveDraft(database.db, org.id, bob, { flowId, baseRevision: 1, document: greeting("Bob's unseen change.") });
    const stale = await publishFlow(database.db, org.id, alice, { flowId, baseRevision: 1 });
    expect(stale).toEqual({ stale: { revision: 2, updatedBy: bob.label, updatedAt: expect.any(Date) } });
    expect(await listFlowVersions(database.db, org.id, flowId)).toEqual([]);
    expect(await publishFlow(database.db, org.id, alice, { flowId, baseRevision: 2 })).toEqual({
      published: { version: 1 },
    });
    expect(textOf((await getFlowVersion(database.db, org.id, flowId, 1))?.document)).toBe("Bob's unseen change.");
  });
});

describe("listFlowVersionDocuments", () => {
  it("gives the newest versions' documents, newest first, with one more to compare the oldest with", async () => {
    const { orgId, flowId } = await publishedThrice();
    const all = await listFlowVersionDocuments(database.db, orgId, flowId);
    expect(all.map((v) => [v.version, textOf(v.document)])).toEqual([
      [3, "Three."],
      [2, "Two."],
      [1, "One."],
    ]);
    expect((await listFlowVersionDocuments(database.db, orgId, flowId, { limit: 1 })).map((v) => v.version)).toEqual([
      3, 2,
    ]);
  });
});
