import { sha256Hex } from "@/lib/canonical-json";
import type { Db } from "@/lib/db/types";
import { parseInboundJson } from "@/lib/http/inbound-json";
import { isUuid } from "@/lib/ids";
import { parseVcon } from "@/lib/providers/vcon/parse";
import { requestAutoSummary } from "@/lib/summaries/auto-summary";

import { upsertCall } from "./upsert-call";

export type ImportOutcome =
  | { status: "imported" | "updated" | "unchanged"; id: string; summaryId?: string }
  | { status: "refused"; error: string };

/** Imports one vCon document uploaded by an admin: like the vCon hook, without an integration. */
export async function importVconDocument(db: Db, orgId: string, text: string): Promise<ImportOutcome> {
  // The same gate as the hooks: an upload with a NUL or nested 10,000 deep is refused or cleaned, not a 500.
  const json = parseInboundJson(text);
  if (!json.ok)
    return {
      status: "refused",
      error:
        json.reason === "syntax"
          ? json.error.replace("The body is not valid JSON", "Not valid JSON")
          : `${json.field}: ${json.error}`,
    };
  const body = json.value;
  const parsed = parseVcon(body);
  if (!parsed.ok) return { status: "refused", error: parsed.error };
  const result = await upsertCall(db, {
    orgId,
    provider: "vcon",
    call: parsed.call,
    payload: { body, text: json.text, contentType: "application/vcon+json", hash: sha256Hex(text) },
    targetCallId: isUuid(parsed.call.vendorCallId) ? parsed.call.vendorCallId : undefined,
  });
  const summaryId = result.needsSummary ? await requestAutoSummary(db, orgId, result.id) : undefined;
  return {
    status: result.created ? "imported" : result.changed ? "updated" : "unchanged",
    id: result.id,
    ...(summaryId ? { summaryId } : {}),
  };
}
