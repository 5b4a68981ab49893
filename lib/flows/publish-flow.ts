import { and, eq, sql } from "drizzle-orm";

import { forgetLiveVersion } from "@/lib/aiflow/programs";
import { recordAudit, type Actor } from "@/lib/audit/record";
import { flows, flowVersions } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";

import { compileFlow, type Program } from "./compile";
import { draftStamp, type DraftStamp } from "./queries";
import type { FlowDocument } from "./schema";
import { hasErrors, validateFlow, type FlowIssue } from "./validate";

/** The draft changed since the caller looked at it: nothing was published. */
export type StaleDraft = { stale: DraftStamp };

export type PublishOutcome = { published: { version: number } } | { refused: FlowIssue[] } | StaleDraft;
/** What a publish without `baseRevision` can answer: it never checks for a stale draft. */
export type UncheckedPublishOutcome = Exclude<PublishOutcome, StaleDraft>;

type PublishInput = { flowId: string; note?: string };

export const publishNote = (note: string | undefined): string => (note ?? "").trim().slice(0, 500);

/**
 * Stores a document and its program as the flow's next version and makes it live. The caller
 * holds the flow row locked (SELECT … FOR UPDATE), which keeps version numbers from colliding,
 * and calls forgetLiveVersion after the commit.
 */
export async function insertLiveVersion(
  tx: Db,
  orgId: string,
  actor: Actor,
  input: { flowId: string; document: FlowDocument; program: Program; note: string },
): Promise<number> {
  const [last] = await tx
    .select({ max: sql<number | null>`max(${flowVersions.version})` })
    .from(flowVersions)
    .where(and(eq(flowVersions.orgId, orgId), eq(flowVersions.flowId, input.flowId)));
  const version = (last?.max ?? 0) + 1;
  await tx.insert(flowVersions).values({
    orgId,
    flowId: input.flowId,
    version,
    document: input.document,
    program: input.program,
    note: input.note,
    publishedBy: actor.userId,
    publishedByLabel: actor.label,
  });
  await tx
    .update(flows)
    .set({ liveVersion: version })
    .where(and(eq(flows.orgId, orgId), eq(flows.id, input.flowId)));
  return version;
}

/** The flow's row, locked until the transaction ends (publish and rollback both change it). */
export async function lockFlow(tx: Db, orgId: string, flowId: string) {
  const [flow] = await tx
    .select({
      id: flows.id,
      draft: flows.draft,
      draftRevision: flows.draftRevision,
      draftUpdatedAt: flows.draftUpdatedAt,
      draftUpdatedBy: flows.draftUpdatedBy,
      liveVersion: flows.liveVersion,
    })
    .from(flows)
    .where(and(eq(flows.orgId, orgId), eq(flows.id, flowId)))
    .for("update");
  if (!flow) throw new AppError("not_found", "No such flow.");
  return flow;
}

/**
 * Publishes the flow's draft as its next version: validated (refused while errors remain),
 * compiled once, stored immutable with its program, and made live for new sessions. Running
 * sessions keep the version they started on. With `baseRevision` (the draft revision the admin
 * is looking at), a draft saved since is not published: the answer says who saved it and when.
 */
export async function publishFlow(
  db: Db,
  orgId: string,
  actor: Actor,
  input: PublishInput & { baseRevision?: undefined },
): Promise<UncheckedPublishOutcome>;
export async function publishFlow(
  db: Db,
  orgId: string,
  actor: Actor,
  input: PublishInput & { baseRevision?: number },
): Promise<PublishOutcome>;
export async function publishFlow(
  db: Db,
  orgId: string,
  actor: Actor,
  input: PublishInput & { baseRevision?: number },
): Promise<PublishOutcome> {
  if (!isUuid(input.flowId)) throw new AppError("not_found", "No such flow.");
  const outcome = await db.transaction(async (tx): Promise<PublishOutcome> => {
    const flow = await lockFlow(tx, orgId, input.flowId);
    if (input.baseRevision !== undefined && input.baseRevision !== flow.draftRevision)
      return { stale: draftStamp(flow) };
    const issues = validateFlow(flow.draft);
    if (hasErrors(issues)) return { refused: issues };
    const program = compileFlow(flow.draft, { skipValidation: true });
    const note = publishNote(input.note);
    const version = await insertLiveVersion(tx, orgId, actor, { flowId: flow.id, document: flow.draft, program, note });
    await recordAudit(tx, {
      orgId,
      actor,
      action: "flow.published",
      targetType: "flow",
      targetId: flow.id,
      before: { liveVersion: flow.liveVersion },
      after: { liveVersion: version, note, draftRevision: flow.draftRevision },
    });
    return { published: { version } };
  });
  forgetLiveVersion(input.flowId);
  return outcome;
}
