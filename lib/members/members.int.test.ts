import { randomBytes } from "node:crypto";

import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Role } from "@/lib/auth/roles";
import { signInWithPassword } from "@/lib/auth/sign-in";
import type { DbHandle } from "@/lib/db/client";
import { auditEntries, memberships, users } from "@/lib/db/schema";
import { addMember } from "@/lib/members/add-member";
import { changeMemberRole } from "@/lib/members/change-role";
import { findInvitation } from "@/lib/members/invitations";
import { findMemberRole, listOpenInvitations } from "@/lib/members/queries";
import { removeMember } from "@/lib/members/remove-member";
import { makeOrg, makeUser } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";
import { findUserByEmail } from "@/lib/users/queries";

let database: DbHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

const newEmail = () => `new-${randomBytes(4).toString("hex")}@example.com`;
const actorOf = (user: { id: string; email: string }, role: Role) => ({ userId: user.id, label: user.email, role });

/** An organisation with one owner, ready to manage members. */
async function orgWithOwner(name = "Acme") {
  const org = await makeOrg(database.db, name);
  const owner = await makeUser(database.db, { org, role: "owner" });
  return { org, owner, actor: actorOf(owner, "owner") };
}

const auditOf = (orgId: string, action: string) =>
  database.db
    .select()
    .from(auditEntries)
    .where(and(eq(auditEntries.orgId, orgId), eq(auditEntries.action, action)))
    .orderBy(asc(auditEntries.createdAt));

const ownersOf = async (orgId: string) =>
  (
    await database.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "owner")))
  ).map((m) => m.userId);

