import { and, isNotNull, isNull, lt, or } from "drizzle-orm";

import { authSessions, hookRefusals, invitations, signInThrottle } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

const DAY_MS = 24 * 60 * 60 * 1000;

export type CleanupResult = { sessions: number; throttles: number; invitations: number; refusals: number };

/**
 * Removes what has no further use: sessions past their expiry or revoked a day ago, sign-in
 * failure counters untouched for a day and no longer locking, invitations expired a month ago,
 * and refused hook deliveries older than 30 days (the integration page shows the latest ones).
 * System-wide by design: these rows belong to users and sign-ins, not to one organisation.
 */
export async function cleanupExpired(db: Db, now: Date = new Date()): Promise<CleanupResult> {
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const sessions = await db
    .delete(authSessions)
    .where(
      or(lt(authSessions.expiresAt, now), and(isNotNull(authSessions.revokedAt), lt(authSessions.revokedAt, dayAgo))),
    )
    .returning({ id: authSessions.id });
  const throttles = await db
    .delete(signInThrottle)
    .where(
      and(
        lt(signInThrottle.updatedAt, dayAgo),
        or(isNull(signInThrottle.lockedUntil), lt(signInThrottle.lockedUntil, now)),
      ),
    )
    .returning({ email: signInThrottle.email });
  const expiredInvites = await db
    .delete(invitations)
    .where(and(isNull(invitations.acceptedAt), lt(invitations.expiresAt, new Date(now.getTime() - 30 * DAY_MS))))
    .returning({ id: invitations.id });
  const refusals = await db
    .delete(hookRefusals)
    .where(lt(hookRefusals.receivedAt, new Date(now.getTime() - 30 * DAY_MS)))
    .returning({ id: hookRefusals.id });
  return {
    sessions: sessions.length,
    throttles: throttles.length,
    invitations: expiredInvites.length,
    refusals: refusals.length,
  };
}
