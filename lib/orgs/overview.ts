import { count, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { integrations, memberships } from "@/lib/db/schema";
import { countCalls } from "@/lib/calls/queries";

export type OrgOverview = { calls: number; callsLast7Days: number; integrations: number; enabledIntegrations: number; members: number };

/** The figures the dashboard starts from. */
export async function orgOverview(db: Db, orgId: string, now = new Date()): Promise<OrgOverview> {
  const weekAgo = new Date(now.getTime() - 7 * 24 * 60 * 60 * 1000);
  const [callsTotal, callsWeek, [integrationRow], [memberRow]] = await Promise.all([
    countCalls(db, orgId),
    countCalls(db, orgId, weekAgo),
    db
      .select({ all: count(), enabled: sql`count(*) filter (where ${integrations.isEnabled})`.mapWith(Number) })
      .from(integrations)
      .where(eq(integrations.orgId, orgId)),
    db.select({ n: count() }).from(memberships).where(eq(memberships.orgId, orgId)),
  ]);
  return {
    calls: callsTotal,
    callsLast7Days: callsWeek,
    integrations: integrationRow?.all ?? 0,
    enabledIntegrations: integrationRow?.enabled ?? 0,
    members: memberRow?.n ?? 0,
  };
}
