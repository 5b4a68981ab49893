import { randomBytes } from "node:crypto";

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Role } from "@/lib/auth/roles";
import { signInWithPassword } from "@/lib/auth/sign-in";
import type { DbHandle } from "@/lib/db/client";
import { auditEntries, invitations } from "@/lib/db/schema";
import { addMember } from "@/lib/members/add-member";
import { acceptInvitation, findInvitation, revokeInvitation } from "@/lib/members/invitations";
import { findMemberRole, listOpenInvitations } from "@/lib/members/queries";
import { makeOrg, makeUser, TEST_PASSWORD } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";
import { findUserByEmail } from "@/lib/users/queries";

let database: DbHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

const DAY_MS = 24 * 60 * 60 * 1000;
const CHOSEN_PASSWORD = "my own chosen passphrase 42";
const noSmtp = { isEmailConfigured: false };
const newEmail = () => `invitee-${randomBytes(4).toString("hex")}@example.com`;

/** An organisation with an owner who invites `email` with `role`. */
async function invite(email = newEmail(), role: Role = "admin") {
  const org = await makeOrg(database.db, "Inviting");
  const owner = await makeUser(database.db, { org, role: "owner" });
  const actor = { userId: owner.id, label: owner.email };
  const result = await addMember(
    database.db,
    org.id,
    { ...actor, role: "owner" },
    { email, role, method: "invite" },
    { mailer: null },
  );
  const [row] = await database.db
    .select({ id: invitations.id })
    .from(invitations)
    .where(and(eq(invitations.orgId, org.id), eq(invitations.email, email)));
  if (!row) throw new Error("invitation row missing");
  return { org, owner, actor, email, role, token: result.token, invitationId: row.id };
}

describe("a new person accepting an invitation", () => {
  it("gets an account with the password they chose and the invited role, once", async () => {
    const { org, email, token } = await invite(undefined, "admin");
    expect(await findInvitation(database.db, token)).toEqual({
      id: expect.any(String),
      orgId: org.id,
      orgName: "Inviting",
      orgSlug: org.slug,
      email,
      role: "admin",
      hasAccount: false,
      isCreatedByOtherOrgAdmin: false,
    });

    expect(
      await acceptInvitation(database.db, token, { kind: "new", name: "Nina Neu", password: CHOSEN_PASSWORD }, noSmtp),
    ).toEqual({ orgSlug: org.slug, email });
    const user = await findUserByEmail(database.db, email);
    expect(user).toMatchObject({ email, name: "Nina Neu", mustChangePassword: false });
    expect(user && (await findMemberRole(database.db, org.id, user.id))).toBe("admin");
    expect((await signInWithPassword(database.db, { email, password: CHOSEN_PASSWORD, ip: "10.2.0.1" })).kind).toBe(
      "signed-in",
    );
    const [joined] = await database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.orgId, org.id), eq(auditEntries.action, "member.joined")));
    expect(joined).toMatchObject({ actorUserId: user?.id, after: { email, role: "admin" } });

    // The link is used up.
    expect(await findInvitation(database.db, token)).toBeUndefined();
    await expect(
      acceptInvitation(database.db, token, { kind: "new", password: "another passphrase 99" }, noSmtp),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await listOpenInvitations(database.db, org.id)).toEqual([]);
  });

  it("with a weak password is refused and the invitation stays usable", async () => {
    const { email, token } = await invite();
    await expect(
      acceptInvitation(database.db, token, { kind: "new", password: "password123" }, noSmtp),
    ).rejects.toMatchObject({
      code: "unprocessable",
      fields: { password: expect.stringMatching(/too common/) },
    });
    expect(await findUserByEmail(database.db, email)).toBeUndefined();
    expect(await findInvitation(database.db, token)).toMatchObject({ email });
  });

  it("cannot create a second account for an address that has one", async () => {
    const { email, token } = await invite();
    await makeUser(database.db, { email });
    expect(await findInvitation(database.db, token)).toMatchObject({ hasAccount: true });
    await expect(
      acceptInvitation(database.db, token, { kind: "new", password: CHOSEN_PASSWORD }, noSmtp),
    ).rejects.toMatchObject({ code: "conflict" });
    expect((await signInWithPassword(database.db, { email, password: TEST_PASSWORD, ip: "10.2.0.2" })).kind).toBe(
      "signed-in",
    );
  });
});

