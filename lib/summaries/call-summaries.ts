import { and, desc, eq } from "drizzle-orm";

import { calls, callSummaries, type SummaryProducerKind, type SummaryVersionState } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

export type SummaryVersion = {
  /** Null for the vendor's own summary before another one was ever shown (it lives on the call only). */
  id: string | null;
  state: SummaryVersionState;
  error: string | null;
  producerKind: SummaryProducerKind;
  producer: string;
  settingsVersion: number | null;
  overrideInstructions: string | null;
  headline: string | null;
  requestedByLabel: string;
  createdAt: Date;
  finishedAt: Date | null;
  isShown: boolean;
};

/** A call's summaries, newest first, with the one shown marked; undefined when the call is not the organisation's. */
export async function listCallSummaries(db: Db, orgId: string, callId: string): Promise<SummaryVersion[] | undefined> {
  const [call] = await db
    .select({
      currentSummaryId: calls.currentSummaryId,
      provider: calls.provider,
      headline: calls.headline,
      summary: calls.summary,
      createdAt: calls.createdAt,
    })
    .from(calls)
    .where(and(eq(calls.orgId, orgId), eq(calls.id, callId)));
  if (!call) return undefined;
  const rows = await db
    .select()
    .from(callSummaries)
    .where(and(eq(callSummaries.orgId, orgId), eq(callSummaries.callId, callId)))
    .orderBy(desc(callSummaries.createdAt), desc(callSummaries.id))
    .limit(100);
  const versions: SummaryVersion[] = rows.map((r) => ({
    id: r.id,
    state: r.state,
    error: r.error,
    producerKind: r.producerKind,
    producer: r.producer,
    settingsVersion: r.settingsVersion,
    overrideInstructions: r.overrideInstructions,
    headline: r.headline,
    requestedByLabel: r.requestedByLabel,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
    isShown: r.id === call.currentSummaryId,
  }));
  const hasVendorRow = rows.some((r) => r.producerKind === "vendor");
  if (call.currentSummaryId === null && !hasVendorRow && (call.summary || call.headline)) {
    versions.push({
      id: null,
      state: "processed",
      error: null,
      producerKind: "vendor",
      producer: call.provider,
      settingsVersion: null,
      overrideInstructions: null,
      headline: call.headline,
      requestedByLabel: call.provider,
      createdAt: call.createdAt,
      finishedAt: call.createdAt,
      isShown: true,
    });
  }
  return versions;
}

/** How a summary's producer reads on a page. */
export function producerLabel(v: Pick<SummaryVersion, "producerKind" | "producer">): string {
  if (v.producerKind === "vendor") return `From the vendor (${v.producer})`;
  if (v.producerKind === "builtin") return "Built-in (extractive)";
  return v.producer;
}
