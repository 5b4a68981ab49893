"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { orgAction } from "@/lib/auth/org-action";
import { testConnection, type ConnectionTestResult } from "@/lib/summaries/connection-test";
import { draftSettings } from "@/lib/summaries/draft-settings";
import { setEmailSummaries } from "@/lib/summaries/email";
import { restoreSummarySettings, saveSummarySettings, type SummarySettings } from "@/lib/summaries/settings";
import { summarySettingsInput } from "@/lib/summaries/settings-input";
import { MAX_TRY_CALLS, trySummaries, type TriedSummary } from "@/lib/summaries/try-summaries";

export type SaveResult = { saved?: number; conflict?: SummarySettings };

const actorOf = (user: { id: string; email: string }) => ({ userId: user.id, label: user.email });
const when = (date: Date | null) => (date ? `${date.toISOString().replace("T", " ").slice(0, 16)} UTC` : "just now");

export const saveSummarySettingsAction = orgAction<typeof summarySettingsInput, SaveResult>(
  "admin",
  summarySettingsInput,
  async ({ db, org, user }, input) => {
    const outcome = await saveSummarySettings(db, org.id, actorOf(user), input);
    if ("conflict" in outcome) {
      const them = outcome.conflict;
      return {
        refused: `Not saved: changed by ${them.authorLabel ?? "someone"} at ${when(them.createdAt)} (version ${them.version}). Compare below, then keep yours or take theirs.`,
        data: { conflict: them },
      };
    }
    revalidatePath(`/${org.slug}/settings/summaries`);
    return { message: `Saved as version ${outcome.saved.version}.`, data: { saved: outcome.saved.version } };
  },
);

const restoreInput = z.object({ version: z.coerce.number().int().min(1), baseVersion: z.coerce.number().int().min(0) });

export const restoreSummarySettingsAction = orgAction<typeof restoreInput, SaveResult>(
  "admin",
  restoreInput,
  async ({ db, org, user }, input) => {
    const outcome = await restoreSummarySettings(db, org.id, actorOf(user), input);
    if ("conflict" in outcome) {
      return {
        refused: `Not restored: the settings were changed by ${outcome.conflict.authorLabel ?? "someone"} at ${when(outcome.conflict.createdAt)}. Reload to see their version.`,
      };
    }
    revalidatePath(`/${org.slug}/settings/summaries`);
    return {
      message: `Version ${input.version} restored as version ${outcome.saved.version}.`,
      data: { saved: outcome.saved.version },
    };
  },
);

export const testConnectionAction = orgAction<typeof summarySettingsInput, ConnectionTestResult>(
  "admin",
  summarySettingsInput,
  async ({ db, org }, input) => {
    if (input.provider !== "openai") return { refused: "The built-in summariser needs no connection." };
    const draft = await draftSettings(db, org.id, input);
    const result = await testConnection({
      baseUrl: input.baseUrl,
      model: input.model,
      ...(draft.apiKey ? { apiKey: draft.apiKey } : {}),
    });
    return { data: result };
  },
);

const tryInput = z.intersection(
  summarySettingsInput,
  z.object({
    tryCallIds: z
      .string()
      .transform((v) => v.split(",").filter(Boolean))
      .pipe(
        z
          .array(z.uuid())
          .min(1, "Choose at least one call to try them on.")
          .max(MAX_TRY_CALLS, `Choose at most ${MAX_TRY_CALLS} calls.`),
      ),
  }),
);

export const trySummariesAction = orgAction<typeof tryInput, TriedSummary[]>(
  "admin",
  tryInput,
  async ({ db, org }, input) => {
    const draft = await draftSettings(db, org.id, input);
    return { data: await trySummaries(db, org.id, draft, input.tryCallIds) };
  },
);

const emailInput = z.object({ emailSummaries: z.enum(["on", "off"]) });

// Each member decides for themselves whether summaries reach their mailbox.
export const setEmailSummariesAction = orgAction("member", emailInput, async ({ db, org, user }, input) => {
  await setEmailSummaries(db, org.id, user.id, input.emailSummaries === "on");
  revalidatePath(`/${org.slug}/settings/summaries`);
  return {
    message:
      input.emailSummaries === "on"
        ? "You will get an email for each new summary."
        : "You will get no more summary emails.",
  };
});
