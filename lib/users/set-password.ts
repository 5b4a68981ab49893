import { and, eq, isNull, ne } from "drizzle-orm";

import { hashPassword, passwordProblem, verifyPassword } from "@/lib/auth/passwords";
import { authSessions, users } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";

import { getPasswordHash } from "./queries";

/**
 * Sets a user's password and signs out every other session of theirs, so a leaked password
 * stops working everywhere once it is changed.
 */
export async function setPassword(
  db: Db,
  user: { id: string; email: string },
  newPassword: string,
  options: { keepSessionId?: string; mustChangePassword?: boolean } = {},
): Promise<void> {
  const problem = passwordProblem(newPassword, user.email);
  if (problem) throw new AppError("unprocessable", `The password is too weak: ${problem}`, { password: problem });
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    const isUpdated = await storePassword(tx, user.id, passwordHash, options);
    if (!isUpdated) throw new AppError("not_found", "No such user.");
  });
}

/**
 * Inside the caller's transaction: stores a new password hash and revokes the user's sessions
 * (all but `keepSessionId`). `hasProvenAddress` is for a reset through an emailed link: the
 * person has shown they control the address, so the "created by an admin" mark is cleared.
 * False when the user does not exist.
 */
export async function storePassword(
  tx: Db,
  userId: string,
  passwordHash: string,
  options: { keepSessionId?: string; mustChangePassword?: boolean; hasProvenAddress?: boolean } = {},
): Promise<boolean> {
  const cleared = options.hasProvenAddress
    ? { createdByAdminAt: null, createdByOrgId: null, createdByUserId: null }
    : {};
  const updated = await tx
    .update(users)
    .set({ passwordHash, mustChangePassword: options.mustChangePassword ?? false, ...cleared })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  if (updated.length === 0) return false;
  await tx
    .update(authSessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(authSessions.userId, userId),
        isNull(authSessions.revokedAt),
        options.keepSessionId ? ne(authSessions.id, options.keepSessionId) : undefined,
      ),
    );
  return true;
}

/** Self-service change: the current password must be given. */
export async function changeOwnPassword(
  db: Db,
  user: { id: string; email: string; sessionId: string },
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const isCurrentValid = await verifyPassword(await getPasswordHash(db, user.id), input.currentPassword);
  if (!isCurrentValid) {
    throw new AppError("unprocessable", "The current password is wrong.", {
      currentPassword: "This is not your current password.",
    });
  }
  const problem = passwordProblem(input.newPassword, user.email);
  if (problem)
    throw new AppError("unprocessable", `The new password is too weak: ${problem}`, { newPassword: problem });
  if (input.currentPassword === input.newPassword) {
    throw new AppError("unprocessable", "Choose a password different from the current one.", {
      newPassword: "Choose a different password.",
    });
  }
  await setPassword(db, user, input.newPassword, { keepSessionId: user.sessionId });
}
