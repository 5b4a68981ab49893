// GET /[org]/flows/[flowId]/code[?version=N] – a published version (default: the live one) as one standalone TypeScript server file
import { notFound } from "next/navigation";

import { requireOrgMember } from "@/lib/auth/require-org-member";
import { AppError, errorResponse } from "@/lib/errors";
import { exportFlowAsTypeScript } from "@/lib/flows/export-code";
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
  const version = versionParam === null ? flow.liveVersion : Number(versionParam);
  if (version === null)
    return errorResponse(
      new AppError("not_found", "This flow has no published version yet; publish it to export it as code."),
    );
  const published =
    Number.isInteger(version) && version > 0 ? await getFlowVersion(db, org.id, flowId, version) : undefined;
  if (!published)
    return errorResponse(new AppError("not_found", `Version ${versionParam ?? version} of this flow does not exist.`));
  let code: string;
  try {
    code = exportFlowAsTypeScript({ flowName: flow.name, version: published.version, program: published.program });
  } catch (error) {
    return errorResponse(error);
  }
  return new Response(code, {
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "content-disposition": `attachment; filename="${slugify(flow.name) || "flow"}-v${published.version}.ts"`,
      "cache-control": "no-store",
    },
  });
}
