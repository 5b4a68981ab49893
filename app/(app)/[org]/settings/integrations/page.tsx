import { PlugZap } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { CreateIntegrationForm } from "@/components/settings/create-integration-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format";
import { requireOrgMember } from "@/lib/auth/require-org-member";
import { providerIds, providers } from "@/lib/integrations/providers";
import { listIntegrations } from "@/lib/integrations/queries";

import { createIntegrationAction } from "./actions";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org, db } = await requireOrgMember((await params).org, "admin");
  const integrations = await listIntegrations(db, org.id);
  const providerOptions = providerIds.map((id) => ({
    value: id,
    label: `${providers[id].label}: ${providers[id].description}`,
  }));

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title="Connect a vendor"
          description="Each integration gets its own secret address; create one per vendor account or phone line."
        />
        <CardBody>
          <CreateIntegrationForm
            orgSlug={org.slug}
            providerOptions={providerOptions}
            action={createIntegrationAction}
          />
        </CardBody>
      </Card>
      {integrations.length === 0 ? (
        <EmptyState icon={PlugZap} title="No integrations yet">
          Create one above: you get the address to paste into your vendor&apos;s webhook settings.
        </EmptyState>
      ) : (
        <Card>
          <CardHeader title="Integrations" />
          <ul className="divide-y divide-border" aria-label="Integrations">
            {integrations.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
                <div className="min-w-0">
                  <Link
                    href={`/${org.slug}/settings/integrations/${i.id}`}
                    className="truncate text-sm font-medium text-fg hover:text-accent"
                  >
                    {i.name}
                  </Link>
                  <p className="text-xs text-fg-muted">
                    {providers[i.provider].label} · created {formatDateTime(i.createdAt)} · last delivery{" "}
                    {i.lastEventAt ? formatDateTime(i.lastEventAt) : "never"} · {i.acceptedCount} accepted,{" "}
                    {i.refusedCount} refused
                  </p>
                </div>
                <Badge tone={i.isEnabled ? "success" : "neutral"}>{i.isEnabled ? "Enabled" : "Disabled"}</Badge>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
