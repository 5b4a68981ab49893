import { and, eq } from "drizzle-orm";

import { systemActor } from "@/lib/audit/record";
import { calls } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

import { createSummaryRequests } from "./request-summaries";
import { loadSummarySettings } from "./settings";

/**
 * A call that arrived with a transcript and no summary gets one, unless it is internal and the
 * organisation summarises external calls only (the default, as at the PBX vendor). Returns the
 * waiting summary's id, for the queue.
 */
export async function requestAutoSummary(db: Db, orgId: string, callId: string): Promise<string | undefined> {
  const [call] = await db
    .select({ direction: calls.direction, summaryState: calls.summaryState })
    .from(calls)
    .where(and(eq(calls.orgId, orgId), eq(calls.id, callId)));
  if (!call || call.summaryState !== "none") return undefined;
  const settings = await loadSummarySettings(db, orgId);
  if (call.direction === "internal" && !settings.includeInternal) return undefined;
  const [id] = await createSummaryRequests(db, orgId, { callIds: [callId], isRequested: false, actor: systemActor });
  return id;
}
