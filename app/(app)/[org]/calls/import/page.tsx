import { ChevronLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { VconImporter } from "@/components/calls/vcon-importer";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgMember } from "@/lib/auth/require-org-member";

import { importVconAction } from "./actions";

export const metadata: Metadata = { title: "Import vCon" };

export default async function ImportPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await requireOrgMember((await params).org, "admin");
  return (
    <>
      <Link
        href={`/${org.slug}/calls`}
        className="mb-3 inline-flex items-center gap-1 text-sm text-fg-muted hover:text-fg"
      >
        <ChevronLeft className="size-4" aria-hidden /> Calls
      </Link>
      <PageHeader
        title="Import vCon"
        description="Bring calls from any system that writes vCon (any version): transcripts, summaries, parties and tags are read; the whole document is kept with the call."
      />
      <VconImporter orgSlug={org.slug} action={importVconAction} />
    </>
  );
}
