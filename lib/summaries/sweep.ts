import { and, asc, eq, lt } from "drizzle-orm";

import { callSummaries } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

/** Summaries that have waited longer than this are sent to the queue again (a crash can lose a send). */
const STALE_MS = 2 * 60 * 1000;

/** The waiting summaries to send again; sending one that is still queued adds nothing (see enqueueSummaries). */
export async function staleSummaryRequests(
  db: Db,
  now = new Date(),
): Promise<Array<{ orgId: string; summaryId: string }>> {
  const rows = await db
    .select({ orgId: callSummaries.orgId, summaryId: callSummaries.id })
    .from(callSummaries)
    .where(and(eq(callSummaries.state, "created"), lt(callSummaries.createdAt, new Date(now.getTime() - STALE_MS))))
    .orderBy(asc(callSummaries.createdAt))
    .limit(5000);
  return rows;
}
