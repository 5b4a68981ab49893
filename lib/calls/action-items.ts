import { and, eq } from "drizzle-orm";

import { recordAudit, type Actor } from "@/lib/audit/record";
import { calls } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";

import { countOpenItems } from "./prepare";

export type ActionItemChange = { openActionItems: number; isChanged: boolean };

const gone = () => new AppError("not_found", "This call does not exist (any more).");
const changed = () => new AppError("conflict", "The action items changed; reload");

/**
 * Ticks an action item done or undone. The page sends the index it showed and the item's text:
 * a vendor re-delivery can reorder or replace the items between render and click, and ticking
 * whatever now sits at that index would tick the wrong task. Ticking an item to the state it
 * already has changes nothing and records nothing (double clicks, two tabs).
 */
export async function setActionItemDone(
  db: Db,
  orgId: string,
  callId: string,
  index: number,
  isDone: boolean,
  actor: Actor,
  expectedText?: string,
): Promise<ActionItemChange> {
  return db.transaction(async (tx) => {
    // The row lock orders this against a concurrent delivery's merge, which rewrites the items.
    const [row] = await tx
      .select({ actionItems: calls.actionItems, openActionItems: calls.openActionItems })
      .from(calls)
      .where(and(eq(calls.id, callId), eq(calls.orgId, orgId)))
      .for("update");
    if (!row) throw gone();
    if (!Number.isInteger(index) || index < 0)
      throw new AppError("bad_request", "No such action item.", { index: "Must be a whole number from 0." });
    // Past the end means the list shrank since the page was rendered: the same answer as a changed text.
    const item = row.actionItems[index];
    if (!item || (expectedText !== undefined && item.text !== expectedText)) throw changed();
    if (item.isDone === isDone) return { openActionItems: row.openActionItems, isChanged: false };

    const actionItems = row.actionItems.map((a, i) => (i === index ? { ...a, isDone } : a));
    const openActionItems = countOpenItems(actionItems);
    await tx
      .update(calls)
      .set({ actionItems, openActionItems, updatedAt: new Date() })
      .where(and(eq(calls.id, callId), eq(calls.orgId, orgId)));
    await recordAudit(tx, {
      orgId,
      actor,
      action: isDone ? "call.action_item_done" : "call.action_item_reopened",
      targetType: "call",
      targetId: callId,
      before: { index, text: item.text, isDone: item.isDone },
      after: { index, text: item.text, isDone },
    });
    return { openActionItems, isChanged: true };
  });
}
