import { and, count, eq, max, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { voiceSessions } from "@/lib/db/schema";

/** Sessions an AI Flow integration answered: all, still running, and the last start. */
export async function aiFlowSessionStats(db: Db, orgId: string, integrationId: string) {
  const [row] = await db
    .select({
      total: count(),
      active: sql<number>`count(*) filter (where ${voiceSessions.status} = 'active')`.mapWith(Number),
      lastStartedAt: max(voiceSessions.startedAt),
    })
    .from(voiceSessions)
    .where(and(eq(voiceSessions.orgId, orgId), eq(voiceSessions.integrationId, integrationId)));
  return { total: row?.total ?? 0, active: row?.active ?? 0, lastStartedAt: row?.lastStartedAt ?? null };
}
