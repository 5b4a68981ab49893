import type { Metadata } from "next";
import Link from "next/link";
import { Workflow } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgMember } from "@/lib/auth/require-org-member";

export const metadata: Metadata = { title: "Flows" };

export default async function FlowsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org, role } = await requireOrgMember((await params).org);
  return (
    <>
      <PageHeader title="Flows" description="Voice flows answer the live calls of your sipgate AI Flow assistants." />
      <EmptyState
        icon={Workflow}
        title="No flows yet"
        action={
          role !== "member" ? (
            <Link href={`/${org.slug}/settings/integrations`} className={buttonClasses("secondary")}>
              Set up an AI Flow endpoint
            </Link>
          ) : undefined
        }
      >
        A flow greets the caller, asks and listens, and transfers or hangs up. To answer calls with one, first create a
        sipgate AI Flow integration in Settings → Integrations; it gives you the endpoint URL and token for sipgate.
      </EmptyState>
    </>
  );
}
