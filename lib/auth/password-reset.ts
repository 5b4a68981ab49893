import { and, eq, gt, lt } from "drizzle-orm";
import { z } from "zod";

import { recordAudit } from "@/lib/audit/record";
import { memberships, passwordResets, users } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import type { Mailer } from "@/lib/mail/mailer";
import { findUserByEmail } from "@/lib/users/queries";
import { storePassword } from "@/lib/users/set-password";
import { emailSchema } from "@/lib/validation";

import { sendPasswordResetEmail } from "./password-reset-email";
import { isResetAllowed, pruneResetThrottle } from "./password-reset-throttle";
import { hashPassword, passwordProblem } from "./passwords";
import { hashSecret, newSecret } from "./tokens";

export const RESET_LINK_MINUTES = 60;

/**
 * Where to go after the reset: only an invitation link is carried through the email, so the
 * person who came from one lands back on it and nobody can put other paths into our mails.
 */
export const resetNextSchema = z.string().regex(/^\/invite\/sbi_[A-Za-z0-9_-]{43}$/);

export const forgotPasswordSchema = z.object({ email: emailSchema, next: resetNextSchema.optional().catch(undefined) });

/** What happened, for tests and logs; the person is told the same in every case. */
export type ResetRequestOutcome = "sent" | "no-account" | "limited" | "not-sent";

/**
 * "Forgot password?": emails a single-use link that works for an hour, if the address has an
 * account and the address and the client's IP are within their hourly limits. A newer link
 * replaces an older one.
 */
export async function requestPasswordReset(
  db: Db,
  input: { email: string; ip: string; next?: string },
  options: { mailer: Mailer | null; now?: Date },
): Promise<ResetRequestOutcome> {
  const { email, next } = forgotPasswordSchema.parse(input);
  const now = options.now ?? new Date();
  if (!options.mailer) return "not-sent";
  await pruneResetThrottle(db, now);
  if (!(await isResetAllowed(db, { email, ip: input.ip }, now))) return "limited";
  const user = await findUserByEmail(db, email);
  if (!user) return "no-account";
  const token = newSecret("sbr");
  const expiresAt = new Date(now.getTime() + RESET_LINK_MINUTES * 60_000);
  await db.transaction(async (tx) => {
    await tx.delete(passwordResets).where(eq(passwordResets.userId, user.id));
    await tx.delete(passwordResets).where(lt(passwordResets.expiresAt, now));
    await tx
      .insert(passwordResets)
      .values({ userId: user.id, tokenHash: hashSecret(token), createdAt: now, expiresAt });
  });
  const isSent = await sendPasswordResetEmail(options.mailer, {
    to: user.email,
    token,
    next,
    minutes: RESET_LINK_MINUTES,
  });
  return isSent ? "sent" : "not-sent";
}

const isResetToken = (token: string) => /^sbr_[A-Za-z0-9_-]{43}$/.test(token);

const gone = () =>
  new AppError(
    "not_found",
    "This link is not valid any more: it was used, replaced by a newer one, or is older than an hour. Ask for a new one.",
  );

/** The address a valid, unused reset link is for; undefined for anything else. */
export async function findPasswordReset(
  db: Db,
  token: string,
  now = new Date(),
): Promise<{ email: string } | undefined> {
  if (!isResetToken(token)) return undefined;
  const [row] = await db
    .select({ email: users.email })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(eq(passwordResets.tokenHash, hashSecret(token)), gt(passwordResets.expiresAt, now)));
  return row;
}

/**
 * Sets a new password through a reset link, which is used up by it. The person has shown they
 * control the address, so: every session of the account is signed out (whoever else held it is
 * out), a pending forced change is dropped, and the "created by an admin" mark is cleared.
 */
export async function resetPassword(
  db: Db,
  token: string,
  newPassword: string,
  now = new Date(),
): Promise<{ email: string }> {
  const found = await findPasswordReset(db, token, now);
  if (!found) throw gone();
  const problem = passwordProblem(newPassword, found.email);
  if (problem) throw new AppError("unprocessable", `The password is too weak: ${problem}`, { password: problem });
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    // Deleting the row is what uses the link up: of two submits, only one deletes it.
    const [used] = await tx
      .delete(passwordResets)
      .where(and(eq(passwordResets.tokenHash, hashSecret(token)), gt(passwordResets.expiresAt, now)))
      .returning({ userId: passwordResets.userId });
    if (!used) throw gone();
    const [before] = await tx
      .select({ email: users.email, createdByAdminAt: users.createdByAdminAt, createdByOrgId: users.createdByOrgId })
      .from(users)
      .where(eq(users.id, used.userId))
      .for("update");
    if (!before) throw gone();
    await storePassword(tx, used.userId, passwordHash, { hasProvenAddress: true });
    await tx.delete(passwordResets).where(eq(passwordResets.userId, used.userId));
    await auditReset(tx, used.userId, before);
    return { email: before.email };
  });
}

/** Recorded in every organisation the user belongs to, and in the one whose admin created the account. */
async function auditReset(
  tx: Db,
  userId: string,
  before: { email: string; createdByAdminAt: Date | null; createdByOrgId: string | null },
) {
  const orgIds = new Set(
    (await tx.select({ orgId: memberships.orgId }).from(memberships).where(eq(memberships.userId, userId))).map(
      (m) => m.orgId,
    ),
  );
  if (before.createdByOrgId) orgIds.add(before.createdByOrgId);
  const isTakenBack = before.createdByAdminAt !== null;
  for (const orgId of orgIds) {
    await recordAudit(tx, {
      orgId,
      actor: { userId, label: before.email },
      action: "user.password_reset",
      targetType: "user",
      targetId: userId,
      after: {
        email: before.email,
        signedOutEverywhere: true,
        ...(isTakenBack ? { adminCreatedMarkCleared: true } : {}),
      },
    });
  }
}
