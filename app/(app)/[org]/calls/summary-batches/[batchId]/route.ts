// GET /[org]/calls/summary-batches/[batchId] – progress of a bulk regenerate, for its progress bar
import { requireOrgMember } from "@/lib/auth/require-org-member";
import { errorBody, notFound } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { batchProgress } from "@/lib/summaries/batches";

export async function GET(_request: Request, context: { params: Promise<{ org: string; batchId: string }> }) {
  const { org: slug, batchId } = await context.params;
  const { org, db } = await requireOrgMember(slug);
  const progress = isUuid(batchId) ? await batchProgress(db, org.id, batchId) : undefined;
  if (!progress) return Response.json(errorBody(notFound("There is no such batch.")), { status: 404 });
  return Response.json(progress, { headers: { "cache-control": "no-store" } });
}
