import { and, desc, eq, exists, sql } from "drizzle-orm";

import { callTitle } from "@/lib/calls/call-page";
import { loadStoredCall } from "@/lib/calls/stored-call";
import { calls, transcriptSegments } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

import type { SummarySettings } from "./settings";
import { summarizerFor } from "./summarizer-for";
import { storedOutput, summaryInputFor } from "./summary-input";

export const MAX_TRY_CALLS = 10;
const CONCURRENCY = 3;

export type TryableCall = { id: string; title: string; startedAt: Date; direction: string; hasSummary: boolean };

/** The newest calls with a transcript: what an admin can try draft instructions on. */
export async function recentCallsToTry(db: Db, orgId: string, limit = 20): Promise<TryableCall[]> {
  const rows = await db
    .select({
      id: calls.id,
      headline: calls.headline,
      summary: calls.summary,
      parties: calls.parties,
      direction: calls.direction,
      startedAt: calls.startedAt,
    })
    .from(calls)
    .where(
      and(
        eq(calls.orgId, orgId),
        exists(
          db
            .select({ one: sql`1` })
            .from(transcriptSegments)
            .where(and(eq(transcriptSegments.orgId, orgId), eq(transcriptSegments.callId, calls.id))),
        ),
      ),
    )
    .orderBy(desc(calls.startedAt), desc(calls.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    title: callTitle(r),
    startedAt: r.startedAt,
    direction: r.direction,
    hasSummary: Boolean(r.summary),
  }));
}

export type TriedSummary = {
  callId: string;
  title: string;
  current: { headline: string | null; summary: string | null };
  draft:
    | { ok: true; headline: string; summary: string; actionItems: string[]; tags: string[] }
    | { ok: false; error: string };
};

/**
 * Runs draft settings on a few of the organisation's calls and returns the current and the new
 * summary of each, side by side. Nothing is written: trying is free of consequences.
 */
export async function trySummaries(
  db: Db,
  orgId: string,
  draft: SummarySettings & { apiKey?: string },
  callIds: string[],
): Promise<TriedSummary[]> {
  const summarizer = summarizerFor(draft);
  const ids = [...new Set(callIds)].slice(0, MAX_TRY_CALLS);
  const results: Array<TriedSummary | undefined> = new Array(ids.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < ids.length; i = next++) {
      const id = ids[i];
      if (!id) continue;
      const loaded = await loadStoredCall(db, orgId, id, { lock: false });
      if (!loaded) continue;
      const title = callTitle({ ...loaded.call, direction: loaded.call.direction });
      const current = { headline: loaded.call.headline, summary: loaded.call.summary };
      try {
        const out = storedOutput(await summarizer.summarize(summaryInputFor(loaded, draft)));
        results[i] = {
          callId: id,
          title,
          current,
          draft: {
            ok: true,
            headline: out.headline,
            summary: out.summary,
            actionItems: out.actionItems.map((a) => a.text),
            tags: out.tags,
          },
        };
      } catch (error) {
        results[i] = {
          callId: id,
          title,
          current,
          draft: { ok: false, error: error instanceof Error ? error.message : "The summary could not be made." },
        };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, lane));
  return results.filter((r): r is TriedSummary => r !== undefined);
}
