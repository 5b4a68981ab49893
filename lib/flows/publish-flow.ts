import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { flows, flowVersions } from "@/lib/db/schema";
import { recordAudit, type Actor } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { forgetLiveVersion } from "@/lib/aiflow/programs";
import { compileFlow } from "./compile";
import { hasErrors, validateFlow, type FlowIssue } from "./validate";

export type PublishOutcome = { published: { version: number } } | { refused: FlowIssue[] };

/**
 * Publishes the flow's draft as its next version: validated (refused while errors remain),
 * compiled once, stored immutable with its program, and made live for new sessions. Running
 * sessions keep the version they started on.
 */
export async function publishFlow(db: Db, orgId: string, actor: Actor, input: { flowId: string; note?: string }): Promise<PublishOutcome> {
  const outcome = await db.transaction(async (tx): Promise<PublishOutcome> => {
    const [flow] = await tx
      .select({ id: flows.id, draft: flows.draft, liveVersion: flows.liveVersion, name: flows.name })
      .from(flows)
      .where(and(eq(flows.orgId, orgId), eq(flows.id, input.flowId)))
      .for("update");
    if (!flow) throw new AppError("not_found", "No such flow.");
    const issues = validateFlow(flow.draft);
    if (hasErrors(issues)) return { refused: issues };
    const program = compileFlow(flow.draft, { skipValidation: true });
    const [last] = await tx
      .select({ max: sql<number | null>`max(${flowVersions.version})` })
      .from(flowVersions)
      .where(and(eq(flowVersions.orgId, orgId), eq(flowVersions.flowId, flow.id)));
    const version = (last?.max ?? 0) + 1;
    const note = (input.note ?? "").trim().slice(0, 500);
    await tx.insert(flowVersions).values({ orgId, flowId: flow.id, version, document: flow.draft, program, note, publishedBy: actor.userId, publishedByLabel: actor.label });
    await tx.update(flows).set({ liveVersion: version }).where(and(eq(flows.orgId, orgId), eq(flows.id, flow.id)));
    await recordAudit(tx, { orgId, actor, action: "flow.published", targetType: "flow", targetId: flow.id, before: { liveVersion: flow.liveVersion }, after: { liveVersion: version, note } });
    return { published: { version } };
  });
  forgetLiveVersion(input.flowId);
  return outcome;
}
