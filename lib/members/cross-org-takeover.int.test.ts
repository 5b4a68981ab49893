// Issue 12, item 1: an admin of A pre-creates an account with a one-time password, takes it over,
// and must not get into B when B's owner adds that address.
import { randomBytes } from "node:crypto";

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { requestPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { createSession, findSessionUser } from "@/lib/auth/sessions";
import { signInWithPassword } from "@/lib/auth/sign-in";
import type { DbHandle } from "@/lib/db/client";
import { auditEntries, users } from "@/lib/db/schema";
import type { Mailer, MailMessage } from "@/lib/mail/mailer";
import { addMember, type AddMemberResult } from "@/lib/members/add-member";
import { acceptInvitation, findInvitation } from "@/lib/members/invitations";
import { findMemberRole, listMembers, listOpenInvitations } from "@/lib/members/queries";
import { makeOrg, makeUser } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";
import { findUserByEmail } from "@/lib/users/queries";
import { changeOwnPassword } from "@/lib/users/set-password";

let database: DbHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

const ATTACKER_PASSWORD = "the attacker's chosen passphrase";
const VICTIM_PASSWORD = "the real owner's own passphrase";
const withSmtp = { isEmailConfigured: true };
const withoutSmtp = { isEmailConfigured: false };
const victimEmail = () => `victim-${randomBytes(4).toString("hex")}@example.com`;

/** A mailer that keeps what it was asked to send. */
function fakeMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return { from: "Switchboard <sb@example.com>", sent, send: async (m) => void sent.push(m) };
}

async function orgWithOwner(name: string) {
  const org = await makeOrg(database.db, name);
  const owner = await makeUser(database.db, { org, role: "owner" });
  return { org, owner, actor: { userId: owner.id, label: owner.email, role: "owner" as const } };
}

/**
 * The attack's first half: A's admin adds the victim's address with a one-time password, signs
 * in with it and sets a password of their own choosing.
 */
async function preCreatedByA(email = victimEmail()) {
  const a = await orgWithOwner("Alpha");
  const added = await addMember(
    database.db,
    a.org.id,
    a.actor,
    { email, role: "member", method: "password" },
    { mailer: null },
  );
  const signIn = await signInWithPassword(database.db, {
    email,
    password: added.oneTimePassword ?? "",
    ip: "10.6.0.1",
  });
  if (signIn.kind !== "signed-in") throw new Error(`the one-time password did not sign in: ${signIn.kind}`);
  const user = await findUserByEmail(database.db, email);
  if (!user) throw new Error("no account");
  const session = await createSession(database.db, user.id);
  await changeOwnPassword(
    database.db,
    { ...user, sessionId: session.id },
    { currentPassword: added.oneTimePassword ?? "", newPassword: ATTACKER_PASSWORD },
  );
  return { a, email, user, attackerSession: session.id, invitationOfA: added.token };
}

const shape = (result: AddMemberResult) =>
  Object.fromEntries(Object.entries(result).map(([key, value]) => [key, value === null ? "null" : typeof value]));

