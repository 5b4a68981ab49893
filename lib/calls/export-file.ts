import type { Db } from "@/lib/db/types";

import { loadCallRecord } from "./call-record";
import { callToJson } from "./export-json";
import { callToVcon } from "./export-vcon";

export const exportFormats = ["vcon", "json"] as const;
export type ExportFormat = (typeof exportFormats)[number];

export type ExportFile = { filename: string; contentType: string; body: string };

/** One call of the organisation as a downloadable vCon 0.4.0 or normalised JSON file. */
export async function exportCallFile(
  db: Db,
  orgId: string,
  callId: string,
  format: ExportFormat,
): Promise<ExportFile | undefined> {
  const record = await loadCallRecord(db, orgId, callId);
  if (!record) return undefined;
  const day = (record.startedAt ?? record.createdAt).toISOString().slice(0, 10);
  if (format === "vcon") {
    return {
      filename: `call-${day}-${record.id}.vcon.json`,
      contentType: "application/vcon+json",
      body: JSON.stringify(callToVcon(record), null, 2),
    };
  }
  return {
    filename: `call-${day}-${record.id}.json`,
    contentType: "application/json",
    body: JSON.stringify(callToJson(record), null, 2),
  };
}
