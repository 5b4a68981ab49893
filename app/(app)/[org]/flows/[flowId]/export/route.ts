// GET /[org]/flows/[flowId]/export[?version=N] – the flow's document (draft, or a published version) as a JSON download
import { notFound } from "next/navigation";

import { requireOrgMember } from "@/lib/auth/require-org-member";
import { getFlow, getFlowVersion } from "@/lib/flows/queries";
import { isUuid } from "@/lib/ids";
import { slugify } from "@/lib/validation";

export async function GET(request: Request, context: { params: Promise<{ org: string; flowId: string }> }) {
  const { org: slug, flowId } = await context.params;
  const { org, db } = await requireOrgMember(slug);
  if (!isUuid(flowId)) notFound();
  const flow = await getFlow(db, org.id, flowId);
  if (!flow) notFound();
  const versionParam = new URL(request.url).searchParams.get("version");
  let document = flow.draft;
  let suffix = "draft";
  if (versionParam !== null) {
    const version = Number(versionParam);
    const published =
      Number.isInteger(version) && version > 0 ? await getFlowVersion(db, org.id, flowId, version) : undefined;
    if (!published)
      return Response.json(
        { error: { code: "not_found", message: `Version ${versionParam} of this flow does not exist.` } },
        { status: 404 },
      );
    document = published.document;
    suffix = `v${version}`;
  }
  return new Response(JSON.stringify(document, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${slugify(flow.name) || "flow"}-${suffix}.json"`,
      "cache-control": "no-store",
    },
  });
}
