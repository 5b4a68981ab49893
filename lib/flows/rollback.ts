import { and, eq, sql } from "drizzle-orm";

import { forgetLiveVersion } from "@/lib/aiflow/programs";
import { recordAudit, type Actor } from "@/lib/audit/record";
import { flows, flowVersions } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";

import { insertLiveVersion, lockFlow, publishNote, type StaleDraft } from "./publish-flow";
import { draftStamp } from "./queries";
import { auditedDocument } from "./save-draft";

export type RolledBack = { rolledBack: { version: number; restoredVersion: number; draftRevision: number } };
export type RollbackOutcome = RolledBack | StaleDraft;

type RollbackInput = { flowId: string; version: number; note?: string };

/**
 * Makes an older version live again by publishing its stored document and program as a new
 * version (N+1, noted "Rolled back to version N"): history only grows, and sessions still
 * running on any version keep it. The old program is reused as published, not compiled again.
 *
 * The draft is replaced by that document too (its revision bumped, so an editor open on the old
 * draft gets a conflict on its next save instead of silently overwriting): after a rollback
 * the editor shows what is live, and the next publish does not bring back what was rolled back.
 * The replaced draft is kept in the audit entry. With `baseRevision` (the draft revision the
 * admin is looking at), a draft saved since is not replaced: the answer says who saved it.
 */
export async function rollbackFlow(
  db: Db,
  orgId: string,
  actor: Actor,
  input: RollbackInput & { baseRevision?: undefined },
): Promise<RolledBack>;
export async function rollbackFlow(
  db: Db,
  orgId: string,
  actor: Actor,
  input: RollbackInput & { baseRevision?: number },
): Promise<RollbackOutcome>;
export async function rollbackFlow(
  db: Db,
  orgId: string,
  actor: Actor,
  input: RollbackInput & { baseRevision?: number },
): Promise<RollbackOutcome> {
  if (!isUuid(input.flowId)) throw new AppError("not_found", "No such flow.");
  if (!Number.isInteger(input.version) || input.version < 1) {
    const message = "Choose a published version (a whole number from 1).";
    throw new AppError("unprocessable", `Cannot roll back. ${message}`, { version: message });
  }
  const outcome = await db.transaction(async (tx): Promise<RollbackOutcome> => {
    const flow = await lockFlow(tx, orgId, input.flowId);
    if (input.baseRevision !== undefined && input.baseRevision !== flow.draftRevision)
      return { stale: draftStamp(flow) };
    const [old] = await tx
      .select({ document: flowVersions.document, program: flowVersions.program })
      .from(flowVersions)
      .where(
        and(eq(flowVersions.orgId, orgId), eq(flowVersions.flowId, flow.id), eq(flowVersions.version, input.version)),
      );
    if (!old) throw new AppError("not_found", `This flow has no version ${input.version}.`);
    if (flow.liveVersion === input.version) throw new AppError("conflict", `Version ${input.version} is already live.`);
    const reason = publishNote(input.note);
    const note = publishNote(`Rolled back to version ${input.version}${reason ? `: ${reason}` : ""}`);
    const version = await insertLiveVersion(tx, orgId, actor, {
      flowId: flow.id,
      document: old.document,
      program: old.program,
      note,
    });
    const [draft] = await tx
      .update(flows)
      .set({
        draft: old.document,
        draftRevision: sql`${flows.draftRevision} + 1`,
        draftUpdatedAt: sql`now()`,
        draftUpdatedBy: actor.label,
      })
      .where(and(eq(flows.orgId, orgId), eq(flows.id, flow.id)))
      .returning({ draftRevision: flows.draftRevision });
    if (!draft) throw new Error("the locked flow row was not updated");
    await recordAudit(tx, {
      orgId,
      actor,
      action: "flow.rolled_back",
      targetType: "flow",
      targetId: flow.id,
      before: { liveVersion: flow.liveVersion, draft: { ...draftStamp(flow), document: auditedDocument(flow.draft) } },
      after: { liveVersion: version, rolledBackTo: input.version, note, draftRevision: draft.draftRevision },
    });
    return { rolledBack: { version, restoredVersion: input.version, draftRevision: draft.draftRevision } };
  });
  forgetLiveVersion(input.flowId);
  return outcome;
}
