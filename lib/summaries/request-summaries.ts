import { and, eq, inArray } from "drizzle-orm";

import type { Actor } from "@/lib/audit/record";
import { calls, callSummaries } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

import { loadSummarySettings, type SummarySettings } from "./settings";

export type SummaryRequest = {
  callIds: string[];
  /** Asked for by a person (Regenerate): shown once made, even over the vendor's own. */
  isRequested: boolean;
  overrideInstructions?: string;
  batchId?: string;
  actor: Actor;
};

const CHUNK = 1000;

export const producerOf = (settings: Pick<SummarySettings, "provider" | "model">) =>
  settings.provider === "openai" && settings.model
    ? { producerKind: "model" as const, producer: settings.model }
    : { producerKind: "builtin" as const, producer: "built-in" };

/**
 * Records one waiting summary (state created) per call of the organisation, made with the
 * settings in force now; calls of other organisations are skipped. Returns the new summary ids,
 * for the queue.
 */
export async function createSummaryRequests(db: Db, orgId: string, request: SummaryRequest): Promise<string[]> {
  const settings = await loadSummarySettings(db, orgId);
  const created: string[] = [];
  for (let i = 0; i < request.callIds.length; i += CHUNK) {
    const ids = request.callIds.slice(i, i + CHUNK);
    await db.transaction(async (tx) => {
      const own = await tx
        .select({ id: calls.id })
        .from(calls)
        .where(and(eq(calls.orgId, orgId), inArray(calls.id, ids)));
      if (own.length === 0) return;
      const rows = await tx
        .insert(callSummaries)
        .values(
          own.map((c) => ({
            orgId,
            callId: c.id,
            state: "created" as const,
            ...producerOf(settings),
            settingsVersion: settings.version,
            overrideInstructions: request.overrideInstructions || null,
            isRequested: request.isRequested,
            batchId: request.batchId ?? null,
            requestedById: request.actor.userId ?? null,
            requestedByLabel: request.actor.label,
          })),
        )
        .returning({ id: callSummaries.id });
      await tx
        .update(calls)
        .set({ summaryState: "created" })
        .where(
          and(
            eq(calls.orgId, orgId),
            inArray(
              calls.id,
              own.map((c) => c.id),
            ),
          ),
        );
      created.push(...rows.map((r) => r.id));
    });
  }
  return created;
}
