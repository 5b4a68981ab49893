"use server";

import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/auth/org-action";
import { deleteCalls } from "@/lib/calls/delete-calls";
import { selectionSchema } from "@/lib/calls/selection";

export const deleteCallsAction = orgAction("admin", selectionSchema, async ({ db, org, user }, selection) => {
  const deleted = await deleteCalls(db, org.id, selection, { userId: user.id, label: user.email });
  revalidatePath(`/${org.slug}/calls`);
  return { message: `Deleted ${deleted.toLocaleString("en")} call${deleted === 1 ? "" : "s"}.` };
});
