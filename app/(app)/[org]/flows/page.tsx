import { Download, PencilRuler, Workflow } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { CreateFlowForm } from "@/components/flows/create-flow-form";
import { FlowRowActions } from "@/components/flows/flow-row-actions";
import { ImportFlowForm } from "@/components/flows/import-flow-form";
import { PublishFlowButton } from "@/components/flows/publish-flow-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgMember } from "@/lib/auth/require-org-member";
import { listFlows } from "@/lib/flows/queries";
import { flowTemplates } from "@/lib/flows/templates";

import {
  createFlowAction,
  deleteFlowAction,
  duplicateFlowAction,
  importFlowAction,
  publishFlowAction,
  renameFlowAction,
} from "./actions";

export const metadata: Metadata = { title: "Flows" };

export default async function FlowsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org, role, db } = await requireOrgMember((await params).org);
  const rows = await listFlows(db, org.id);
  const canEdit = role !== "member";
  const templates = flowTemplates.map(({ id, name, description }) => ({ id, name, description }));
  return (
    <>
      <PageHeader title="Flows" description="Voice flows answer the live calls of your sipgate AI Flow assistants." />
      <div className="space-y-6">
        {rows.length === 0 ? (
          <EmptyState
            icon={Workflow}
            title="No flows yet"
            action={
              canEdit ? (
                <Link
                  href={`/${org.slug}/settings/integrations`}
                  className="text-sm font-medium text-accent hover:underline"
                >
                  Set up an AI Flow endpoint
                </Link>
              ) : undefined
            }
          >
            A flow greets the caller, asks and listens, and transfers or hangs up. Create one below (blank or from a
            template), draw it in the editor, publish it, and route a phone number of a sipgate AI Flow integration to
            it.
          </EmptyState>
        ) : (
          <Card>
            <ul className="divide-y divide-border" aria-label="Flows">
              {rows.map((flow) => (
                <li
                  key={flow.id}
                  className="flex flex-wrap items-start justify-between gap-4 px-5 py-4"
                  data-testid="flow-row"
                >
                  <div className="min-w-0 space-y-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <h3 className="font-medium">
                        <Link href={`/${org.slug}/flows/${flow.id}`} className="hover:text-accent hover:underline">
                          {flow.name}
                        </Link>
                      </h3>
                      {flow.liveVersion ? (
                        <Badge tone="success">Version {flow.liveVersion} live</Badge>
                      ) : (
                        <Badge tone="warning">Not published</Badge>
                      )}
                    </div>
                    <p className="text-sm text-fg-muted">
                      {flow.nodeCount} nodes · {flow.sessions.toLocaleString("en")} session
                      {flow.sessions === 1 ? "" : "s"} · draft saved {formatDateTime(flow.draftUpdatedAt)}
                    </p>
                    <p className="text-sm text-fg-muted">
                      {flow.numbers.length === 0
                        ? "No phone number uses it yet."
                        : `Answers ${flow.numbers.map((n) => `${n.number} (${n.integrationName})`).join(", ")}`}
                    </p>
                  </div>
                  <div className="flex flex-wrap items-start gap-3">
                    <Link
                      href={`/${org.slug}/flows/${flow.id}`}
                      className="inline-flex items-center gap-1 text-sm font-medium text-accent hover:underline"
                    >
                      <PencilRuler className="size-4" aria-hidden /> {canEdit ? "Edit" : "Open"}
                    </Link>
                    <a
                      href={`/${org.slug}/flows/${flow.id}/export${flow.liveVersion ? `?version=${flow.liveVersion}` : ""}`}
                      className="inline-flex items-center gap-1 text-sm text-accent hover:underline"
                      download
                    >
                      <Download className="size-4" aria-hidden /> Download JSON
                    </a>
                    {canEdit && !flow.liveVersion && (
                      <PublishFlowButton orgSlug={org.slug} flowId={flow.id} action={publishFlowAction} />
                    )}
                  </div>
                  {canEdit && (
                    <div className="w-full">
                      <FlowRowActions
                        orgSlug={org.slug}
                        flowId={flow.id}
                        name={flow.name}
                        inUse={flow.numbers.length > 0}
                        rename={renameFlowAction}
                        duplicate={duplicateFlowAction}
                        remove={deleteFlowAction}
                      />
                    </div>
                  )}
                </li>
              ))}
            </ul>
          </Card>
        )}
        {canEdit && (
          <Card>
            <CardHeader
              title="Create a flow"
              description="Start blank or from a template, then shape it in the editor. Nothing answers calls until you publish it."
            />
            <CardBody>
              <CreateFlowForm orgSlug={org.slug} templates={templates} action={createFlowAction} />
            </CardBody>
          </Card>
        )}
        {canEdit ? (
          <Card>
            <CardHeader
              title="Import a flow"
              description="A flow document (JSON, version 1) as exported here. It is published at once when it has no errors."
            />
            <CardBody>
              <ImportFlowForm orgSlug={org.slug} action={importFlowAction} />
            </CardBody>
          </Card>
        ) : (
          <p className="text-sm text-fg-muted">
            Admins import and publish flows; you can read them and download their documents.
          </p>
        )}
      </div>
    </>
  );
}
