import type { ReactNode } from "react";

import { AppShell } from "@/components/shell/app-shell";
import { requireOrgMember } from "@/lib/auth/require-org-member";
import { listUserOrganisations } from "@/lib/orgs/queries";

export default async function OrgLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ org: string }>;
}) {
  const { org: slug } = await params;
  const { user, org, role, db } = await requireOrgMember(slug);
  const orgs = await listUserOrganisations(db, user.id);
  return (
    <AppShell org={org} role={role} orgs={orgs} user={{ email: user.email, name: user.name }}>
      {children}
    </AppShell>
  );
}
