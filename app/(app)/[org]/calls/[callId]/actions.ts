"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { orgAction } from "@/lib/auth/org-action";
import { setActionItemDone } from "@/lib/calls/action-items";

const toggleSchema = z.object({
  callId: z.uuid("Unknown call."),
  index: z.coerce.number().int().min(0).max(499),
  text: z.string().max(2000),
  isDone: z.enum(["true", "false"]).transform((v) => v === "true"),
});

// Members tick items too: working through a call's action items is their daily work.
export const setActionItemDoneAction = orgAction("member", toggleSchema, async ({ db, org, user }, { callId, index, text, isDone }) => {
  await setActionItemDone(db, org.id, callId, index, isDone, { userId: user.id, label: user.email }, text);
  revalidatePath(`/${org.slug}/calls/${callId}`);
  // The inbox counts open items per call.
  revalidatePath(`/${org.slug}/calls`);
});
