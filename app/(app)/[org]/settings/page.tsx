import type { Metadata } from "next";

import { OrgNameForm } from "@/components/settings/org-name-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { requireOrgMember } from "@/lib/auth/require-org-member";
import { hasRole } from "@/lib/auth/roles";
import { absoluteUrl } from "@/lib/server/urls";

import { renameOrgAction } from "./actions";

export const metadata: Metadata = { title: "Settings" };

export default async function GeneralSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org, role } = await requireOrgMember((await params).org);
  return (
    <Card className="max-w-2xl">
      <CardHeader title="Organisation" description="The name everyone in the organisation sees." />
      <CardBody className="space-y-5">
        {hasRole(role, "admin") ? (
          <OrgNameForm orgSlug={org.slug} name={org.name} action={renameOrgAction} />
        ) : (
          <dl>
            <dt className="text-sm font-medium text-fg">Organisation name</dt>
            <dd className="mt-1 text-sm text-fg-muted">{org.name}</dd>
          </dl>
        )}
        <dl>
          <dt className="text-sm font-medium text-fg">Address</dt>
          <dd className="mt-1 font-mono text-sm text-fg-muted">{absoluteUrl(`/${org.slug}`)}</dd>
        </dl>
      </CardBody>
    </Card>
  );
}
