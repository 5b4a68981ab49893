import { and, eq } from "drizzle-orm";

import type { CallFields, StoredCall } from "@/lib/calls/merge";
import type { LoadedCall } from "@/lib/calls/stored-call";
import { callSummaries, type CallSummaryRow } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

// A call's headline, summary and action items columns hold the summary shown (so the inbox,
// search, exports and ticking work on one place), and every summary is also a version in
// call_summaries. The vendor's own becomes a version the moment another one is shown, and later
// deliveries from the vendor update that version, never the one shown.

export const unique = (xs: string[]) => [...new Set(xs)];

/** The part of a call a summary version holds. */
export const summaryPart = (c: Pick<CallFields, "headline" | "summary" | "summaryHtml" | "actionItems" | "tags">) => ({
  headline: c.headline,
  summary: c.summary,
  summaryHtml: c.summaryHtml,
  actionItems: c.actionItems,
  tags: c.tags,
});

export const hasVendorSummary = (c: Pick<CallFields, "headline" | "summary" | "actionItems" | "tags">) =>
  Boolean(c.headline || c.summary || c.actionItems.length > 0 || c.tags.length > 0);

export async function vendorVersion(tx: Db, orgId: string, callId: string): Promise<CallSummaryRow | undefined> {
  const [row] = await tx
    .select()
    .from(callSummaries)
    .where(
      and(eq(callSummaries.orgId, orgId), eq(callSummaries.callId, callId), eq(callSummaries.producerKind, "vendor")),
    )
    .limit(1);
  return row;
}

export async function summaryVersion(
  tx: Db,
  orgId: string,
  callId: string,
  id: string,
): Promise<CallSummaryRow | undefined> {
  const [row] = await tx
    .select()
    .from(callSummaries)
    .where(and(eq(callSummaries.orgId, orgId), eq(callSummaries.callId, callId), eq(callSummaries.id, id)));
  return row;
}

/** Keeps what the vendor delivered as its own version (once, when another summary is about to be shown). */
export async function snapshotVendorSummary(
  tx: Db,
  orgId: string,
  callId: string,
  loaded: LoadedCall,
): Promise<CallSummaryRow | undefined> {
  const existing = await vendorVersion(tx, orgId, callId);
  if (existing || !hasVendorSummary(loaded.call)) return existing;
  const [row] = await tx
    .insert(callSummaries)
    .values({
      orgId,
      callId,
      state: "processed",
      producerKind: "vendor",
      producer: loaded.provider,
      ...summaryPart(loaded.call),
      language: loaded.call.language,
      requestedByLabel: loaded.provider,
      finishedAt: new Date(),
    })
    .returning();
  return row;
}

/**
 * For a merge: the call as the vendor last delivered it, and `keep`, which turns the merged
 * delivery into what the call stores: with a generated summary shown, the vendor's part goes to
 * its version and the call keeps showing the generated one (with the vendor's tags added).
 */
export async function vendorView(
  tx: Db,
  orgId: string,
  callId: string,
  loaded: LoadedCall,
): Promise<{ stored: StoredCall; keep: (merged: CallFields) => Promise<CallFields> }> {
  const shown = loaded.currentSummaryId ? await summaryVersion(tx, orgId, callId, loaded.currentSummaryId) : undefined;
  if (!shown) return { stored: loaded.call, keep: async (merged) => merged };
  const vendor = shown.producerKind === "vendor" ? shown : await vendorVersion(tx, orgId, callId);
  const stored: StoredCall = {
    ...loaded.call,
    headline: vendor?.headline ?? null,
    summary: vendor?.summary ?? null,
    summaryHtml: vendor?.summaryHtml ?? null,
    actionItems: vendor ? (shown === vendor ? loaded.call.actionItems : vendor.actionItems) : [],
    tags: vendor?.tags ?? [],
  };
  const keep = async (merged: CallFields): Promise<CallFields> => {
    if (vendor) await tx.update(callSummaries).set(summaryPart(merged)).where(eq(callSummaries.id, vendor.id));
    else if (hasVendorSummary(merged)) {
      await tx.insert(callSummaries).values({
        orgId,
        callId,
        state: "processed",
        producerKind: "vendor",
        producer: loaded.provider,
        ...summaryPart(merged),
        language: merged.language,
        requestedByLabel: loaded.provider,
        finishedAt: new Date(),
      });
    }
    if (shown === vendor) return merged;
    return { ...merged, ...summaryPart(loaded.call), tags: unique([...merged.tags, ...shown.tags]) };
  };
  return { stored, keep };
}