describe("addMember", () => {
  it("invites a person who already has an account; they are not a member until they redeem the link", async () => {
    const { org, actor } = await orgWithOwner();
    const existing = await makeUser(database.db);
    const result = await addMember(
      database.db,
      org.id,
      actor,
      { email: `  ${existing.email.toUpperCase()} `, role: "admin", method: "invite" },
      { mailer: null },
    );
    expect(result).toMatchObject({
      email: existing.email,
      role: "admin",
      method: "invite",
      oneTimePassword: null,
      isEmailed: false,
    });
    expect(await findMemberRole(database.db, org.id, existing.id)).toBeUndefined();
    expect(await findInvitation(database.db, result.token)).toMatchObject({
      email: existing.email,
      role: "admin",
      hasAccount: true,
    });
    expect((await listOpenInvitations(database.db, org.id)).map((i) => i.email)).toEqual([existing.email]);
    expect(await auditOf(org.id, "member.added")).toEqual([]);
    expect(await auditOf(org.id, "member.invited")).toEqual([
      expect.objectContaining({
        actorUserId: actor.userId,
        targetType: "invitation",
        after: { email: existing.email, role: "admin", method: "invite" },
      }),
    ]);
  });

  it("creates a new account with a one-time password that signs in and must be changed, and invites it", async () => {
    const { org, actor } = await orgWithOwner();
    const email = newEmail();
    const result = await addMember(
      database.db,
      org.id,
      actor,
      { email, role: "member", method: "password" },
      { mailer: null },
    );
    expect(result.email).toBe(email);
    const password = result.oneTimePassword;
    if (!password) throw new Error("expected a one-time password");

    const user = await findUserByEmail(database.db, email);
    expect(user?.mustChangePassword).toBe(true);
    // Not a member yet: the link must be redeemed, after choosing an own password.
    expect(user && (await findMemberRole(database.db, org.id, user.id))).toBeUndefined();
    expect(await findInvitation(database.db, result.token)).toMatchObject({
      email,
      role: "member",
      hasAccount: true,
      isCreatedByOtherOrgAdmin: false,
    });
    const [row] = await database.db
      .select({
        passwordHash: users.passwordHash,
        createdByOrgId: users.createdByOrgId,
        createdByUserId: users.createdByUserId,
        createdByAdminAt: users.createdByAdminAt,
      })
      .from(users)
      .where(eq(users.email, email));
    expect(row?.passwordHash).not.toContain(password);
    expect(row).toMatchObject({
      createdByOrgId: org.id,
      createdByUserId: actor.userId,
      createdByAdminAt: expect.any(Date),
    });

    const signIn = await signInWithPassword(database.db, { email, password, ip: "10.1.0.1" });
    expect(signIn.kind).toBe("signed-in");
  });

  it("invites a new address with a token; a second invitation replaces the first", async () => {
    const { org, actor } = await orgWithOwner();
    const email = newEmail();
    const first = await addMember(
      database.db,
      org.id,
      actor,
      { email, role: "admin", method: "invite" },
      { mailer: null },
    );
    expect(first.token).toMatch(/^sbi_[A-Za-z0-9_-]{43}$/);
    expect(first.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 60 * 60 * 1000);
    expect(await findInvitation(database.db, first.token)).toMatchObject({
      email,
      role: "admin",
      orgId: org.id,
      hasAccount: false,
    });
    // No account or membership exists until the invitation is accepted.
    expect(await findUserByEmail(database.db, email)).toBeUndefined();

    const second = await addMember(
      database.db,
      org.id,
      actor,
      { email, role: "member", method: "invite" },
      { mailer: null },
    );
    expect(await findInvitation(database.db, first.token)).toBeUndefined();
    expect(await findInvitation(database.db, second.token)).toMatchObject({ email, role: "member" });
    expect((await listOpenInvitations(database.db, org.id)).map((i) => i.email)).toEqual([email]);
    expect(await auditOf(org.id, "member.invited")).toHaveLength(2);
  });

  it("refuses someone who is already a member", async () => {
    const { org, actor } = await orgWithOwner();
    const member = await makeUser(database.db, { org, role: "member" });
    await expect(
      addMember(database.db, org.id, actor, { email: member.email, role: "admin", method: "invite" }),
    ).rejects.toMatchObject({
      name: "AppError",
      code: "conflict",
      fields: { email: "Already a member of this organisation." },
    });
    expect(await findMemberRole(database.db, org.id, member.id)).toBe("member");
  });

  it("lets only an owner add an owner", async () => {
    const { org } = await orgWithOwner();
    const admin = await makeUser(database.db, { org, role: "admin" });
    const email = newEmail();
    for (const method of ["password", "invite"]) {
      await expect(
        addMember(database.db, org.id, actorOf(admin, "admin"), { email, role: "owner", method }),
      ).rejects.toMatchObject({
        code: "forbidden",
      });
    }
    expect(await findUserByEmail(database.db, email)).toBeUndefined();
    expect(await listOpenInvitations(database.db, org.id)).toEqual([]);
    // An admin may still add admins and members.
    expect(
      (
        await addMember(
          database.db,
          org.id,
          actorOf(admin, "admin"),
          { email, role: "admin", method: "invite" },
          { mailer: null },
        )
      ).role,
    ).toBe("admin");
  });

  it("names wrong fields", async () => {
    const { org, actor } = await orgWithOwner();
    await expect(
      addMember(database.db, org.id, actor, { email: "not-an-email", role: "boss", method: "carrier-pigeon" }),
    ).rejects.toMatchObject({
      code: "unprocessable",
      fields: { email: expect.any(String), role: "Choose owner, admin or member.", method: expect.any(String) },
    });
  });
});

