import { and, count, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";

import { readAiFlowConfig } from "@/lib/aiflow/config";
import { forgetLiveVersion } from "@/lib/aiflow/programs";
import { sessionLastEventAt } from "@/lib/aiflow/session-latest";
import { recordAudit, type Actor } from "@/lib/audit/record";
import { flows, integrations, voiceSessions } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { parseInput } from "@/lib/validation";

import { flowNameSchema } from "./create-flow";
import { auditedDocument } from "./save-draft";

const nameInput = z.object({ name: flowNameSchema });

/** A session with an event this recent is taken for a call still in progress. */
const RUNNING_CALL_MINUTES = 10;

async function lockedFlow(tx: Db, orgId: string, flowId: string) {
  if (!isUuid(flowId)) throw new AppError("not_found", "No such flow.");
  const [flow] = await tx
    .select({
      id: flows.id,
      name: flows.name,
      draft: flows.draft,
      liveVersion: flows.liveVersion,
      draftRevision: flows.draftRevision,
    })
    .from(flows)
    .where(and(eq(flows.orgId, orgId), eq(flows.id, flowId)))
    .for("update");
  if (!flow) throw new AppError("not_found", "No such flow.");
  return flow;
}

export async function renameFlow(
  db: Db,
  orgId: string,
  actor: Actor,
  input: { flowId: string; name: string },
): Promise<{ name: string }> {
  const { name } = parseInput(nameInput, { name: input.name }, "Cannot rename the flow");
  return db.transaction(async (tx) => {
    const flow = await lockedFlow(tx, orgId, input.flowId);
    if (flow.name === name) return { name };
    await tx
      .update(flows)
      .set({ name })
      .where(and(eq(flows.orgId, orgId), eq(flows.id, flow.id)));
    await recordAudit(tx, {
      orgId,
      actor,
      action: "flow.renamed",
      targetType: "flow",
      targetId: flow.id,
      before: { name: flow.name },
      after: { name },
    });
    return { name };
  });
}

/** A new flow whose draft is a copy of this flow's draft; not published, routed from no number. */
export async function duplicateFlow(
  db: Db,
  orgId: string,
  actor: Actor,
  input: { flowId: string; name?: string },
): Promise<{ id: string }> {
  const given =
    input.name === undefined
      ? undefined
      : parseInput(nameInput, { name: input.name }, "Cannot duplicate the flow").name;
  return db.transaction(async (tx) => {
    const source = await lockedFlow(tx, orgId, input.flowId);
    const name = given ?? `Copy of ${source.name}`.slice(0, 80).trim();
    const [row] = await tx
      .insert(flows)
      .values({ orgId, name, draft: source.draft, draftUpdatedBy: actor.label, createdBy: actor.userId })
      .returning({ id: flows.id });
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, {
      orgId,
      actor,
      action: "flow.duplicated",
      targetType: "flow",
      targetId: row.id,
      after: { name, copiedFrom: { flowId: source.id, name: source.name, draftRevision: source.draftRevision } },
    });
    return row;
  });
}

/**
 * Deletes a flow with its versions. Refused while a number routes to it (a caller would get the
 * integration's fallback without anyone having chosen that) or while a call runs on it (its
 * program would be gone mid-call). Past sessions stay, without their flow.
 */
export async function deleteFlow(db: Db, orgId: string, actor: Actor, input: { flowId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const flow = await lockedFlow(tx, orgId, input.flowId);
    // Locked as saveAiFlowConfig locks them: a route to this flow saved meanwhile is either seen
    // here, or saved after the delete and refused there because the flow no longer exists.
    const aiFlows = await tx
      .select({ name: integrations.name, config: integrations.config })
      .from(integrations)
      .where(and(eq(integrations.orgId, orgId), eq(integrations.provider, "aiflow")))
      .for("update");
    const routes = aiFlows.flatMap((i) =>
      readAiFlowConfig(i.config)
        .routes.filter((r) => r.flowId === flow.id)
        .map((r) => `${r.number} (${i.name})`),
    );
    if (routes.length > 0) {
      const list = new Intl.ListFormat("en", { type: "conjunction" }).format(routes);
      const message =
        routes.length === 1
          ? `${list} uses this flow. Route the number elsewhere first.`
          : `${list} use this flow. Route the numbers elsewhere first.`;
      throw new AppError("conflict", `Cannot delete: ${message}`);
    }
    const [running] = await tx
      .select({ n: count() })
      .from(voiceSessions)
      .where(
        and(
          eq(voiceSessions.orgId, orgId),
          eq(voiceSessions.flowId, flow.id),
          eq(voiceSessions.status, "active"),
          gt(sessionLastEventAt, sql.raw(`now() - interval '${RUNNING_CALL_MINUTES} minutes'`)),
        ),
      );
    const calls = running?.n ?? 0;
    if (calls > 0) {
      throw new AppError(
        "conflict",
        `Cannot delete: ${calls === 1 ? "a call is" : `${calls} calls are`} running on this flow. Try again when ${calls === 1 ? "it has" : "they have"} ended.`,
      );
    }
    await tx.delete(flows).where(and(eq(flows.orgId, orgId), eq(flows.id, flow.id)));
    await recordAudit(tx, {
      orgId,
      actor,
      action: "flow.deleted",
      targetType: "flow",
      targetId: flow.id,
      before: {
        name: flow.name,
        liveVersion: flow.liveVersion,
        draftRevision: flow.draftRevision,
        draft: auditedDocument(flow.draft),
      },
    });
  });
  forgetLiveVersion(input.flowId);
}
