import { eq, sql } from "drizzle-orm";

import { integrations } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

// Accepted deliveries are counted in memory and added to the integration's row once a second:
// every delivery updating one shared row would queue them all behind its row lock. The counts
// are statistics for the integration page; a crash loses at most a second of them, never a call.

const FLUSH_MS = 1000;
const pending = new Map<string, number>();
let timer: NodeJS.Timeout | undefined;
let flushing: Promise<void> = Promise.resolve();
let database: Db | undefined;

/** Adds pending counts to the integrations; also call it before reading counts in tests and at shutdown. */
export async function flushDeliveryCounts(): Promise<void> {
  await flushing;
  if (!database || pending.size === 0) return;
  const db = database;
  const batch = [...pending];
  pending.clear();
  flushing = (async () => {
    for (const [integrationId, n] of batch) {
      await db
        .update(integrations)
        .set({ acceptedCount: sql`${integrations.acceptedCount} + ${n}`, lastEventAt: sql`now()` })
        .where(eq(integrations.id, integrationId));
    }
  })().catch((error: unknown) => {
    // Put the counts back for the next flush rather than lose them to a passing database error.
    for (const [integrationId, n] of batch) pending.set(integrationId, (pending.get(integrationId) ?? 0) + n);
    console.error("[hooks] could not update delivery counts:", error instanceof Error ? error.message : error);
  });
  await flushing;
}

export function countAccepted(db: Db, integrationId: string): void {
  database = db;
  pending.set(integrationId, (pending.get(integrationId) ?? 0) + 1);
  timer ??= setTimeout(() => {
    timer = undefined;
    void flushDeliveryCounts();
  }, FLUSH_MS).unref();
}
