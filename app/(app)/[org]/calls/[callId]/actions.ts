"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { orgAction } from "@/lib/auth/org-action";
import { setActionItemDone } from "@/lib/calls/action-items";
import { enqueueSummaries } from "@/lib/summaries/queue";
import { createSummaryRequests } from "@/lib/summaries/request-summaries";
import { showSummary } from "@/lib/summaries/show-summary";

const toggleSchema = z.object({
  callId: z.uuid("Unknown call."),
  index: z.coerce.number().int().min(0).max(499),
  text: z.string().max(2000),
  isDone: z.enum(["true", "false"]).transform((v) => v === "true"),
});

// Members tick items too: working through a call's action items is their daily work.
export const setActionItemDoneAction = orgAction(
  "member",
  toggleSchema,
  async ({ db, org, user }, { callId, index, text, isDone }) => {
    await setActionItemDone(db, org.id, callId, index, isDone, { userId: user.id, label: user.email }, text);
    revalidatePath(`/${org.slug}/calls/${callId}`);
    // The inbox counts open items per call.
    revalidatePath(`/${org.slug}/calls`);
  },
);

const regenerateSchema = z.object({
  callId: z.uuid("Unknown call."),
  instructions: z.string().trim().max(2000, "Use at most 2,000 characters.").optional().default(""),
});

// Members may ask for a new summary like they tick items: it adds a version and hides nothing
// for good (every earlier summary stays one click away).
export const regenerateSummaryAction = orgAction(
  "member",
  regenerateSchema,
  async ({ db, org, user }, { callId, instructions }) => {
    const [summaryId] = await createSummaryRequests(db, org.id, {
      callIds: [callId],
      isRequested: true,
      overrideInstructions: instructions,
      actor: { userId: user.id, label: user.email },
    });
    if (!summaryId) return { refused: "There is no such call." };
    await enqueueSummaries(org.id, [summaryId]);
    revalidatePath(`/${org.slug}/calls/${callId}`);
    return { message: "A new summary is being made." };
  },
);

const showSchema = z.object({ callId: z.uuid("Unknown call."), summaryId: z.uuid("Unknown summary.") });

export const showSummaryAction = orgAction("member", showSchema, async ({ db, org, user }, { callId, summaryId }) => {
  await showSummary(db, org.id, callId, summaryId, { userId: user.id, label: user.email });
  revalidatePath(`/${org.slug}/calls/${callId}`);
  revalidatePath(`/${org.slug}/calls`);
});
