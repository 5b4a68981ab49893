import type { ReactNode } from "react";

import { SettingsTabs } from "@/components/settings/settings-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgMember } from "@/lib/auth/require-org-member";
import { hasRole } from "@/lib/auth/roles";

export default async function SettingsLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ org: string }>;
}) {
  const { org, role } = await requireOrgMember((await params).org);
  return (
    <>
      <PageHeader
        title="Settings"
        description={
          role === "member"
            ? "You can see these settings; admins and owners can change them."
            : `Settings of ${org.name}`
        }
      />
      <SettingsTabs orgSlug={org.slug} isAdmin={hasRole(role, "admin")} />
      {children}
    </>
  );
}
