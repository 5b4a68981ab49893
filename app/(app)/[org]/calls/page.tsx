import type { Metadata } from "next";
import Link from "next/link";
import { PhoneIncoming } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime, formatDuration } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgMember } from "@/lib/auth/require-org-member";
import { listRecentCalls } from "@/lib/calls/queries";

export const metadata: Metadata = { title: "Calls" };

export default async function CallsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org, db, role } = await requireOrgMember((await params).org);
  const calls = await listRecentCalls(db, org.id, 100);
  return (
    <>
      <PageHeader
        title="Calls"
        description="Every call result your vendors delivered, newest first."
        actions={
          role !== "member" ? (
            <Link href={`/${org.slug}/calls/import`} className={buttonClasses("secondary")}>
              Import vCon
            </Link>
          ) : undefined
        }
      />
      {calls.length === 0 ? (
        <EmptyState
          icon={PhoneIncoming}
          title="No calls yet"
          action={
            role !== "member" ? (
              <Link href={`/${org.slug}/settings/integrations`} className={buttonClasses()}>
                Connect a vendor
              </Link>
            ) : undefined
          }
        >
          Calls appear here as soon as a vendor delivers them. Connect a vendor in Settings → Integrations
          {role === "member" ? " (ask an admin of your organisation)." : "."}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-border bg-surface shadow-sm">
          <table className="w-full text-sm">
            <thead className="border-b border-border text-left text-xs font-medium text-fg-muted uppercase">
              <tr>
                <th className="px-4 py-2.5">Time</th>
                <th className="px-4 py-2.5">Parties</th>
                <th className="px-4 py-2.5">Direction</th>
                <th className="px-4 py-2.5">Duration</th>
                <th className="px-4 py-2.5">Headline</th>
                <th className="px-4 py-2.5">Source</th>
                <th className="px-4 py-2.5">
                  <span className="sr-only">Export</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {calls.map((call) => (
                <tr key={call.id}>
                  <td className="px-4 py-2.5 whitespace-nowrap text-fg-muted">{formatDateTime(call.startedAt)}</td>
                  <td className="px-4 py-2.5">{call.parties.map((p) => p.name ?? p.number ?? p.role).join(" → ") || "—"}</td>
                  <td className="px-4 py-2.5 capitalize">{call.direction}</td>
                  <td className="px-4 py-2.5 tabular-nums">{formatDuration(call.durationSeconds)}</td>
                  <td className="px-4 py-2.5">{call.headline ?? "—"}</td>
                  <td className="px-4 py-2.5">
                    <Badge>{call.provider}</Badge>
                  </td>
                  <td className="px-4 py-2.5 text-right whitespace-nowrap">
                    <a href={`/${org.slug}/calls/${call.id}/export?format=vcon`} className="text-accent hover:underline" download>
                      vCon
                    </a>
                    <span className="text-fg-muted"> · </span>
                    <a href={`/${org.slug}/calls/${call.id}/export?format=json`} className="text-accent hover:underline" download>
                      JSON
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
