import { Clock, ListTodo, PhoneIncoming } from "lucide-react";
import type { Metadata } from "next";

import { ChartCard } from "@/components/dashboard/chart-card";
import { DeliveriesCard } from "@/components/dashboard/deliveries-card";
import { DirectionCard } from "@/components/dashboard/direction-card";
import { GetStarted } from "@/components/dashboard/get-started";
import { inboxHref } from "@/components/dashboard/inbox-href";
import { seriesFor, seriesPalette } from "@/components/dashboard/series";
import { StatCard } from "@/components/dashboard/stat-card";
import { TopTagsCard } from "@/components/dashboard/top-tags-card";
import { formatDuration } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgMember } from "@/lib/auth/require-org-member";
import { hasRole } from "@/lib/auth/roles";
import { dashboardFigures } from "@/lib/calls/dashboard";

export const metadata: Metadata = { title: "Dashboard" };

const dayMonth = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const dayMonthYear = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

export default async function DashboardPage({ params }: { params: Promise<{ org: string }> }) {
  const { org, db, user, role } = await requireOrgMember((await params).org);
  const figures = await dashboardFigures(db, org.id);
  const isAdmin = hasRole(role, "admin");
  const title = `Welcome${user.name ? `, ${user.name.split(" ")[0]}` : ""}`;

  if (!figures.hasCalls) {
    return (
      <>
        <PageHeader title={title} description={`Overview of ${org.name}`} />
        <GetStarted
          orgSlug={org.slug}
          isAdmin={isAdmin}
          integrationCount={figures.integrationCount}
          memberCount={figures.memberCount}
        />
      </>
    );
  }

  const { from, to } = figures;
  const range = { from, to };
  const colours = seriesFor(figures.providers.map((p) => p.provider));
  const series = colours.map((s, i) => ({ ...s, calls: figures.providers[i]?.calls ?? 0 }));
  return (
    <div className={seriesPalette}>
      <PageHeader
        title={title}
        description={`${org.name} over the last 30 days: ${dayMonth.format(asDate(from))} – ${dayMonthYear.format(asDate(to))} (UTC)`}
      />
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <StatCard
          label="Calls"
          value={figures.calls.toLocaleString("en")}
          hint="in the last 30 days"
          href={inboxHref(org.slug, range)}
          icon={PhoneIncoming}
        />
        <DirectionCard orgSlug={org.slug} from={from} to={to} counts={figures.directions} />
        <StatCard
          label="Average duration"
          value={formatDuration(figures.averageDurationSeconds)}
          hint="per call with a known duration"
          href={inboxHref(org.slug, { ...range, sort: "duration" })}
          icon={Clock}
        />
        <StatCard
          label="Open action items"
          value={figures.openActionItems.toLocaleString("en")}
          hint={`in ${figures.callsWithOpenItems.toLocaleString("en")} ${figures.callsWithOpenItems === 1 ? "call" : "calls"} of the last 30 days`}
          href={inboxHref(org.slug, { ...range, hasOpenItems: true })}
          icon={ListTodo}
        />
      </div>
      <ChartCard orgSlug={org.slug} from={from} to={to} days={figures.days} series={series} />
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <TopTagsCard orgSlug={org.slug} from={from} to={to} tags={figures.topTags} />
        <DeliveriesCard orgSlug={org.slug} deliveries={figures.lastDeliveries} isAdmin={isAdmin} />
      </div>
    </div>
  );
}
