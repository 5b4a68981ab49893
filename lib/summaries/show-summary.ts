import { and, eq } from "drizzle-orm";

import { recordAudit, type Actor } from "@/lib/audit/record";
import { loadStoredCall, searchColumns } from "@/lib/calls/stored-call";
import { calls, callSummaries } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { AppError, notFound } from "@/lib/errors";

import { snapshotVendorSummary, summaryVersion, unique, vendorVersion } from "./shown-summary";
import { refreshSummaryState } from "./summary-state";

/**
 * Shows one finished summary version on the call, inside the caller's transaction. What was
 * shown stays a version (the vendor's own is kept the first time; ticked action items are
 * written back), so going back later restores it as it was.
 */
export async function showSummaryIn(tx: Db, orgId: string, callId: string, summaryId: string): Promise<boolean> {
  const loaded = await loadStoredCall(tx, orgId, callId, { lock: true });
  if (!loaded) throw notFound("There is no such call.");
  const target = await summaryVersion(tx, orgId, callId, summaryId);
  if (!target) throw notFound("There is no such summary.");
  if (target.state !== "processed") throw new AppError("conflict", "Only a finished summary can be shown.");
  if (loaded.currentSummaryId === target.id) return false;
  if (loaded.currentSummaryId) {
    await tx
      .update(callSummaries)
      .set({ actionItems: loaded.call.actionItems })
      .where(and(eq(callSummaries.orgId, orgId), eq(callSummaries.id, loaded.currentSummaryId)));
  } else {
    await snapshotVendorSummary(tx, orgId, callId, loaded);
  }
  const isVendor = target.producerKind === "vendor";
  const vendor = isVendor ? target : await vendorVersion(tx, orgId, callId);
  const part = {
    headline: target.headline,
    summary: target.summary,
    summaryHtml: target.summaryHtml,
    actionItems: target.actionItems,
    tags: isVendor ? target.tags : unique([...(vendor?.tags ?? []), ...target.tags]),
  };
  const call = { ...loaded.call, ...part, language: loaded.call.language ?? target.language };
  await tx
    .update(calls)
    .set({
      ...part,
      language: call.language,
      ...searchColumns(call, loaded.call.transcript),
      currentSummaryId: target.id,
      updatedAt: new Date(),
    })
    .where(and(eq(calls.orgId, orgId), eq(calls.id, callId)));
  await refreshSummaryState(tx, orgId, callId);
  return true;
}

/** A user's "show this version" on the call page, audited. */
export async function showSummary(
  db: Db,
  orgId: string,
  callId: string,
  summaryId: string,
  actor: Actor,
): Promise<void> {
  await db.transaction(async (tx) => {
    const changed = await showSummaryIn(tx, orgId, callId, summaryId);
    if (changed)
      await recordAudit(tx, {
        orgId,
        actor,
        action: "call.summary_shown",
        targetType: "call",
        targetId: callId,
        after: { summaryId },
      });
  });
}
