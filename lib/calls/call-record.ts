import { and, asc, eq, inArray } from "drizzle-orm";

import { callPayloads, calls, integrations, transcriptSegments } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

import { callContentColumns, segmentColumns } from "./columns";

// One call with everything that belongs to it, as the exports (vCon, JSON) need it. Payload
// bodies stay out: they can be large and each export says only what was received and when.

export type CallRecordSegment = {
  seq: number;
  speaker: string | null;
  speakerRole: (typeof transcriptSegments.$inferSelect)["speakerRole"];
  startMs: number | null;
  endMs: number | null;
  text: string;
};

export type CallRecordPayload = {
  id: string;
  provider: string;
  contentType: string | null;
  receivedAt: Date;
  lastReceivedAt: Date;
  timesReceived: number;
};

type CallColumns = Omit<
  typeof calls.$inferSelect,
  "orgId" | "integrationId" | "searchVector" | "searchNumbers" | "openActionItems" | "summaryState" | "currentSummaryId"
>;

export type CallRecord = CallColumns & {
  /** The integration the call came through; null for uploads or when it was deleted. */
  integration: { id: string; name: string } | null;
  transcript: CallRecordSegment[];
  payloads: CallRecordPayload[];
};

/** One call of an organisation with its transcript, integration and payload list; undefined when the organisation has no such call. */
export async function loadCallRecord(db: Db, orgId: string, callId: string): Promise<CallRecord | undefined> {
  return (await loadCallRecords(db, orgId, [callId]))[0];
}

/** Several calls of one organisation at once (exports), in the order of `callIds`; unknown ids are skipped. */
export async function loadCallRecords(db: Db, orgId: string, callIds: string[]): Promise<CallRecord[]> {
  if (callIds.length === 0) return [];
  const [rows, segments, payloads] = await Promise.all([
    db
      .select({
        id: calls.id,
        provider: calls.provider,
        vendorCallId: calls.vendorCallId,
        ...callContentColumns,
        createdAt: calls.createdAt,
        updatedAt: calls.updatedAt,
        integrationId: integrations.id,
        integrationName: integrations.name,
      })
      .from(calls)
      // The integration must belong to the same organisation too, not merely match the id.
      .leftJoin(integrations, and(eq(integrations.id, calls.integrationId), eq(integrations.orgId, calls.orgId)))
      .where(and(inArray(calls.id, callIds), eq(calls.orgId, orgId))),
    db
      .select({ callId: transcriptSegments.callId, ...segmentColumns })
      .from(transcriptSegments)
      .where(and(inArray(transcriptSegments.callId, callIds), eq(transcriptSegments.orgId, orgId)))
      .orderBy(asc(transcriptSegments.callId), asc(transcriptSegments.seq)),
    db
      .select({
        callId: callPayloads.callId,
        id: callPayloads.id,
        provider: callPayloads.provider,
        contentType: callPayloads.contentType,
        receivedAt: callPayloads.receivedAt,
        lastReceivedAt: callPayloads.lastReceivedAt,
        timesReceived: callPayloads.timesReceived,
      })
      .from(callPayloads)
      .where(and(inArray(callPayloads.callId, callIds), eq(callPayloads.orgId, orgId)))
      .orderBy(asc(callPayloads.receivedAt), asc(callPayloads.id)),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return callIds.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const { integrationId, integrationName, ...call } = row;
    const integration =
      integrationId !== null && integrationName !== null ? { id: integrationId, name: integrationName } : null;
    return [
      {
        ...call,
        integration,
        transcript: segments.filter((s) => s.callId === id).map(({ callId: _callId, ...segment }) => segment),
        payloads: payloads.filter((p) => p.callId === id).map(({ callId: _callId, ...payload }) => payload),
      },
    ];
  });
}
