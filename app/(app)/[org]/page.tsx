import { redirect } from "next/navigation";

import { requireOrgMember } from "@/lib/auth/require-org-member";

export default async function OrgIndex({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await requireOrgMember((await params).org);
  redirect(`/${org.slug}/dashboard`);
}
