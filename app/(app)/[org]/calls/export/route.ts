// GET /[org]/calls/export?format=csv|json|vcon&ids=…|search=… – selected calls, or all of a search, as a download
import { z } from "zod";

import { requireOrgMember } from "@/lib/auth/require-org-member";
import {
  bulkExportFormats,
  countSelection,
  EXPORT_LIMIT,
  exportFileInfo,
  exportSelection,
} from "@/lib/calls/export-stream";
import { selectionSchema } from "@/lib/calls/selection";
import { AppError, errorBody } from "@/lib/errors";

const formatSchema = z.object({ format: z.enum(bulkExportFormats, { error: "format must be csv, json or vcon." }) });

const refuse = (status: number, error: AppError) => Response.json(errorBody(error), { status });

export async function GET(request: Request, context: { params: Promise<{ org: string }> }) {
  const { org, db } = await requireOrgMember((await context.params).org);
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const format = formatSchema.safeParse(query);
  if (!format.success)
    return refuse(
      400,
      new AppError("bad_request", "format must be csv, json or vcon.", { format: "Use csv, json or vcon." }),
    );
  const selection = selectionSchema.safeParse(query);
  if (!selection.success)
    return refuse(
      400,
      new AppError("bad_request", "Say which calls: ids=… or search=….", { ids: "Select calls, or export a search." }),
    );

  const total = await countSelection(db, org.id, selection.data);
  if (total > EXPORT_LIMIT) {
    return refuse(
      413,
      new AppError(
        "payload_too_large",
        `These are ${total.toLocaleString("en")} calls; one export holds at most ${EXPORT_LIMIT.toLocaleString("en")}. Narrow the search (a date range, for example) and export in parts.`,
      ),
    );
  }
  const { extension, contentType } = exportFileInfo[format.data.format];
  const chunks = exportSelection(db, org.id, selection.data, format.data.format);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const filename = `${org.slug}-calls-${new Date().toISOString().slice(0, 10)}.${extension}`;
  return new Response(body, {
    headers: {
      "content-type": `${contentType}; charset=utf-8`,
      "content-disposition": `attachment; filename="${filename}"`,
      "x-total-count": String(total),
      "cache-control": "private, no-store",
    },
  });
}
