import { and, asc, count, eq, max, sql } from "drizzle-orm";

import { integrations, voiceSessions } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

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

/** The organisation's AI Flow endpoints, for routing numbers to flows. */
export async function listAiFlowIntegrations(db: Db, orgId: string) {
  return db
    .select({ id: integrations.id, name: integrations.name })
    .from(integrations)
    .where(and(eq(integrations.orgId, orgId), eq(integrations.provider, "aiflow")))
    .orderBy(asc(integrations.name));
}
