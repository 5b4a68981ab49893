import { and, eq, gt, isNull } from "drizzle-orm";

import { authSessions, users } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

/** Absolute lifetime of a sign-in; the JWT cookie never outlives it. */
export const SESSION_HOURS = 24;
export const SESSION_SECONDS = SESSION_HOURS * 60 * 60;

export type CurrentUser = {
  id: string;
  email: string;
  name: string | null;
  mustChangePassword: boolean;
  sessionId: string;
};

export async function createSession(
  db: Db,
  userId: string,
  client: { ip?: string; userAgent?: string } = {},
  now = new Date(),
): Promise<{ id: string; expiresAt: Date }> {
  const expiresAt = new Date(now.getTime() + SESSION_SECONDS * 1000);
  const [row] = await db
    .insert(authSessions)
    .values({
      userId,
      expiresAt,
      ip: client.ip?.slice(0, 64),
      userAgent: client.userAgent?.slice(0, 400),
      createdAt: now,
    })
    .returning({ id: authSessions.id, expiresAt: authSessions.expiresAt });
  if (!row) throw new Error("insert returned no row");
  await db.update(users).set({ lastSignInAt: now }).where(eq(users.id, userId));
  return row;
}

export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await db
    .update(authSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(authSessions.id, sessionId), isNull(authSessions.revokedAt)));
}

/** The user behind a live session id, or undefined when it expired, was revoked or never existed. */
export async function findSessionUser(db: Db, sessionId: string, now = new Date()): Promise<CurrentUser | undefined> {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, mustChangePassword: users.mustChangePassword })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(and(eq(authSessions.id, sessionId), isNull(authSessions.revokedAt), gt(authSessions.expiresAt, now)));
  return row ? { ...row, sessionId } : undefined;
}
