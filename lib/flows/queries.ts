import { and, asc, desc, eq, sql } from "drizzle-orm";

import { readAiFlowConfig } from "@/lib/aiflow/config";
import { flows, flowVersions, integrations } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { isUuid } from "@/lib/ids";

import type { FlowDocument } from "./schema";

export type FlowListRow = {
  id: string;
  name: string;
  liveVersion: number | null;
  nodeCount: number;
  draftUpdatedAt: Date;
  /** Phone numbers (with their integration) that start sessions on this flow. */
  numbers: Array<{ number: string; integrationId: string; integrationName: string }>;
  sessions: number;
};

export async function listFlows(db: Db, orgId: string): Promise<FlowListRow[]> {
  const rows = await db
    .select({
      id: flows.id,
      name: flows.name,
      liveVersion: flows.liveVersion,
      nodeCount: sql<number>`jsonb_array_length(${flows.draft}->'nodes')`.mapWith(Number),
      draftUpdatedAt: flows.draftUpdatedAt,
      // Spelled out: Drizzle leaves columns of a one-table select unqualified, which inside the
      // subquery would name voice_sessions' own columns.
      sessions:
        sql<number>`(SELECT count(*) FROM voice_sessions vs WHERE vs.org_id = "flows"."org_id" AND vs.flow_id = "flows"."id")`.mapWith(
          Number,
        ),
    })
    .from(flows)
    .where(eq(flows.orgId, orgId))
    .orderBy(asc(flows.name));
  const routes = await routesOf(db, orgId);
  return rows.map((r) => ({ ...r, numbers: routes.filter((x) => x.flowId === r.id) }));
}

/** Every number → flow route of the organisation's AI Flow integrations. */
export async function routesOf(db: Db, orgId: string) {
  const rows = await db
    .select({ id: integrations.id, name: integrations.name, config: integrations.config })
    .from(integrations)
    .where(and(eq(integrations.orgId, orgId), eq(integrations.provider, "aiflow")));
  return rows.flatMap((i) =>
    readAiFlowConfig(i.config).routes.map((r) => ({
      number: r.number,
      flowId: r.flowId,
      integrationId: i.id,
      integrationName: i.name,
    })),
  );
}

export async function getFlow(db: Db, orgId: string, flowId: string) {
  const [row] = await db
    .select()
    .from(flows)
    .where(and(eq(flows.orgId, orgId), eq(flows.id, flowId)));
  return row;
}

/** Who saved the draft last, and which revision it is. */
export type DraftStamp = { revision: number; updatedAt: Date; updatedBy: string };

export const draftStamp = (row: {
  draftRevision: number;
  draftUpdatedAt: Date;
  draftUpdatedBy: string | null;
}): DraftStamp => ({
  revision: row.draftRevision,
  updatedAt: row.draftUpdatedAt,
  updatedBy: row.draftUpdatedBy ?? "unknown",
});

export type FlowDraft = DraftStamp & { document: FlowDocument };

/** The draft the editor opens, with the revision its next save must name. */
export async function getDraft(db: Db, orgId: string, flowId: string): Promise<FlowDraft | undefined> {
  if (!isUuid(flowId)) return undefined;
  const [row] = await db
    .select({
      draft: flows.draft,
      draftRevision: flows.draftRevision,
      draftUpdatedAt: flows.draftUpdatedAt,
      draftUpdatedBy: flows.draftUpdatedBy,
    })
    .from(flows)
    .where(and(eq(flows.orgId, orgId), eq(flows.id, flowId)));
  return row && { ...draftStamp(row), document: row.draft };
}

export async function listFlowVersions(db: Db, orgId: string, flowId: string) {
  return db
    .select({
      version: flowVersions.version,
      note: flowVersions.note,
      publishedByLabel: flowVersions.publishedByLabel,
      publishedAt: flowVersions.publishedAt,
    })
    .from(flowVersions)
    .where(and(eq(flowVersions.orgId, orgId), eq(flowVersions.flowId, flowId)))
    .orderBy(desc(flowVersions.version));
}

export async function getFlowVersion(db: Db, orgId: string, flowId: string, version: number) {
  const [row] = await db
    .select()
    .from(flowVersions)
    .where(and(eq(flowVersions.orgId, orgId), eq(flowVersions.flowId, flowId), eq(flowVersions.version, version)));
  return row;
}

/**
 * The documents of the newest versions, newest first, for the history to say what each publish
 * changed. One more than `limit` is read so the oldest shown still has a predecessor to compare
 * with; documents can carry audio, so the history asks for a page, not for every version.
 */
export async function listFlowVersionDocuments(
  db: Db,
  orgId: string,
  flowId: string,
  options: { limit?: number } = {},
): Promise<Array<{ version: number; document: FlowDocument }>> {
  if (!isUuid(flowId)) return [];
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 20), 1), 200);
  return db
    .select({ version: flowVersions.version, document: flowVersions.document })
    .from(flowVersions)
    .where(and(eq(flowVersions.orgId, orgId), eq(flowVersions.flowId, flowId)))
    .orderBy(desc(flowVersions.version))
    .limit(limit + 1);
}

/** Flow names for pickers (routing numbers to flows). */
export async function flowChoices(db: Db, orgId: string) {
  return db
    .select({ id: flows.id, name: flows.name, liveVersion: flows.liveVersion })
    .from(flows)
    .where(eq(flows.orgId, orgId))
    .orderBy(asc(flows.name));
}