describe("a double submit", () => {
  it("accepts the invitation once only", async () => {
    const { org, email, token } = await invite(undefined, "member");
    const results = await Promise.allSettled([
      acceptInvitation(database.db, token, { kind: "new", password: CHOSEN_PASSWORD }, noSmtp),
      acceptInvitation(database.db, token, { kind: "new", password: "a different passphrase 7" }, noSmtp),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((r) => r.status === "rejected")?.reason).toMatchObject({ name: "AppError", code: "not_found" });
    const user = await findUserByEmail(database.db, email);
    expect(user && (await findMemberRole(database.db, org.id, user.id))).toBe("member");
  });
});

describe("an existing user accepting an invitation", () => {
  it("joins with the invited role when signed in as the invited address", async () => {
    const { org, email, token } = await invite(undefined, "member");
    const user = await makeUser(database.db, { email });
    expect(
      await acceptInvitation(database.db, token, { kind: "signed-in", userId: user.id, email: user.email }, noSmtp),
    ).toEqual({ orgSlug: org.slug, email });
    expect(await findMemberRole(database.db, org.id, user.id)).toBe("member");
    expect(await findInvitation(database.db, token)).toBeUndefined();
  });

  it("is refused when signed in as someone else, and the invitation stays open", async () => {
    const { org, email, token } = await invite();
    const intruder = await makeUser(database.db);
    await expect(
      acceptInvitation(database.db, token, { kind: "signed-in", userId: intruder.id, email: intruder.email }, noSmtp),
    ).rejects.toMatchObject({
      name: "AppError",
      code: "forbidden",
      message: expect.stringContaining(email),
    });
    expect(await findMemberRole(database.db, org.id, intruder.id)).toBeUndefined();
    expect(await findInvitation(database.db, token)).toMatchObject({ email });
  });
});

describe("links that do not work", () => {
  it("an expired invitation is not found and cannot be accepted", async () => {
    const { token, invitationId } = await invite();
    expect(await findInvitation(database.db, token, new Date(Date.now() + 8 * DAY_MS))).toBeUndefined();
    await database.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, invitationId));
    expect(await findInvitation(database.db, token)).toBeUndefined();
    await expect(
      acceptInvitation(database.db, token, { kind: "new", password: CHOSEN_PASSWORD }, noSmtp),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("malformed and unknown tokens find nothing", async () => {
    const { token } = await invite();
    const unknown = `sbi_${randomBytes(32).toString("base64url")}`;
    for (const bad of [
      "",
      "sbi_",
      "sbi_short",
      `${token}x`,
      token.slice(0, -1),
      token.replace("sbi_", "sbk_"),
      ` ${token}`,
      `${token.slice(0, -1)}!`,
      unknown,
    ]) {
      expect(await findInvitation(database.db, bad), bad).toBeUndefined();
    }
    expect(await findInvitation(database.db, token)).toBeDefined();
  });
});

describe("revokeInvitation", () => {
  it("works only within the invitation's own organisation", async () => {
    const { org, actor, email, token, invitationId } = await invite();
    const other = await makeOrg(database.db, "Other");
    await expect(revokeInvitation(database.db, other.id, invitationId, actor)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await findInvitation(database.db, token)).toMatchObject({ email });

    await revokeInvitation(database.db, org.id, invitationId, actor);
    expect(await findInvitation(database.db, token)).toBeUndefined();
    const [revoked] = await database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.orgId, org.id), eq(auditEntries.action, "member.invitation_revoked")));
    expect(revoked).toMatchObject({ actorUserId: actor.userId, targetId: invitationId, before: { email } });
    await expect(revokeInvitation(database.db, org.id, invitationId, actor)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("cannot undo an accepted invitation", async () => {
    const { org, actor, email, token, invitationId } = await invite(undefined, "member");
    await acceptInvitation(database.db, token, { kind: "new", password: CHOSEN_PASSWORD }, noSmtp);
    await expect(revokeInvitation(database.db, org.id, invitationId, actor)).rejects.toMatchObject({
      code: "not_found",
    });
    const user = await findUserByEmail(database.db, email);
    expect(user && (await findMemberRole(database.db, org.id, user.id))).toBe("member");
  });
});
