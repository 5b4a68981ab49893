import { randomBytes } from "node:crypto";

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { findPasswordReset, requestPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { RESET_LIMITS } from "@/lib/auth/password-reset-throttle";
import { createSession, findSessionUser } from "@/lib/auth/sessions";
import { signInWithPassword } from "@/lib/auth/sign-in";
import type { DbHandle } from "@/lib/db/client";
import { auditEntries, memberships, passwordResets, users as usersTable } from "@/lib/db/schema";
import type { Mailer, MailMessage } from "@/lib/mail/mailer";
import { makeOrg, makeUser, TEST_PASSWORD } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";
import { createUser } from "@/lib/users/create-user";
import { findUserByEmail } from "@/lib/users/queries";

let database: DbHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

const NEW_PASSWORD = "a freshly reset passphrase";
const MINUTE = 60_000;
const newIp = () => `10.7.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

function fakeMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return { from: "Switchboard <sb@example.com>", sent, send: async (m) => void sent.push(m) };
}

const tokenIn = (mail: MailMessage | undefined) =>
  /\/reset-password\/(sbr_[A-Za-z0-9_-]{43})/.exec(mail?.text ?? "")?.[1] ?? "";

/** A user with three live sessions who asked for a reset link; returns the link's token. */
async function userWithLink(now = new Date()) {
  const org = await makeOrg(database.db);
  const user = await makeUser(database.db, { org, role: "member" });
  const sessions = [];
  for (let i = 0; i < 3; i++) sessions.push((await createSession(database.db, user.id)).id);
  const mailer = fakeMailer();
  expect(await requestPasswordReset(database.db, { email: user.email, ip: newIp() }, { mailer, now })).toBe("sent");
  return { org, user, sessions, mailer, token: tokenIn(mailer.sent[0]) };
}
const signsIn = async (email: string, password: string) =>
  (await signInWithPassword(database.db, { email, password, ip: newIp() })).kind === "signed-in";

describe("requestPasswordReset", () => {
  it("emails a link to an existing account, stored only as a hash", async () => {
    const { user, mailer, token } = await userWithLink();
    expect(mailer.sent).toEqual([
      { to: user.email, subject: "Reset your Switchboard password", text: expect.stringContaining("60 minutes") },
    ]);
    expect(token).toMatch(/^sbr_/);
    const rows = await database.db
      .select({ tokenHash: passwordResets.tokenHash })
      .from(passwordResets)
      .where(eq(passwordResets.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).not.toContain(token.slice(4));
    expect(await findPasswordReset(database.db, token)).toEqual({ email: user.email });
  });

  it("sends nothing for an address without an account, and stores nothing", async () => {
    const mailer = fakeMailer();
    const before = await database.db.select().from(passwordResets);
    expect(
      await requestPasswordReset(
        database.db,
        { email: `nobody-${randomBytes(3).toString("hex")}@example.com`, ip: newIp() },
        { mailer },
      ),
    ).toBe("no-account");
    expect(mailer.sent).toEqual([]);
    expect(await database.db.select().from(passwordResets)).toHaveLength(before.length);
  });

  it("carries only an invitation path through the email", async () => {
    const user = await makeUser(database.db);
    const mailer = fakeMailer();
    const next = `/invite/sbi_${"a".repeat(43)}`;
    await requestPasswordReset(database.db, { email: user.email, ip: newIp(), next }, { mailer });
    await requestPasswordReset(
      database.db,
      { email: user.email, ip: newIp(), next: "https://evil.example/" },
      { mailer },
    );
    expect(mailer.sent[0]?.text).toContain(`?next=${encodeURIComponent(next)}`);
    expect(mailer.sent[1]?.text).not.toContain("evil");
  });

  it(`limits links to ${RESET_LIMITS.perEmail} per address per hour, counting addresses without an account too`, async () => {
    const user = await makeUser(database.db);
    const unknown = `nobody-${randomBytes(3).toString("hex")}@example.com`;
    const mailer = fakeMailer();
    const now = new Date();
    const outcomes = [];
    for (let i = 0; i <= RESET_LIMITS.perEmail; i++)
      outcomes.push(await requestPasswordReset(database.db, { email: user.email, ip: newIp() }, { mailer, now }));
    expect(outcomes).toEqual([...Array(RESET_LIMITS.perEmail).fill("sent"), "limited"]);
    for (let i = 0; i < RESET_LIMITS.perEmail; i++)
      await requestPasswordReset(database.db, { email: unknown, ip: newIp() }, { mailer, now });
    expect(await requestPasswordReset(database.db, { email: unknown, ip: newIp() }, { mailer, now })).toBe("limited");
    expect(mailer.sent).toHaveLength(RESET_LIMITS.perEmail);
    // An hour later the address may ask again.
    const later = new Date(now.getTime() + 61 * MINUTE);
    expect(await requestPasswordReset(database.db, { email: user.email, ip: newIp() }, { mailer, now: later })).toBe(
      "sent",
    );
  });

  it(`limits requests to ${RESET_LIMITS.perIp} per client IP per hour, whatever the addresses`, async () => {
    const ip = newIp();
    const mailer = fakeMailer();
    const users = [];
    for (let i = 0; i <= RESET_LIMITS.perIp; i++) users.push(await makeUser(database.db));
    const outcomes = [];
    for (const user of users)
      outcomes.push(await requestPasswordReset(database.db, { email: user.email, ip }, { mailer }));
    expect(outcomes.filter((o) => o === "sent")).toHaveLength(RESET_LIMITS.perIp);
    expect(outcomes.at(-1)).toBe("limited");
  });

  it("sends nothing when email is not set up", async () => {
    const user = await makeUser(database.db);
    expect(await requestPasswordReset(database.db, { email: user.email, ip: newIp() }, { mailer: null })).toBe(
      "not-sent",
    );
    expect(await database.db.select().from(passwordResets).where(eq(passwordResets.userId, user.id))).toEqual([]);
  });
});

describe("resetPassword", () => {
  it("sets the password, signs out every session, drops a forced change, clears the admin mark, and records it", async () => {
    const org = await makeOrg(database.db);
    const user = await createUser(database.db, {
      email: `marked-${randomBytes(3).toString("hex")}@example.com`,
      password: TEST_PASSWORD,
      mustChangePassword: true,
    });
    await database.db
      .update(usersTable)
      .set({ createdByAdminAt: new Date(), createdByOrgId: org.id })
      .where(eq(usersTable.id, user.id));
    await database.db.insert(memberships).values({ orgId: org.id, userId: user.id, role: "member" });
    const sessions = [(await createSession(database.db, user.id)).id, (await createSession(database.db, user.id)).id];
    const mailer = fakeMailer();
    await requestPasswordReset(database.db, { email: user.email, ip: newIp() }, { mailer });

    expect(await resetPassword(database.db, tokenIn(mailer.sent[0]), NEW_PASSWORD)).toEqual({ email: user.email });
    for (const id of sessions) expect(await findSessionUser(database.db, id)).toBeUndefined();
    expect(await findUserByEmail(database.db, user.email)).toMatchObject({ mustChangePassword: false });
    const [row] = await database.db
      .select({ at: usersTable.createdByAdminAt, orgId: usersTable.createdByOrgId })
      .from(usersTable)
      .where(eq(usersTable.id, user.id));
    expect(row).toEqual({ at: null, orgId: null });
    expect(await signsIn(user.email, NEW_PASSWORD)).toBe(true);
    expect(await signsIn(user.email, TEST_PASSWORD)).toBe(false);
    const audit = await database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.orgId, org.id), eq(auditEntries.action, "user.password_reset")));
    expect(audit).toEqual([
      expect.objectContaining({
        actorUserId: user.id,
        targetId: user.id,
        after: { email: user.email, signedOutEverywhere: true, adminCreatedMarkCleared: true },
      }),
    ]);
  });

  it("works once", async () => {
    const { user, token } = await userWithLink();
    await resetPassword(database.db, token, NEW_PASSWORD);
    expect(await findPasswordReset(database.db, token)).toBeUndefined();
    await expect(resetPassword(database.db, token, "another new passphrase")).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await signsIn(user.email, NEW_PASSWORD)).toBe(true);
  });

  it("accepts one of two simultaneous submits", async () => {
    const { token } = await userWithLink();
    const results = await Promise.allSettled([
      resetPassword(database.db, token, NEW_PASSWORD),
      resetPassword(database.db, token, "the other new passphrase"),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
  });

  it("expires after an hour, and changes nothing then", async () => {
    const { user, sessions, token } = await userWithLink();
    const later = new Date(Date.now() + 61 * MINUTE);
    expect(await findPasswordReset(database.db, token, later)).toBeUndefined();
    await expect(resetPassword(database.db, token, NEW_PASSWORD, later)).rejects.toMatchObject({ code: "not_found" });
    expect(await signsIn(user.email, TEST_PASSWORD)).toBe(true);
    expect(await findSessionUser(database.db, sessions[0] ?? "")).toBeDefined();
  });

  it("is superseded by a newer link", async () => {
    const { user, token: older } = await userWithLink();
    const mailer = fakeMailer();
    await requestPasswordReset(database.db, { email: user.email, ip: newIp() }, { mailer });
    await expect(resetPassword(database.db, older, NEW_PASSWORD)).rejects.toMatchObject({ code: "not_found" });
    await resetPassword(database.db, tokenIn(mailer.sent[0]), NEW_PASSWORD);
    expect(await signsIn(user.email, NEW_PASSWORD)).toBe(true);
  });

  it("refuses a weak password beside the field and keeps the link usable", async () => {
    const { user, token } = await userWithLink();
    await expect(resetPassword(database.db, token, "password123")).rejects.toMatchObject({
      code: "unprocessable",
      fields: { password: expect.stringMatching(/too common/) },
    });
    expect(await findPasswordReset(database.db, token)).toEqual({ email: user.email });
  });

  it("finds nothing for malformed or unknown tokens", async () => {
    const { token } = await userWithLink();
    for (const bad of [
      "",
      "sbr_",
      `${token}x`,
      token.slice(0, -1),
      token.replace("sbr_", "sbi_"),
      `sbr_${randomBytes(32).toString("base64url")}`,
    ]) {
      expect(await findPasswordReset(database.db, bad), bad).toBeUndefined();
    }
  });
});
