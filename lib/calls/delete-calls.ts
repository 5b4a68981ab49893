import { and, eq, inArray } from "drizzle-orm";

import { recordAudit, type Actor } from "@/lib/audit/record";
import { calls } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

import { selectionConditions, type Selection } from "./selection";

const BATCH = 1000;

/**
 * Deletes the selected calls of one organisation with their transcripts and payloads, in
 * batches (a search may match many), and records the deletion in the audit log.
 */
export async function deleteCalls(db: Db, orgId: string, selection: Selection, actor: Actor): Promise<number> {
  const where = selectionConditions(orgId, selection);
  let deleted = 0;
  for (;;) {
    const batch = await db
      .select({ id: calls.id })
      .from(calls)
      .where(and(...where))
      .limit(BATCH);
    if (batch.length === 0) break;
    const removed = await db
      .delete(calls)
      .where(
        and(
          eq(calls.orgId, orgId),
          inArray(
            calls.id,
            batch.map((b) => b.id),
          ),
        ),
      )
      .returning({ id: calls.id });
    deleted += removed.length;
    if (batch.length < BATCH) break;
  }
  if (deleted > 0) {
    await recordAudit(db, {
      orgId,
      actor,
      action: "calls.deleted",
      targetType: "call",
      after: {
        deleted,
        selection:
          selection.kind === "ids"
            ? { ids: selection.ids.length > 20 ? `${selection.ids.length} ids` : selection.ids }
            : { search: selection.query },
      },
    });
  }
  return deleted;
}
