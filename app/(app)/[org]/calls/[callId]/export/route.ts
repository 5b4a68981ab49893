// GET /[org]/calls/[callId]/export?format=vcon|json – download one call
import { notFound } from "next/navigation";
import { z } from "zod";

import { requireOrgMember } from "@/lib/auth/require-org-member";
import { exportCallFile, exportFormats } from "@/lib/calls/export-file";
import { AppError, errorBody } from "@/lib/errors";
import { isUuid } from "@/lib/ids";

const query = z.object({ format: z.enum(exportFormats).default("vcon") });

export async function GET(request: Request, context: { params: Promise<{ org: string; callId: string }> }) {
  const { org: slug, callId } = await context.params;
  const { org, db } = await requireOrgMember(slug);
  if (!isUuid(callId)) notFound();
  const params = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!params.success) {
    return Response.json(
      errorBody(new AppError("bad_request", "format must be vcon or json.", { format: "Use vcon or json." })),
      { status: 400 },
    );
  }
  const file = await exportCallFile(db, org.id, callId, params.data.format);
  if (!file) notFound();
  return new Response(file.body, {
    headers: {
      "content-type": `${file.contentType}; charset=utf-8`,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "private, no-store",
    },
  });
}
