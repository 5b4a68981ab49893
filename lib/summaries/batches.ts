import { and, eq, sql } from "drizzle-orm";

import { recordAudit, type Actor } from "@/lib/audit/record";
import { selectionConditions, type Selection } from "@/lib/calls/selection";
import { calls, callSummaries, summaryBatches } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";

import { createSummaryRequests } from "./request-summaries";

export const MAX_BATCH_CALLS = 10_000;

/**
 * Regenerates the summaries of the selected calls (ticked, or every call of a search): one
 * waiting summary per call, all carrying one batch id for the progress bar. Returns the batch and
 * the summary ids to queue.
 */
export async function createSummaryBatch(
  db: Db,
  orgId: string,
  selection: Selection,
  actor: Actor,
): Promise<{ batchId: string; total: number; summaryIds: string[] }> {
  const rows = await db
    .select({ id: calls.id })
    .from(calls)
    .where(and(...selectionConditions(orgId, selection)))
    .limit(MAX_BATCH_CALLS + 1);
  if (rows.length === 0) throw new AppError("bad_request", "No calls are selected.");
  if (rows.length > MAX_BATCH_CALLS)
    throw new AppError(
      "bad_request",
      `Regenerate at most ${MAX_BATCH_CALLS.toLocaleString("en")} calls at a time: narrow the search first.`,
    );
  const [batch] = await db
    .insert(summaryBatches)
    .values({
      orgId,
      query: selection.kind === "search" ? selection.query : `${selection.ids.length} selected`,
      total: rows.length,
      createdByLabel: actor.label,
    })
    .returning({ id: summaryBatches.id });
  if (!batch) throw new Error("summary batch not created");
  const summaryIds = await createSummaryRequests(db, orgId, {
    callIds: rows.map((r) => r.id),
    isRequested: true,
    batchId: batch.id,
    actor,
  });
  await recordAudit(db, {
    orgId,
    actor,
    action: "calls.summaries_regenerated",
    targetType: "summary_batch",
    targetId: batch.id,
    after: { calls: rows.length },
  });
  return { batchId: batch.id, total: rows.length, summaryIds };
}

export type BatchProgress = { total: number; waiting: number; processed: number; failed: number };

export async function batchProgress(db: Db, orgId: string, batchId: string): Promise<BatchProgress | undefined> {
  const [batch] = await db
    .select({ total: summaryBatches.total })
    .from(summaryBatches)
    .where(and(eq(summaryBatches.orgId, orgId), eq(summaryBatches.id, batchId)));
  if (!batch) return undefined;
  const counts = await db
    .select({ state: callSummaries.state, n: sql<number>`count(*)::int` })
    .from(callSummaries)
    .where(and(eq(callSummaries.orgId, orgId), eq(callSummaries.batchId, batchId)))
    .groupBy(callSummaries.state);
  const of = (state: string) => counts.find((c) => c.state === state)?.n ?? 0;
  return { total: batch.total, waiting: of("created"), processed: of("processed"), failed: of("failed") };
}
