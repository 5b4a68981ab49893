import { and, asc, eq, sql } from "drizzle-orm";

import { calls, transcriptSegments } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

import { callContentColumns, segmentColumns } from "./columns";
import type { CallFields, StoredCall } from "./merge";
import type { Segment } from "./model";
import { buildSearchDocument, countOpenItems } from "./prepare";

export type LoadedCall = { call: StoredCall; provider: string; currentSummaryId: string | null };

/** A call's content and transcript as stored; `lock` holds its row until the transaction ends. */
export async function loadStoredCall(
  tx: Db,
  orgId: string,
  callId: string,
  options: { lock: boolean },
): Promise<LoadedCall | undefined> {
  const query = tx
    .select({ ...callContentColumns, provider: calls.provider, currentSummaryId: calls.currentSummaryId })
    .from(calls)
    .where(and(eq(calls.orgId, orgId), eq(calls.id, callId)));
  const [row] = options.lock ? await query.for("update") : await query;
  if (!row) return undefined;
  const segments = await tx
    .select(segmentColumns)
    .from(transcriptSegments)
    .where(and(eq(transcriptSegments.orgId, orgId), eq(transcriptSegments.callId, callId)))
    .orderBy(asc(transcriptSegments.seq));
  const transcript: Segment[] = segments.map((s) => ({
    text: s.text,
    ...(s.speaker !== null ? { speaker: s.speaker } : {}),
    ...(s.speakerRole !== null ? { speakerRole: s.speakerRole } : {}),
    ...(s.startMs !== null ? { startMs: s.startMs } : {}),
    ...(s.endMs !== null ? { endMs: s.endMs } : {}),
  }));
  const { provider, currentSummaryId, ...content } = row;
  return { call: { ...content, transcript }, provider, currentSummaryId };
}

/** The derived columns to refresh whenever a call's content changes. */
export function searchColumns(call: CallFields, transcript: Array<{ text: string }>) {
  const search = buildSearchDocument(call, transcript);
  return {
    searchVector: sql`to_tsvector('switchboard', ${search.text})`,
    searchNumbers: search.numbers,
    openActionItems: countOpenItems(call.actionItems),
    // A vendor's summary arriving later marks the call; a generated summary's state is kept.
    ...(call.summary
      ? { summaryState: sql`case when ${calls.summaryState} = 'none' then 'vendor' else ${calls.summaryState} end` }
      : {}),
  };
}
