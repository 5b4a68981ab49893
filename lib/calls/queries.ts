import { and, count, desc, eq, gte } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { calls, type CallParty } from "@/lib/db/schema";

export type CallRow = {
  id: string;
  provider: string;
  direction: string;
  startedAt: Date | null;
  durationSeconds: number | null;
  headline: string | null;
  parties: CallParty[];
};

/** The newest calls of an organisation, newest first. */
export async function listRecentCalls(db: Db, orgId: string, limit = 50): Promise<CallRow[]> {
  return db
    .select({
      id: calls.id,
      provider: calls.provider,
      direction: calls.direction,
      startedAt: calls.startedAt,
      durationSeconds: calls.durationSeconds,
      headline: calls.headline,
      parties: calls.parties,
    })
    .from(calls)
    .where(eq(calls.orgId, orgId))
    .orderBy(desc(calls.startedAt), desc(calls.id))
    .limit(limit);
}

export async function countCalls(db: Db, orgId: string, since?: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(calls)
    .where(and(eq(calls.orgId, orgId), since ? gte(calls.startedAt, since) : undefined));
  return row?.n ?? 0;
}
