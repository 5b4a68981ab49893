import { and, eq } from "drizzle-orm";

import { loadStoredCall } from "@/lib/calls/stored-call";
import { calls, callSummaries } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

import type { GenerateSummaryJob } from "./job-inserts";
import { loadSummaryConfig } from "./settings";
import { showSummaryIn } from "./show-summary";
import { summarizerFor } from "./summarizer-for";
import { storedOutput, summaryInputFor } from "./summary-input";
import { refreshSummaryState } from "./summary-state";
import type { Summarizer, SummaryOutput } from "./types";

export type GenerateOutcome = { state: "processed" | "failed" | "skipped"; isShown: boolean };

/**
 * Makes one waiting summary: runs the summariser of the settings version it was requested with,
 * records the result or the reason it failed, and shows it on the call when someone asked for it
 * or the call shows no summary yet. A vendor's own summary is never replaced unasked. Running
 * twice is harmless: only a summary still waiting is made.
 */
export async function generateSummary(
  db: Db,
  job: GenerateSummaryJob,
  options: { summarizer?: Summarizer } = {},
): Promise<GenerateOutcome> {
  const [request] = await db
    .select()
    .from(callSummaries)
    .where(and(eq(callSummaries.orgId, job.orgId), eq(callSummaries.id, job.summaryId)));
  if (!request || request.state !== "created") return { state: "skipped", isShown: false };
  const loaded = await loadStoredCall(db, job.orgId, request.callId, { lock: false });
  if (!loaded) return { state: "skipped", isShown: false };

  let output: SummaryOutput | undefined;
  let error: string | undefined;
  try {
    const settings = await loadSummaryConfig(db, job.orgId, request.settingsVersion ?? 0);
    const summarizer = options.summarizer ?? summarizerFor(settings);
    output = await summarizer.summarize(summaryInputFor(loaded, settings, request.overrideInstructions));
  } catch (e) {
    // Every failure is recorded on the summary, in words a user can act on: a waiting summary
    // that only a log knows about helps no one.
    error = e instanceof Error ? e.message : String(e);
    if (!(e instanceof Error) || !["SummaryError", "SecretBoxError"].includes(e.name))
      console.error("[summaries] unexpected failure", e);
  }

  return db.transaction(async (tx) => {
    const finished = output
      ? { state: "processed" as const, ...storedOutput(output), finishedAt: new Date() }
      : {
          state: "failed" as const,
          error: (error ?? "The summary could not be made.").slice(0, 1000),
          finishedAt: new Date(),
        };
    const [row] = await tx
      .update(callSummaries)
      .set(finished)
      .where(
        and(eq(callSummaries.orgId, job.orgId), eq(callSummaries.id, request.id), eq(callSummaries.state, "created")),
      )
      .returning({ id: callSummaries.id });
    if (!row) return { state: "skipped" as const, isShown: false };
    let isShown = false;
    if (finished.state === "processed") {
      const [call] = await tx
        .select({ currentSummaryId: calls.currentSummaryId, summary: calls.summary })
        .from(calls)
        .where(and(eq(calls.orgId, job.orgId), eq(calls.id, request.callId)));
      if (request.isRequested || (call && call.currentSummaryId === null && !call.summary)) {
        isShown = await showSummaryIn(tx, job.orgId, request.callId, request.id);
      }
    }
    await refreshSummaryState(tx, job.orgId, request.callId);
    return { state: finished.state, isShown };
  });
}
