import { isDeepStrictEqual } from "node:util";

import { and, eq, sql } from "drizzle-orm";

import { recordAudit, type Actor } from "@/lib/audit/record";
import { flows } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";

import { draftStamp, getDraft, type DraftStamp, type FlowDraft } from "./queries";
import { parseFlowDocument, type FlowDocument } from "./schema";

export type DraftSaveOutcome = { saved: DraftStamp } | { conflict: FlowDraft };

export type DraftSaveInput = {
  flowId: string;
  /** The draft revision the editor started from (getDraft's `revision`, then each save's). */
  baseRevision: number;
  document: unknown;
  /**
   * Overwrite the newer draft the editor was shown in a conflict. `baseRevision` must then be
   * that conflict's revision, so a save made after the admin looked is still refused.
   */
  force?: boolean;
};

/** A document for the audit log: audio is named by size, not stored again. */
export function auditedDocument(document: FlowDocument): FlowDocument {
  return {
    ...document,
    nodes: document.nodes.map((n) =>
      n.kind === "play_audio" && n.audio
        ? { ...n, audio: { name: n.audio.name, data: `[${Math.round((n.audio.data.length * 3) / 4)} bytes of WAV]` } }
        : n,
    ),
  };
}

/**
 * Saves the flow's draft if nobody saved it since `baseRevision`; otherwise answers with the
 * newer draft, who saved it and when. Drafts may still have errors (validate says which); only
 * the document's shape is checked. Autosave calls this every few seconds, so an ordinary save
 * is not audited; an overwrite of someone else's newer draft (`force`) is, with what it replaced.
 */
export async function saveDraft(db: Db, orgId: string, actor: Actor, input: DraftSaveInput): Promise<DraftSaveOutcome> {
  if (!isUuid(input.flowId)) throw new AppError("not_found", "No such flow.");
  if (!Number.isInteger(input.baseRevision) || input.baseRevision < 1) {
    const message = "Name the draft revision you started from (a whole number from 1).";
    throw new AppError("unprocessable", `Cannot save the draft. ${message}`, { baseRevision: message });
  }
  const parsed = parseFlowDocument(input.document);
  if (!parsed.ok) throw new AppError("unprocessable", `Cannot save the draft. ${parsed.error}`, parsed.fields);
  return input.force
    ? overwrite(db, orgId, actor, input.flowId, input.baseRevision, parsed.document)
    : save(db, orgId, actor, input.flowId, input.baseRevision, parsed.document);
}

const newDraft = (actor: Actor, document: FlowDocument) => ({
  draft: document,
  draftRevision: sql`${flows.draftRevision} + 1`,
  draftUpdatedAt: sql`now()`,
  draftUpdatedBy: actor.label,
});

const stampColumns = {
  draftRevision: flows.draftRevision,
  draftUpdatedAt: flows.draftUpdatedAt,
  draftUpdatedBy: flows.draftUpdatedBy,
};

async function save(
  db: Db,
  orgId: string,
  actor: Actor,
  flowId: string,
  baseRevision: number,
  document: FlowDocument,
): Promise<DraftSaveOutcome> {
  // One statement decides between concurrent saves: only the first finds the base revision.
  const [row] = await db
    .update(flows)
    .set(newDraft(actor, document))
    .where(and(eq(flows.orgId, orgId), eq(flows.id, flowId), eq(flows.draftRevision, baseRevision)))
    .returning(stampColumns);
  if (row) return { saved: draftStamp(row) };
  const current = await getDraft(db, orgId, flowId);
  if (!current) throw new AppError("not_found", "No such flow.");
  // A retried autosave whose first attempt was committed, but whose answer was lost.
  if (isDeepStrictEqual(current.document, jsonRoundTrip(document)))
    return { saved: { revision: current.revision, updatedAt: current.updatedAt, updatedBy: current.updatedBy } };
  return { conflict: current };
}

async function overwrite(
  db: Db,
  orgId: string,
  actor: Actor,
  flowId: string,
  baseRevision: number,
  document: FlowDocument,
): Promise<DraftSaveOutcome> {
  return db.transaction(async (tx): Promise<DraftSaveOutcome> => {
    const [current] = await tx
      .select({ draft: flows.draft, ...stampColumns })
      .from(flows)
      .where(and(eq(flows.orgId, orgId), eq(flows.id, flowId)))
      .for("update");
    if (!current) throw new AppError("not_found", "No such flow.");
    if (current.draftRevision !== baseRevision)
      return { conflict: { ...draftStamp(current), document: current.draft } };
    const [row] = await tx
      .update(flows)
      .set(newDraft(actor, document))
      .where(and(eq(flows.orgId, orgId), eq(flows.id, flowId)))
      .returning(stampColumns);
    if (!row) throw new Error("the locked flow row was not updated");
    const replaced = draftStamp(current);
    await recordAudit(tx, {
      orgId,
      actor,
      action: "flow.draft_overwritten",
      targetType: "flow",
      targetId: flowId,
      before: { ...replaced, document: auditedDocument(current.draft) },
      after: { revision: row.draftRevision, nodes: document.nodes.length },
    });
    return { saved: draftStamp(row) };
  });
}

/** The document as jsonb gives it back (no undefined members), for comparing with a stored one. */
const jsonRoundTrip = (document: FlowDocument): unknown => JSON.parse(JSON.stringify(document));
