import { and, count, sql, type SQL } from "drizzle-orm";

import { calls } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

import { loadCallRecords, type CallRecord } from "./call-record";
import { callToJson } from "./export-json";
import { callToVcon } from "./export-vcon";
import { formatNumber } from "./phone";
import { newestFirst } from "./search/conditions";
import { selectionConditions, type Selection } from "./selection";

export const bulkExportFormats = ["csv", "json", "vcon"] as const;
export type BulkExportFormat = (typeof bulkExportFormats)[number];

/** Beyond this, an export is refused with a message: narrow the search, or use several exports. */
export const EXPORT_LIMIT = 50_000;
const BATCH = 200;

export const exportFileInfo: Record<BulkExportFormat, { extension: string; contentType: string }> = {
  csv: { extension: "csv", contentType: "text/csv" },
  json: { extension: "json", contentType: "application/json" },
  // JSON Lines: one vCon per line, so any size streams and each line is a valid vCon.
  vcon: { extension: "vcon.jsonl", contentType: "application/x-ndjson" },
};

export async function countSelection(db: Db, orgId: string, selection: Selection): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(calls)
    .where(and(...selectionConditions(orgId, selection)));
  return row?.n ?? 0;
}

const csvColumns = [
  "id",
  "started_at",
  "direction",
  "duration_seconds",
  "provider",
  "integration",
  "channel",
  "caller",
  "callee",
  "headline",
  "summary",
  "note",
  "open_action_items",
  "action_items",
  "tags",
  "language",
];

const csvCell = (value: string | number | null | undefined): string => {
  const text = value === null || value === undefined ? "" : String(value);
  // Quoted always; a leading = + - @ is neutralised so spreadsheets do not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
};

function csvRow(r: CallRecord): string {
  const party = (role: string) =>
    r.parties
      .filter((p) => p.role === role)
      .map((p) => [p.name, p.number ? formatNumber(p.number) : undefined].filter(Boolean).join(" "))
      .join("; ");
  return [
    r.id,
    r.startedAt.toISOString(),
    r.direction,
    r.durationSeconds,
    r.provider,
    r.integration?.name,
    r.channel,
    party("caller"),
    party("callee"),
    r.headline,
    r.summary,
    r.note,
    r.actionItems.filter((a) => !a.isDone).length,
    r.actionItems.map((a) => `${a.isDone ? "[x]" : "[ ]"} ${a.text}`).join("\n"),
    r.tags.join(", "),
    r.language,
  ]
    .map(csvCell)
    .join(",");
}

/** The selected calls, newest first, as text chunks of the chosen format; one line per call. */
export async function* exportSelection(
  db: Db,
  orgId: string,
  selection: Selection,
  format: BulkExportFormat,
): AsyncGenerator<string> {
  const where = selectionConditions(orgId, selection);
  if (format === "csv") yield `\uFEFF${csvColumns.join(",")}\n`;
  if (format === "json") yield "[\n";
  let after: SQL | undefined;
  let isFirst = true;
  for (let exported = 0; exported < EXPORT_LIMIT;) {
    const page = await db
      .select({ id: calls.id, startedAt: calls.startedAt })
      .from(calls)
      .where(and(...where, after))
      .orderBy(...newestFirst)
      .limit(BATCH);
    if (page.length === 0) break;
    const records = await loadCallRecords(
      db,
      orgId,
      page.map((p) => p.id),
    );
    let chunk = "";
    for (const record of records) {
      if (format === "csv") chunk += `${csvRow(record)}\n`;
      else if (format === "vcon") chunk += `${JSON.stringify(callToVcon(record))}\n`;
      else chunk += `${isFirst ? "" : ",\n"}${JSON.stringify(callToJson(record))}`;
      isFirst = false;
    }
    yield chunk;
    exported += page.length;
    const last = page.at(-1);
    if (!last || page.length < BATCH) break;
    after = sql`(${calls.startedAt}, ${calls.id}) < (${last.startedAt.toISOString()}::timestamptz, ${last.id}::uuid)`;
  }
  if (format === "json") yield "\n]\n";
}
