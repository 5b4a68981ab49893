import { ChevronLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { AiFlowRoutingForm } from "@/components/settings/aiflow-routing-form";
import { DeleteIntegration, EnableToggle, RotateSecret } from "@/components/settings/integration-actions";
import { IntegrationInstructions } from "@/components/settings/integration-instructions";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { readAiFlowConfig } from "@/lib/aiflow/config";
import { aiFlowSessionStats } from "@/lib/aiflow/queries";
import { requireOrgMember } from "@/lib/auth/require-org-member";
import { flowChoices } from "@/lib/flows/queries";
import { listRefusals } from "@/lib/hooks/deliveries";
import { isUuid } from "@/lib/ids";
import { endpointPath, providers } from "@/lib/integrations/providers";
import { getIntegration, getIntegrationConfig } from "@/lib/integrations/queries";
import { absoluteUrl } from "@/lib/server/urls";

import { deleteAction, rotateAction, saveRoutingAction, setEnabledAction } from "./actions";

export const metadata: Metadata = { title: "Integration" };

export default async function IntegrationPage({ params }: { params: Promise<{ org: string; integrationId: string }> }) {
  const { org: slug, integrationId } = await params;
  const { org, db } = await requireOrgMember(slug, "admin");
  if (!isUuid(integrationId)) notFound();
  const integration = await getIntegration(db, org.id, integrationId);
  if (!integration) notFound();
  const refusals = await listRefusals(db, org.id, integration.id);
  const isAiFlowKind = providers[integration.provider].kind === "aiflow";
  const flowOptions = isAiFlowKind ? await flowChoices(db, org.id) : [];
  const aiFlowConfig = isAiFlowKind
    ? readAiFlowConfig(await getIntegrationConfig(db, org.id, integration.id))
    : undefined;
  const sessionStats = isAiFlowKind ? await aiFlowSessionStats(db, org.id, integration.id) : undefined;
  const info = providers[integration.provider];
  const isAiFlow = info.kind === "aiflow";
  const shared = { orgSlug: org.slug, integrationId: integration.id };
  const stats = sessionStats
    ? [
        {
          label: "Last call",
          value: sessionStats.lastStartedAt ? formatDateTime(sessionStats.lastStartedAt) : "never",
        },
        { label: "Calls answered", value: sessionStats.total.toLocaleString("en") },
        { label: "Running now", value: sessionStats.active.toLocaleString("en") },
      ]
    : [
        { label: "Last delivery", value: integration.lastEventAt ? formatDateTime(integration.lastEventAt) : "never" },
        { label: "Accepted", value: integration.acceptedCount.toLocaleString("en") },
        { label: "Refused", value: integration.refusedCount.toLocaleString("en") },
      ];

  return (
    <div className="space-y-6">
      <div>
        <Link
          href={`/${org.slug}/settings/integrations`}
          className="inline-flex items-center gap-1 text-sm text-fg-muted hover:text-fg"
        >
          <ChevronLeft className="size-4" aria-hidden /> All integrations
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h2 className="text-lg font-semibold">{integration.name}</h2>
          <Badge>{info.label}</Badge>
          <Badge tone={integration.isEnabled ? "success" : "warning"}>
            {integration.isEnabled ? "Enabled" : "Disabled"}
          </Badge>
        </div>
      </div>

      <dl className="grid gap-4 sm:grid-cols-3">
        {stats.map((s) => (
          <div key={s.label} className="rounded-lg border border-border bg-surface p-4">
            <dt className="text-sm text-fg-muted">{s.label}</dt>
            <dd className="mt-1 text-lg font-semibold tabular-nums">{s.value}</dd>
          </div>
        ))}
      </dl>

      <Card>
        <CardHeader title="Connect it" description={info.description} />
        <CardBody className="space-y-4">
          <div>
            <p className="text-sm font-medium">{isAiFlow ? "Endpoint URL" : "Hook URL"}</p>
            <p className="mt-1 font-mono text-xs break-all text-fg-muted">
              {absoluteUrl(endpointPath(integration.provider, integration.id))}
              {!isAiFlow && " (the last part is the secret key, shown only when created or rotated)"}
            </p>
            {integration.previousSecretExpiresAt && integration.previousSecretExpiresAt > new Date() && (
              <p className="mt-1 text-xs text-warning">
                The previous {isAiFlow ? "token" : "key"} still works until{" "}
                {formatDateTime(integration.previousSecretExpiresAt)}.
              </p>
            )}
          </div>
          <IntegrationInstructions provider={integration.provider} />
          <RotateSecret {...shared} isAiFlow={isAiFlow} action={rotateAction} />
        </CardBody>
      </Card>

      {isAiFlow && (
        <Card>
          <CardHeader
            title="Phone numbers and flows"
            description="A call to a routed number starts on the flow's live version and keeps it to the end. Any other number gets the fallback."
          />
          <CardBody>
            <AiFlowRoutingForm
              {...shared}
              config={aiFlowConfig ?? readAiFlowConfig(undefined)}
              flows={flowOptions}
              canEdit
              action={saveRoutingAction}
            />
          </CardBody>
        </Card>
      )}

      {!isAiFlow && (
        <Card>
          <CardHeader
            title="Refused deliveries"
            description="The latest 20 deliveries this integration refused, with the reason the vendor was given."
          />
          {refusals.length === 0 ? (
            <CardBody>
              <p className="text-sm text-fg-muted">None. Every delivery so far was accepted.</p>
            </CardBody>
          ) : (
            <ul className="divide-y divide-border" aria-label="Refused deliveries">
              {refusals.map((r) => (
                <li key={r.id} className="px-5 py-3 text-sm">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone="danger">{r.status}</Badge>
                    <span className="text-fg-muted">{formatDateTime(r.receivedAt)}</span>
                  </div>
                  <p className="mt-1 text-fg">{r.error}</p>
                  {r.excerpt && (
                    <pre className="mt-1 max-h-24 overflow-auto rounded bg-surface-muted p-2 font-mono text-xs whitespace-pre-wrap text-fg-muted">
                      {r.excerpt}
                    </pre>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>
      )}

      <Card>
        <CardHeader title="Pause or remove" />
        <CardBody className="flex flex-wrap items-start gap-6">
          <div className="max-w-sm space-y-2">
            <p className="text-sm text-fg-muted">
              A disabled integration refuses deliveries (the vendor gets 404) until enabled again.
            </p>
            <EnableToggle {...shared} isEnabled={integration.isEnabled} action={setEnabledAction} />
          </div>
          <div className="max-w-sm space-y-2">
            <p className="text-sm text-fg-muted">Deleting removes the address for good; its calls stay.</p>
            <DeleteIntegration {...shared} name={integration.name} action={deleteAction} />
          </div>
        </CardBody>
      </Card>
    </div>
  );
}
