"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { orgAction } from "@/lib/auth/org-action";
import { importVconDocument, type ImportOutcome } from "@/lib/calls/import-vcon";
import { enqueueSummaries } from "@/lib/summaries/queue";

const VCON_IMPORT_LIMIT = 25 * 1024 * 1024;

const schema = z.object({
  content: z.string().min(1, "The file is empty.").max(VCON_IMPORT_LIMIT, "The document is larger than 25 MB."),
});

export const importVconAction = orgAction<typeof schema, ImportOutcome>(
  "admin",
  schema,
  async ({ db, org }, { content }) => {
    const outcome = await importVconDocument(db, org.id, content);
    if (outcome.status !== "refused") revalidatePath(`/${org.slug}/calls`);
    if (outcome.status !== "refused" && outcome.summaryId) {
      // The call is stored; a lost send is sent again by the sweeper.
      await enqueueSummaries(org.id, [outcome.summaryId]).catch((error: unknown) =>
        console.error("[import] could not queue a summary", error),
      );
    }
    return { data: outcome };
  },
);
