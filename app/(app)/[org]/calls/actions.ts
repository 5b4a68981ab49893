"use server";

import { revalidatePath } from "next/cache";

import { orgAction } from "@/lib/auth/org-action";
import { deleteCalls } from "@/lib/calls/delete-calls";
import { selectionSchema } from "@/lib/calls/selection";
import { createSummaryBatch } from "@/lib/summaries/batches";
import { enqueueSummaries } from "@/lib/summaries/queue";

export const deleteCallsAction = orgAction("admin", selectionSchema, async ({ db, org, user }, selection) => {
  const deleted = await deleteCalls(db, org.id, selection, { userId: user.id, label: user.email });
  revalidatePath(`/${org.slug}/calls`);
  return { message: `Deleted ${deleted.toLocaleString("en")} call${deleted === 1 ? "" : "s"}.` };
});

export type RegenerateBatch = { batchId: string; total: number };

// Admins only: a bulk regenerate can run a paid model over thousands of calls.
export const regenerateSummariesAction = orgAction<typeof selectionSchema, RegenerateBatch>(
  "admin",
  selectionSchema,
  async ({ db, org, user }, selection) => {
    const batch = await createSummaryBatch(db, org.id, selection, { userId: user.id, label: user.email });
    await enqueueSummaries(org.id, batch.summaryIds);
    revalidatePath(`/${org.slug}/calls`);
    return { data: { batchId: batch.batchId, total: batch.total } };
  },
);
