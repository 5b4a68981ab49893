import { ScrollText } from "lucide-react";
import type { Metadata } from "next";

import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format";
import { listAuditEntries } from "@/lib/audit/queries";
import { requireOrgMember } from "@/lib/auth/require-org-member";

export const metadata: Metadata = { title: "Audit log" };

const describe = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value));

export default async function AuditPage({ params }: { params: Promise<{ org: string }> }) {
  const { org, db } = await requireOrgMember((await params).org, "admin");
  const entries = await listAuditEntries(db, org.id, 200);
  if (entries.length === 0) {
    return (
      <EmptyState icon={ScrollText} title="Nothing recorded yet">
        Every change to members, settings, integrations and flows is recorded here with who made it.
      </EmptyState>
    );
  }
  return (
    <Card>
      <CardHeader title="Audit log" description="The latest 200 changes, newest first." />
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="border-b border-border text-left text-xs font-medium text-fg-muted uppercase">
            <tr>
              <th className="px-5 py-2.5">When</th>
              <th className="px-5 py-2.5">Who</th>
              <th className="px-5 py-2.5">What</th>
              <th className="px-5 py-2.5">Before → after</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {entries.map((e) => (
              <tr key={e.id} className="align-top">
                <td className="px-5 py-2.5 whitespace-nowrap text-fg-muted">{formatDateTime(e.createdAt)}</td>
                <td className="px-5 py-2.5 whitespace-nowrap">{e.actorLabel}</td>
                <td className="px-5 py-2.5 font-mono text-xs whitespace-nowrap">{e.action}</td>
                <td className="w-full min-w-64 px-5 py-2.5 font-mono text-xs break-all text-fg-muted">
                  {describe(e.before)}
                  {e.before !== null && e.after !== null ? " → " : ""}
                  {describe(e.after)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
