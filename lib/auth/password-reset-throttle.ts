import { lt, sql } from "drizzle-orm";

import { passwordResetThrottle } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

/** Reset links per address and per client IP within an hour; more are silently not sent. */
export const RESET_LIMITS = { perEmail: 3, perIp: 10 } as const;
const WINDOW_MS = 60 * 60 * 1000;

/**
 * Counts one more request under `key` in its hour-long window, atomically (parallel requests
 * cannot undercount), and returns the count so far. A window that has run out starts afresh.
 */
export async function countResetRequest(db: Db, key: string, now = new Date()): Promise<number> {
  const t = passwordResetThrottle;
  // Raw sql fragments get ISO strings: postgres.js does not serialise Date parameters there.
  const windowOver = sql`${t.windowStartedAt} <= ${new Date(now.getTime() - WINDOW_MS).toISOString()}::timestamptz`;
  const [row] = await db
    .insert(t)
    .values({ key, requests: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        requests: sql`case when ${windowOver} then 1 else ${t.requests} + 1 end`,
        windowStartedAt: sql`case when ${windowOver} then ${now.toISOString()}::timestamptz else ${t.windowStartedAt} end`,
      },
    })
    .returning({ requests: t.requests });
  return row?.requests ?? 1;
}

/** True when this request is within both limits; it is counted either way. */
export async function isResetAllowed(
  db: Db,
  client: { email: string; ip: string },
  now = new Date(),
): Promise<boolean> {
  const byEmail = await countResetRequest(db, `email:${client.email}`, now);
  const byIp = await countResetRequest(db, `ip:${client.ip}`, now);
  return byEmail <= RESET_LIMITS.perEmail && byIp <= RESET_LIMITS.perIp;
}

/** Drops counters whose window ended: they would start afresh anyway. */
export async function pruneResetThrottle(db: Db, now = new Date()): Promise<void> {
  await db
    .delete(passwordResetThrottle)
    .where(lt(passwordResetThrottle.windowStartedAt, new Date(now.getTime() - WINDOW_MS)));
}
