import type { Metadata } from "next";
import Link from "next/link";
import { CheckCircle2, Circle, PhoneIncoming, PlugZap, Users } from "lucide-react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgMember } from "@/lib/auth/require-org-member";
import { orgOverview } from "@/lib/orgs/overview";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ params }: { params: Promise<{ org: string }> }) {
  const { org, db, user } = await requireOrgMember((await params).org);
  const overview = await orgOverview(db, org.id);
  const base = `/${org.slug}`;
  const stats = [
    { label: "Calls in the last 7 days", value: overview.callsLast7Days, href: `${base}/calls`, icon: PhoneIncoming },
    { label: "Calls in total", value: overview.calls, href: `${base}/calls`, icon: PhoneIncoming },
    { label: "Integrations", value: overview.integrations, href: `${base}/settings/integrations`, icon: PlugZap },
    { label: "Members", value: overview.members, href: `${base}/settings/members`, icon: Users },
  ];
  const steps = [
    { isDone: overview.integrations > 0, title: "Connect a vendor", text: "Create a hook for sipgate, your PBX or any vCon source in Settings → Integrations.", href: `${base}/settings/integrations` },
    { isDone: overview.calls > 0, title: "Receive your first call", text: "Once a vendor posts a call result, it appears in Calls within a second.", href: `${base}/calls` },
    { isDone: overview.members > 1, title: "Invite your team", text: "Add colleagues in Settings → Members; members read, admins configure.", href: `${base}/settings/members` },
  ];
  const isSetUp = steps.every((s) => s.isDone);

  return (
    <>
      <PageHeader title={`Welcome${user.name ? `, ${user.name.split(" ")[0]}` : ""}`} description={`Overview of ${org.name}`} />
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {stats.map(({ label, value, href, icon: Icon }) => (
          <Link key={label} href={href} className="group rounded-lg border border-border bg-surface p-4 shadow-sm transition-colors hover:border-accent/50">
            <div className="flex items-center justify-between text-sm text-fg-muted">
              {label}
              <Icon className="size-4" aria-hidden />
            </div>
            <p className="mt-2 text-2xl font-semibold tabular-nums text-fg group-hover:text-accent">{value.toLocaleString("en")}</p>
          </Link>
        ))}
      </div>
      {!isSetUp && (
        <Card className="mt-6">
          <CardHeader title="Get started" description="Three steps to a living call inbox." />
          <CardBody>
            <ol className="divide-y divide-border">
              {steps.map((step) => (
                <li key={step.title} className="flex items-start gap-3 py-3">
                  {step.isDone ? (
                    <CheckCircle2 className="mt-0.5 size-5 shrink-0 text-success" aria-label="done" />
                  ) : (
                    <Circle className="mt-0.5 size-5 shrink-0 text-fg-muted" aria-label="to do" />
                  )}
                  <div>
                    <Link href={step.href} className="text-sm font-medium text-fg hover:text-accent">
                      {step.title}
                    </Link>
                    <p className="text-sm text-fg-muted">{step.text}</p>
                  </div>
                </li>
              ))}
            </ol>
          </CardBody>
        </Card>
      )}
    </>
  );
}