describe("adding the address of an existing account", () => {
  for (const method of ["invite", "password"] as const) {
    it(`(${method}) makes no membership and answers exactly as for a new address`, async () => {
      const { email, user } = await preCreatedByA();
      const b = await orgWithOwner("Beta");
      const forExisting = await addMember(
        database.db,
        b.org.id,
        b.actor,
        { email, role: "admin", method },
        { mailer: null },
      );
      const forNew = await addMember(
        database.db,
        b.org.id,
        b.actor,
        { email: victimEmail(), role: "admin", method },
        { mailer: null },
      );

      expect(await findMemberRole(database.db, b.org.id, user.id)).toBeUndefined();
      expect((await listMembers(database.db, b.org.id)).map((m) => m.email)).not.toContain(email);
      expect((await listOpenInvitations(database.db, b.org.id)).map((i) => i.email)).toContain(email);
      expect(shape(forExisting)).toEqual(shape(forNew));
      expect(Object.keys(forExisting).sort()).toEqual([
        "email",
        "expiresAt",
        "isEmailed",
        "method",
        "oneTimePassword",
        "role",
        "token",
      ]);
      if (method === "password") expect(forExisting.oneTimePassword).toMatch(/^[A-Za-z0-9_-]{20}$/);

      // The existing account keeps its password: B's one-time password was stored nowhere.
      expect(
        (await signInWithPassword(database.db, { email, password: forExisting.oneTimePassword ?? "-", ip: "10.6.0.2" }))
          .kind,
      ).not.toBe("signed-in");
      expect((await signInWithPassword(database.db, { email, password: ATTACKER_PASSWORD, ip: "10.6.0.3" })).kind).toBe(
        "signed-in",
      );

      // B's audit log reads the same for both addresses.
      const invited = await database.db
        .select({ targetType: auditEntries.targetType, after: auditEntries.after })
        .from(auditEntries)
        .where(and(eq(auditEntries.orgId, b.org.id), eq(auditEntries.action, "member.invited")));
      expect(invited).toHaveLength(2);
      expect(invited).toContainEqual({ targetType: "invitation", after: { email, role: "admin", method } });
      expect(invited).toContainEqual({
        targetType: "invitation",
        after: { email: forNew.email, role: "admin", method },
      });
      const bAudit = await database.db
        .select({ action: auditEntries.action })
        .from(auditEntries)
        .where(eq(auditEntries.orgId, b.org.id));
      expect(bAudit.map((e) => e.action).sort()).toEqual(["member.invited", "member.invited", "organisation.created"]);
    });
  }

  it("a second one-time password replaces the first while the account has never been used, and only for its own organisation", async () => {
    const a = await orgWithOwner("Alpha");
    const email = victimEmail();
    const first = await addMember(
      database.db,
      a.org.id,
      a.actor,
      { email, role: "member", method: "password" },
      { mailer: null },
    );
    const second = await addMember(
      database.db,
      a.org.id,
      a.actor,
      { email, role: "member", method: "password" },
      { mailer: null },
    );
    const signsIn = async (password: string | null) =>
      (await signInWithPassword(database.db, { email, password: password ?? "-", ip: "10.6.1.1" })).kind ===
      "signed-in";
    expect(await signsIn(first.oneTimePassword)).toBe(false);
    // Another organisation cannot change it.
    const b = await orgWithOwner("Beta");
    const fromB = await addMember(
      database.db,
      b.org.id,
      b.actor,
      { email, role: "member", method: "password" },
      { mailer: null },
    );
    expect(await signsIn(fromB.oneTimePassword)).toBe(false);
    expect(await signsIn(second.oneTimePassword)).toBe(true);
    // Once it has been signed in to, not even its own organisation can.
    const third = await addMember(
      database.db,
      a.org.id,
      a.actor,
      { email, role: "member", method: "password" },
      { mailer: null },
    );
    expect(await signsIn(third.oneTimePassword)).toBe(false);
  });
});

describe("redeeming an invitation", () => {
  it("needs the signed-in account of the invited address, with its own password chosen", async () => {
    const b = await orgWithOwner("Beta");
    const email = victimEmail();
    const added = await addMember(
      database.db,
      b.org.id,
      b.actor,
      { email, role: "member", method: "password" },
      { mailer: null },
    );
    const user = await findUserByEmail(database.db, email);
    if (!user) throw new Error("no account");
    const someoneElse = await makeUser(database.db);
    await expect(
      acceptInvitation(
        database.db,
        added.token,
        { kind: "signed-in", userId: someoneElse.id, email: someoneElse.email },
        withSmtp,
      ),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    // Still on the one-time password: choose an own one first.
    await expect(
      acceptInvitation(database.db, added.token, { kind: "signed-in", userId: user.id, email }, withSmtp),
    ).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/own password first/),
    });
    const session = await createSession(database.db, user.id);
    await changeOwnPassword(
      database.db,
      { ...user, sessionId: session.id },
      { currentPassword: added.oneTimePassword ?? "", newPassword: VICTIM_PASSWORD },
    );
    // An account B's own admin created may join B, email or not.
    await acceptInvitation(database.db, added.token, { kind: "signed-in", userId: user.id, email }, withSmtp);
    expect(await findMemberRole(database.db, b.org.id, user.id)).toBe("member");
    expect(await findMemberRole(database.db, b.org.id, someoneElse.id)).toBeUndefined();
  });
});

