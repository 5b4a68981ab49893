import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { FlowEditor } from "@/components/flow-builder/editor";
import { listAiFlowIntegrations } from "@/lib/aiflow/queries";
import { requireOrgMember } from "@/lib/auth/require-org-member";
import { summariseChanges } from "@/lib/flows/diff";
import { getDraft, getFlow, listFlowVersionDocuments, listFlowVersions, routesOf } from "@/lib/flows/queries";
import { isUuid } from "@/lib/ids";

import { assignNumberAction, publishAction, rollbackAction, saveDraftAction } from "./actions";

export const metadata: Metadata = { title: "Flow editor" };

const actions = {
  saveDraft: saveDraftAction,
  publish: publishAction,
  rollback: rollbackAction,
  assignNumber: assignNumberAction,
};

export default async function FlowEditorPage({ params }: { params: Promise<{ org: string; flowId: string }> }) {
  const { org: slug, flowId } = await params;
  const { org, role, db } = await requireOrgMember(slug);
  if (!isUuid(flowId)) notFound();
  const [flow, draft] = await Promise.all([getFlow(db, org.id, flowId), getDraft(db, org.id, flowId)]);
  if (!flow || !draft) notFound();
  const [versions, documents, routes, integrations] = await Promise.all([
    listFlowVersions(db, org.id, flowId),
    listFlowVersionDocuments(db, org.id, flowId, { limit: 50 }),
    routesOf(db, org.id),
    listAiFlowIntegrations(db, org.id),
  ]);
  const byVersion = new Map(documents.map((d) => [d.version, d.document]));
  const versionRows = versions.map((v) => {
    const document = byVersion.get(v.version);
    return {
      version: v.version,
      note: v.note,
      publishedBy: v.publishedByLabel,
      publishedAt: v.publishedAt.toISOString(),
      live: v.version === flow.liveVersion,
      changes: document ? summariseChanges(byVersion.get(v.version - 1), document).text : "",
    };
  });
  return (
    <FlowEditor
      orgSlug={org.slug}
      flowId={flow.id}
      name={flow.name}
      draft={{
        document: draft.document,
        revision: draft.revision,
        updatedAt: draft.updatedAt.toISOString(),
        updatedBy: draft.updatedBy,
      }}
      liveVersion={flow.liveVersion}
      versions={versionRows}
      routes={routes.filter((r) => r.flowId === flow.id)}
      integrations={integrations.map((i) => ({ id: i.id, name: i.name }))}
      canEdit={role !== "member"}
      actions={actions}
    />
  );
}
