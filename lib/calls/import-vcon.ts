import type { Db } from "@/lib/db/types";
import { sha256Hex } from "@/lib/canonical-json";
import { isUuid } from "@/lib/ids";
import { parseVcon } from "@/lib/providers/vcon/parse";
import { requestAutoSummary } from "@/lib/summaries/auto-summary";
import { upsertCall } from "./upsert-call";

export type ImportOutcome = { status: "imported" | "updated" | "unchanged"; id: string; summaryId?: string } | { status: "refused"; error: string };

/** Imports one vCon document uploaded by an admin: like the vCon hook, without an integration. */
export async function importVconDocument(db: Db, orgId: string, text: string): Promise<ImportOutcome> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return { status: "refused", error: `Not valid JSON: ${error instanceof Error ? error.message : "parse error"}` };
  }
  const parsed = parseVcon(body);
  if (!parsed.ok) return { status: "refused", error: parsed.error };
  const result = await upsertCall(db, {
    orgId,
    provider: "vcon",
    call: parsed.call,
    payload: { body, text, contentType: "application/vcon+json", hash: sha256Hex(text) },
    targetCallId: isUuid(parsed.call.vendorCallId) ? parsed.call.vendorCallId : undefined,
  });
  const summaryId = result.needsSummary ? await requestAutoSummary(db, orgId, result.id) : undefined;
  return { status: result.created ? "imported" : result.changed ? "updated" : "unchanged", id: result.id, ...(summaryId ? { summaryId } : {}) };
}
