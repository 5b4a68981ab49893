import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DbHandle } from "@/lib/db/client";
import { auditEntries } from "@/lib/db/schema";
import { makeOrg } from "@/lib/test/fixtures";
import { flow } from "@/lib/test/flow-builder";
import { createTestDatabase } from "@/lib/test/test-db";

import { createFlow } from "./create-flow";
import { getDraft } from "./queries";
import { saveDraft } from "./save-draft";

let database: DbHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

const alice = { label: "alice@example.com" };
const bob = { label: "bob@example.com" };

/** start → hangup, greeting with `text`. */
const greeting = (text: string) =>
  flow(
    [
      { id: "start", kind: "start", text },
      { id: "bye", kind: "hangup", goodbye: "Goodbye." },
    ],
    ["start>bye"],
  );

async function newFlow() {
  const org = await makeOrg(database.db);
  const { id } = await createFlow(database.db, org.id, alice, { name: "Reception", document: greeting("Welcome.") });
  return { orgId: org.id, flowId: id };
}

const greetingOf = async (orgId: string, flowId: string) => {
  const draft = await getDraft(database.db, orgId, flowId);
  const start = draft?.document.nodes.find((n) => n.id === "start");
  return start && "text" in start ? start.text : undefined;
};

const auditActions = async (orgId: string) =>
  (
    await database.db
      .select({ action: auditEntries.action })
      .from(auditEntries)
      .where(and(eq(auditEntries.orgId, orgId), eq(auditEntries.targetType, "flow")))
  )
    .map((a) => a.action)
    .sort();