describe("an account another organisation's admin created", () => {
  it("is marked, cannot join B with SMTP set up until it is taken back by a reset, which signs the attacker out", async () => {
    const { email, user, attackerSession, a } = await preCreatedByA();
    const b = await orgWithOwner("Beta");
    const invitation = await addMember(
      database.db,
      b.org.id,
      b.actor,
      { email, role: "admin", method: "invite" },
      { mailer: null },
    );
    expect(await findInvitation(database.db, invitation.token)).toMatchObject({
      hasAccount: true,
      isCreatedByOtherOrgAdmin: true,
    });

    // Even holding the link (say the victim forwarded it), the attacker cannot join B.
    await expect(
      acceptInvitation(database.db, invitation.token, { kind: "signed-in", userId: user.id, email }, withSmtp),
    ).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/Forgot password/),
    });
    expect(await findMemberRole(database.db, b.org.id, user.id)).toBeUndefined();

    // The owner of the address takes it back.
    const mailer = fakeMailer();
    expect(await requestPasswordReset(database.db, { email, ip: "10.6.2.1" }, { mailer })).toBe("sent");
    const token = /\/reset-password\/(sbr_[A-Za-z0-9_-]{43})/.exec(mailer.sent[0]?.text ?? "")?.[1] ?? "";
    await resetPassword(database.db, token, VICTIM_PASSWORD);
    const [row] = await database.db
      .select({ createdByAdminAt: users.createdByAdminAt, createdByOrgId: users.createdByOrgId })
      .from(users)
      .where(eq(users.id, user.id));
    expect(row).toEqual({ createdByAdminAt: null, createdByOrgId: null });
    expect(
      (await signInWithPassword(database.db, { email, password: ATTACKER_PASSWORD, ip: "10.6.2.2" })).kind,
    ).not.toBe("signed-in");
    expect(await findSessionUser(database.db, attackerSession)).toBeUndefined();

    await acceptInvitation(database.db, invitation.token, { kind: "signed-in", userId: user.id, email }, withSmtp);
    expect(await findMemberRole(database.db, b.org.id, user.id)).toBe("admin");
    // A's admins see the reset in their audit log.
    const [audited] = await database.db
      .select({ after: auditEntries.after })
      .from(auditEntries)
      .where(and(eq(auditEntries.orgId, a.org.id), eq(auditEntries.action, "user.password_reset")));
    expect(audited?.after).toMatchObject({ email, adminCreatedMarkCleared: true });
  });

  it("shows the mark on the member list of the organisation it is in", async () => {
    const { a, email, user, invitationOfA } = await preCreatedByA();
    await acceptInvitation(database.db, invitationOfA, { kind: "signed-in", userId: user.id, email }, withSmtp);
    expect((await listMembers(database.db, a.org.id)).find((m) => m.email === email)).toMatchObject({
      role: "member",
      isAdminCreated: true,
    });
    expect((await listMembers(database.db, a.org.id)).find((m) => m.email !== email)).toMatchObject({
      isAdminCreated: false,
    });
  });

  it("without SMTP, the link is the proof and the account may join", async () => {
    const { email, user } = await preCreatedByA();
    const b = await orgWithOwner("Beta");
    const invitation = await addMember(
      database.db,
      b.org.id,
      b.actor,
      { email, role: "member", method: "invite" },
      { mailer: null },
    );
    await acceptInvitation(database.db, invitation.token, { kind: "signed-in", userId: user.id, email }, withoutSmtp);
    expect(await findMemberRole(database.db, b.org.id, user.id)).toBe("member");
  });
});

describe("invitation emails", () => {
  it("are sent for invitation links when SMTP is set up, and never carry a one-time password", async () => {
    const b = await orgWithOwner("Beta");
    const existing = await makeUser(database.db);
    const mailer = fakeMailer();
    const invited = await addMember(
      database.db,
      b.org.id,
      b.actor,
      { email: existing.email, role: "member", method: "invite" },
      { mailer },
    );
    const withPassword = await addMember(
      database.db,
      b.org.id,
      b.actor,
      { email: victimEmail(), role: "member", method: "password" },
      { mailer },
    );
    expect(invited.isEmailed).toBe(true);
    expect(withPassword.isEmailed).toBe(false);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]).toMatchObject({ to: existing.email, subject: expect.stringContaining(b.org.name) });
    expect(mailer.sent[0]?.text).toContain(`/invite/${invited.token}`);

    const failing: Mailer = { from: "x", send: async () => Promise.reject(new Error("mail server down")) };
    const notSent = await addMember(
      database.db,
      b.org.id,
      b.actor,
      { email: victimEmail(), role: "member", method: "invite" },
      { mailer: failing },
    );
    expect(notSent.isEmailed).toBe(false);
    expect(await findInvitation(database.db, notSent.token)).toBeDefined();
  });
});
