import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { signInThrottle } from "@/lib/db/schema";

export const MAX_FAILURES = 10;
export const LOCK_MINUTES = 15;

export type ThrottleState = { failures: number; lockedUntil: Date | null };

/** When sign-in for this email from this IP is paused, the time it resumes. */
export async function lockedUntil(db: Db, email: string, ip: string, now = new Date()): Promise<Date | undefined> {
  const [row] = await db
    .select({ lockedUntil: signInThrottle.lockedUntil })
    .from(signInThrottle)
    .where(and(eq(signInThrottle.email, email), eq(signInThrottle.ip, ip), gt(signInThrottle.lockedUntil, now)));
  return row?.lockedUntil ?? undefined;
}

/**
 * Counts one more consecutive failure, atomically (concurrent tries cannot undercount), and
 * starts a pause when it is the tenth. A pause that has run out starts a fresh count.
 */
export async function recordFailure(db: Db, email: string, ip: string, now = new Date()): Promise<ThrottleState> {
  const t = signInThrottle;
  // Raw sql fragments get ISO strings: postgres.js does not serialise Date parameters there.
  const nowIso = now.toISOString();
  const expired = sql`(${t.lockedUntil} is not null and ${t.lockedUntil} <= ${nowIso}::timestamptz)`;
  const failures = sql`(case when ${expired} then 1 else ${t.failures} + 1 end)`;
  const lockUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000);
  const [row] = await db
    .insert(t)
    .values({ email, ip, failures: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: [t.email, t.ip],
      set: {
        failures: sql`${failures}`,
        lockedUntil: sql`case when ${failures} >= ${MAX_FAILURES} then ${lockUntil.toISOString()}::timestamptz when ${expired} then null else ${t.lockedUntil} end`,
        updatedAt: now,
      },
    })
    .returning({ failures: t.failures, lockedUntil: t.lockedUntil });
  return row ?? { failures: 1, lockedUntil: null };
}

export async function clearFailures(db: Db, email: string, ip: string): Promise<void> {
  await db.delete(signInThrottle).where(and(eq(signInThrottle.email, email), eq(signInThrottle.ip, ip)));
}