describe("saveDraft", () => {
  it("saves a draft on its current revision, bumps the revision and says who saved it", async () => {
    const { orgId, flowId } = await newFlow();
    expect(await getDraft(database.db, orgId, flowId)).toMatchObject({ revision: 1, updatedBy: alice.label });
    const first = await saveDraft(database.db, orgId, bob, {
      flowId,
      baseRevision: 1,
      document: greeting("Hello from Bob."),
    });
    expect(first).toEqual({ saved: { revision: 2, updatedBy: bob.label, updatedAt: expect.any(Date) } });
    const second = await saveDraft(database.db, orgId, bob, {
      flowId,
      baseRevision: 2,
      document: greeting("Hello again."),
    });
    expect(second).toMatchObject({ saved: { revision: 3 } });
    expect(await greetingOf(orgId, flowId)).toBe("Hello again.");
    // Autosave: ordinary saves leave no audit entries, only the creation does.
    expect(await auditActions(orgId)).toEqual(["flow.created"]);
  });

  it("keeps a draft that still has errors: only its shape is checked", async () => {
    const { orgId, flowId } = await newFlow();
    const unfinished = flow(
      [
        { id: "start", kind: "start", text: "Hi." },
        { id: "ask", kind: "ask", text: "" },
      ],
      ["start>ask"],
    );
    expect(await saveDraft(database.db, orgId, alice, { flowId, baseRevision: 1, document: unfinished })).toMatchObject(
      { saved: { revision: 2 } },
    );
    expect((await getDraft(database.db, orgId, flowId))?.document.nodes.map((n) => n.id)).toEqual(["start", "ask"]);
  });

  it("lets exactly one of two saves on the same revision win; the other gets the winner's document and author", async () => {
    const { orgId, flowId } = await newFlow();
    const results = await Promise.all([
      saveDraft(database.db, orgId, alice, { flowId, baseRevision: 1, document: greeting("Alice's greeting.") }),
      saveDraft(database.db, orgId, bob, { flowId, baseRevision: 1, document: greeting("Bob's greeting.") }),
    ]);
    const saved = results.flatMap((r) => ("saved" in r ? [r.saved] : []));
    const conflicts = results.flatMap((r) => ("conflict" in r ? [r.conflict] : []));
    expect(saved).toHaveLength(1);
    expect(conflicts).toHaveLength(1);
    const winner = saved[0];
    const conflict = conflicts[0];
    expect(conflict).toMatchObject({ revision: 2, updatedBy: winner?.updatedBy });
    const winnerText = winner?.updatedBy === alice.label ? "Alice's greeting." : "Bob's greeting.";
    expect(conflict?.document.nodes.find((n) => n.id === "start")).toMatchObject({ text: winnerText });
    expect(await greetingOf(orgId, flowId)).toBe(winnerText);
    expect(await getDraft(database.db, orgId, flowId)).toMatchObject({ revision: 2 });
  });

  it("overwrites after the conflict was seen, refuses again when someone saved in between, and audits the overwrite", async () => {
    const { orgId, flowId } = await newFlow();
    await saveDraft(database.db, orgId, alice, { flowId, baseRevision: 1, document: greeting("Alice v2.") });
    const refused = await saveDraft(database.db, orgId, bob, { flowId, baseRevision: 1, document: greeting("Bob's.") });
    expect(refused).toMatchObject({ conflict: { revision: 2, updatedBy: alice.label } });

    // Bob is looking at the diff with revision 2 when Alice saves once more.
    await saveDraft(database.db, orgId, alice, { flowId, baseRevision: 2, document: greeting("Alice v3.") });
    const stale = await saveDraft(database.db, orgId, bob, {
      flowId,
      baseRevision: 2,
      document: greeting("Bob's."),
      force: true,
    });
    expect(stale).toMatchObject({ conflict: { revision: 3, updatedBy: alice.label } });
    expect(await greetingOf(orgId, flowId)).toBe("Alice v3.");

    const forced = await saveDraft(database.db, orgId, bob, {
      flowId,
      baseRevision: 3,
      document: greeting("Bob's."),
      force: true,
    });
    expect(forced).toMatchObject({ saved: { revision: 4, updatedBy: bob.label } });
    expect(await greetingOf(orgId, flowId)).toBe("Bob's.");

    const [entry] = await database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.orgId, orgId), eq(auditEntries.action, "flow.draft_overwritten")));
    expect(entry).toMatchObject({
      actorLabel: bob.label,
      targetId: flowId,
      before: { revision: 3, updatedBy: alice.label },
      after: { revision: 4 },
    });
    expect(JSON.stringify(entry?.before)).toContain("Alice v3.");
    expect(await auditActions(orgId)).toEqual(["flow.created", "flow.draft_overwritten"]);
  });

  it("answers a retried save whose first attempt was stored as saved, not as a conflict", async () => {
    const { orgId, flowId } = await newFlow();
    const document = greeting("Grüße aus Köln – 你好.");
    await saveDraft(database.db, orgId, alice, { flowId, baseRevision: 1, document });
    expect(await saveDraft(database.db, orgId, alice, { flowId, baseRevision: 1, document })).toMatchObject({
      saved: { revision: 2 },
    });
  });

  it("refuses an invalid document with a 422 naming the field, and writes nothing", async () => {
    const { orgId, flowId } = await newFlow();
    const bad = {
      ...greeting("Hi."),
      nodes: [
        { id: "start", kind: "start", position: { x: 0, y: 0 } },
        { id: "ask", kind: "ask", position: { x: 0, y: 100 }, timeoutSeconds: 600 },
      ],
    };
    const error = await saveDraft(database.db, orgId, alice, { flowId, baseRevision: 1, document: bad }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: "unprocessable",
      status: 422,
      fields: { "nodes.1.timeoutSeconds": expect.any(String) },
    });
    expect(String(error)).toContain("nodes.1.timeoutSeconds");
    await expect(
      saveDraft(database.db, orgId, alice, { flowId, baseRevision: 1, document: "not a document" }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      saveDraft(database.db, orgId, alice, { flowId, baseRevision: 0, document: greeting("Hi.") }),
    ).rejects.toMatchObject({ status: 422, fields: { baseRevision: expect.any(String) } });
    expect(await getDraft(database.db, orgId, flowId)).toMatchObject({ revision: 1, updatedBy: alice.label });
    expect(await greetingOf(orgId, flowId)).toBe("Welcome.");
  });

  it("answers 404 to another organisation, and leaves the draft alone", async () => {
    const { orgId, flowId } = await newFlow();
    const other = await makeOrg(database.db, "Other");
    await expect(
      saveDraft(database.db, other.id, bob, { flowId, baseRevision: 1, document: greeting("Taken over.") }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      saveDraft(database.db, other.id, bob, {
        flowId,
        baseRevision: 1,
        document: greeting("Taken over."),
        force: true,
      }),
    ).rejects.toMatchObject({ status: 404 });
    expect(await getDraft(database.db, other.id, flowId)).toBeUndefined();
    expect(await greetingOf(orgId, flowId)).toBe("Welcome.");
    await expect(
      saveDraft(database.db, orgId, bob, { flowId: "not-a-uuid", baseRevision: 1, document: greeting("x") }),
    ).rejects.toMatchObject({ status: 404 });
  });
});
