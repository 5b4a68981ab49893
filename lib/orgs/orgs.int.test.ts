import { randomBytes } from "node:crypto";

import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { cliActor } from "@/lib/audit/record";
import type { DbHandle } from "@/lib/db/client";
import { auditEntries, memberships, organisations } from "@/lib/db/schema";
import { newId } from "@/lib/ids";
import { createOrganisation } from "@/lib/orgs/create-org";
import { findMembershipBySlug, findOrgBySlug, listUserOrganisations } from "@/lib/orgs/queries";
import { renameOrganisation } from "@/lib/orgs/rename-org";
import { makeOrg, makeUser } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";

let database: DbHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

const uniqueSlug = (base: string) => `${base}-${randomBytes(3).toString("hex")}`;
const auditOf = (orgId: string) =>
  database.db.select().from(auditEntries).where(eq(auditEntries.orgId, orgId)).orderBy(asc(auditEntries.createdAt));

describe("createOrganisation", () => {
  it("makes the owner its first member and records who created it", async () => {
    const user = await makeUser(database.db);
    const slug = uniqueSlug("acme-support");
    const org = await createOrganisation(
      database.db,
      { name: "  Acme Support  ", slug: `  ${slug.toUpperCase()} `, ownerUserId: user.id },
      { userId: user.id, label: user.email },
    );
    expect(org).toMatchObject({ name: "Acme Support", slug });
    expect(await findMembershipBySlug(database.db, slug, user.id)).toEqual({ org, role: "owner" });

    const audit = await auditOf(org.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "organisation.created",
      actorUserId: user.id,
      actorLabel: user.email,
      targetType: "organisation",
      targetId: org.id,
      after: { id: org.id, slug, name: "Acme Support" },
    });
  });

  it("without an owner creates an organisation with no members", async () => {
    const org = await createOrganisation(database.db, { name: "Ops", slug: uniqueSlug("ops") }, cliActor);
    expect(await database.db.select().from(memberships).where(eq(memberships.orgId, org.id))).toEqual([]);
    expect((await auditOf(org.id))[0]).toMatchObject({
      action: "organisation.created",
      actorLabel: "cli",
      actorUserId: null,
    });
  });

  it("refuses a slug that is taken, whatever its capitalisation, and creates nothing", async () => {
    const existing = await makeOrg(database.db, "Taken");
    const user = await makeUser(database.db);
    for (const slug of [existing.slug, existing.slug.toUpperCase()]) {
      await expect(
        createOrganisation(database.db, { name: "Other", slug, ownerUserId: user.id }, cliActor),
      ).rejects.toMatchObject({
        name: "AppError",
        code: "conflict",
        fields: { slug: "This address is already taken." },
      });
    }
    expect(await database.db.select().from(organisations).where(eq(organisations.slug, existing.slug))).toHaveLength(1);
    expect(await listUserOrganisations(database.db, user.id)).toEqual([]);
  });

  it("refuses an empty name and a bad or reserved slug, naming the fields", async () => {
    await expect(
      createOrganisation(database.db, { name: "   ", slug: uniqueSlug("fine") }, cliActor),
    ).rejects.toMatchObject({
      code: "unprocessable",
      fields: { name: "Enter a name." },
    });
    await expect(
      createOrganisation(database.db, { name: "x".repeat(81), slug: "api" }, cliActor),
    ).rejects.toMatchObject({
      code: "unprocessable",
      fields: { name: "Use at most 80 characters.", slug: "This address is reserved. Choose another." },
    });
    await expect(
      createOrganisation(database.db, { name: "Fine", slug: "no_underscores" }, cliActor),
    ).rejects.toMatchObject({
      code: "unprocessable",
      fields: { slug: expect.stringMatching(/lower-case letters/) },
    });
    expect(await findOrgBySlug(database.db, "no_underscores")).toBeUndefined();
  });
});

describe("renameOrganisation", () => {
  it("renames and records the name before and after", async () => {
    const org = await makeOrg(database.db, "Before");
    const owner = await makeUser(database.db, { org, role: "owner" });
    await renameOrganisation(database.db, org.id, "  After GmbH ", { userId: owner.id, label: owner.email });
    expect((await findOrgBySlug(database.db, org.slug))?.name).toBe("After GmbH");
    const renamed = (await auditOf(org.id)).filter((e) => e.action === "organisation.renamed");
    expect(renamed).toHaveLength(1);
    expect(renamed[0]).toMatchObject({
      actorUserId: owner.id,
      targetId: org.id,
      before: { name: "Before" },
      after: { name: "After GmbH" },
    });
  });

  it("records nothing when the name does not change", async () => {
    const org = await makeOrg(database.db, "Same");
    await renameOrganisation(database.db, org.id, " Same ", cliActor);
    expect((await auditOf(org.id)).map((e) => e.action)).toEqual(["organisation.created"]);
  });

  it("refuses an empty name and an unknown organisation", async () => {
    const org = await makeOrg(database.db, "Keep");
    await expect(renameOrganisation(database.db, org.id, "", cliActor)).rejects.toMatchObject({
      code: "unprocessable",
      fields: { name: "Enter a name." },
    });
    expect((await findOrgBySlug(database.db, org.slug))?.name).toBe("Keep");
    await expect(renameOrganisation(database.db, newId(), "Whatever", cliActor)).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("tenant isolation of organisation queries", () => {
  it("lists only the user's own organisations, by name, with their role", async () => {
    const user = await makeUser(database.db);
    const zeta = await makeOrg(database.db, "Zeta");
    const alpha = await makeOrg(database.db, "Alpha");
    const other = await makeOrg(database.db, "Other");
    await database.db.insert(memberships).values([
      { orgId: zeta.id, userId: user.id, role: "member" },
      { orgId: alpha.id, userId: user.id, role: "admin" },
    ]);
    await makeUser(database.db, { org: other, role: "owner" });

    expect(await listUserOrganisations(database.db, user.id)).toEqual([
      { ...alpha, role: "admin" },
      { ...zeta, role: "member" },
    ]);
  });

  it("finds no membership in an organisation the user does not belong to", async () => {
    const mine = await makeOrg(database.db, "Mine");
    const theirs = await makeOrg(database.db, "Theirs");
    const me = await makeUser(database.db, { org: mine, role: "owner" });
    await makeUser(database.db, { org: theirs, role: "owner" });

    expect(await findMembershipBySlug(database.db, mine.slug, me.id)).toEqual({ org: mine, role: "owner" });
    expect(await findMembershipBySlug(database.db, theirs.slug, me.id)).toBeUndefined();
    expect(await findMembershipBySlug(database.db, "no-such-org", me.id)).toBeUndefined();
  });
});