describe("changeMemberRole", () => {
  it("changes the role and records before and after", async () => {
    const { org, actor } = await orgWithOwner();
    const member = await makeUser(database.db, { org, role: "member" });
    await changeMemberRole(database.db, org.id, actor, { userId: member.id, role: "admin" });
    expect(await findMemberRole(database.db, org.id, member.id)).toBe("admin");
    expect(await auditOf(org.id, "member.role_changed")).toEqual([
      expect.objectContaining({
        actorUserId: actor.userId,
        targetId: member.id,
        before: { role: "member" },
        after: { role: "admin" },
      }),
    ]);
  });

  it("refuses to demote the last owner", async () => {
    const { org, owner, actor } = await orgWithOwner();
    await expect(
      changeMemberRole(database.db, org.id, actor, { userId: owner.id, role: "admin" }),
    ).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/last owner/),
    });
    expect(await findMemberRole(database.db, org.id, owner.id)).toBe("owner");
  });

  it("lets only an owner grant or take away the owner role", async () => {
    const { org, owner } = await orgWithOwner();
    const admin = await makeUser(database.db, { org, role: "admin" });
    const member = await makeUser(database.db, { org, role: "member" });
    await expect(
      changeMemberRole(database.db, org.id, actorOf(admin, "admin"), { userId: member.id, role: "owner" }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(
      changeMemberRole(database.db, org.id, actorOf(admin, "admin"), { userId: owner.id, role: "member" }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await findMemberRole(database.db, org.id, member.id)).toBe("member");
    expect(await findMemberRole(database.db, org.id, owner.id)).toBe("owner");
  });

  /** Two owners of a new organisation demote each other at the same moment. */
  async function demoteEachOther() {
    const { org, owner: a } = await orgWithOwner();
    const b = await makeUser(database.db, { org, role: "owner" });
    const results = await Promise.allSettled([
      changeMemberRole(database.db, org.id, actorOf(a, "owner"), { userId: b.id, role: "member" }),
      changeMemberRole(database.db, org.id, actorOf(b, "owner"), { userId: a.id, role: "member" }),
    ]);
    return { owners: await ownersOf(org.id), results };
  }

  it("two owners demoting each other at once leave exactly one owner", async () => {
    for (let round = 0; round < 5; round++) {
      const { owners, results } = await demoteEachOther();
      expect(owners).toHaveLength(1);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    }
  });

  it("the owner refused in such a race is told why, not given a server error", async () => {
    for (let round = 0; round < 5; round++) {
      const { results } = await demoteEachOther();
      const refused = results.find((r) => r.status === "rejected");
      expect(refused?.reason).toMatchObject({
        name: "AppError",
        code: "conflict",
        message: expect.stringMatching(/last owner/),
      });
    }
  });

  it("cannot reach a member of another organisation", async () => {
    const { org: orgA, actor: ownerA } = await orgWithOwner("Alpha");
    const { org: orgB } = await orgWithOwner("Beta");
    const memberB = await makeUser(database.db, { org: orgB, role: "member" });
    await expect(
      changeMemberRole(database.db, orgA.id, ownerA, { userId: memberB.id, role: "admin" }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(removeMember(database.db, orgA.id, ownerA, memberB.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await findMemberRole(database.db, orgB.id, memberB.id)).toBe("member");
    expect(await findMemberRole(database.db, orgA.id, memberB.id)).toBeUndefined();
  });
});

describe("removeMember", () => {
  it("removes the membership, keeps the account and other memberships, and records it", async () => {
    const { org, actor } = await orgWithOwner();
    const { org: other } = await orgWithOwner("Other");
    const member = await makeUser(database.db, { org, role: "admin" });
    await database.db.insert(memberships).values({ orgId: other.id, userId: member.id, role: "member" });

    await removeMember(database.db, org.id, actor, member.id);
    expect(await findMemberRole(database.db, org.id, member.id)).toBeUndefined();
    expect(await findMemberRole(database.db, other.id, member.id)).toBe("member");
    expect(await findUserByEmail(database.db, member.email)).toMatchObject({ id: member.id });
    expect(await auditOf(org.id, "member.removed")).toEqual([
      expect.objectContaining({
        actorUserId: actor.userId,
        targetId: member.id,
        before: { email: member.email, role: "admin" },
      }),
    ]);
  });

  it("refuses to remove the last owner, even when they leave themselves", async () => {
    const { org, owner, actor } = await orgWithOwner();
    await expect(removeMember(database.db, org.id, actor, owner.id)).rejects.toMatchObject({ code: "conflict" });
    expect(await findMemberRole(database.db, org.id, owner.id)).toBe("owner");
    // With a second owner, one of them may leave.
    const second = await makeUser(database.db, { org, role: "owner" });
    await removeMember(database.db, org.id, actor, owner.id);
    expect(await ownersOf(org.id)).toEqual([second.id]);
  });

  it("lets an admin remove members but not owners", async () => {
    const { org, owner } = await orgWithOwner();
    const admin = await makeUser(database.db, { org, role: "admin" });
    const member = await makeUser(database.db, { org, role: "member" });
    await expect(removeMember(database.db, org.id, actorOf(admin, "admin"), owner.id)).rejects.toMatchObject({
      code: "forbidden",
    });
    await removeMember(database.db, org.id, actorOf(admin, "admin"), member.id);
    expect(await findMemberRole(database.db, org.id, member.id)).toBeUndefined();
    expect(await findMemberRole(database.db, org.id, owner.id)).toBe("owner");
  });
});
