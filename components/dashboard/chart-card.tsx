import Link from "next/link";

import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { DashboardDay } from "@/lib/calls/dashboard";

import { CallsChart } from "./calls-chart";
import { inboxHref } from "./inbox-href";
import type { Series } from "./series";

type Props = {
  orgSlug: string;
  from: string;
  to: string;
  days: DashboardDay[];
  /** Providers with their colour and their calls in the window, most first. */
  series: Array<Series & { calls: number }>;
};

export function ChartCard({ orgSlug, from, to, days, series }: Props) {
  return (
    <Card className="mt-4">
      <CardHeader
        title="Calls per day"
        description="Last 30 days (UTC), by source. Click a bar to open that day's calls."
        actions={
          <ul aria-label="Sources" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {series.map((s) => (
              <li key={s.provider}>
                <Link
                  href={inboxHref(orgSlug, { from, to, provider: s.provider })}
                  className="group inline-flex items-center gap-1.5 text-fg-muted hover:text-fg"
                >
                  <span className="size-2.5 rounded-sm" style={{ background: s.colour }} aria-hidden />
                  <span className="group-hover:underline">{s.label}</span>
                  <span className="tabular-nums text-fg">{s.calls.toLocaleString("en")}</span>
                </Link>
              </li>
            ))}
          </ul>
        }
      />
      <CardBody className="pr-3 pl-1">
        <div aria-hidden>
          <CallsChart orgSlug={orgSlug} days={days} series={series} />
        </div>
        {/* The same figures for screen readers, which cannot read the bars. */}
        <table className="sr-only">
          <caption>Calls per day, last 30 days</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Calls</th>
            </tr>
          </thead>
          <tbody>
            {days
              .filter((d) => d.total > 0)
              .map((d) => (
                <tr key={d.day}>
                  <th scope="row">{d.day}</th>
                  <td>
                    {series
                      .map((s) => (d.byProvider[s.provider] ? `${s.label} ${d.byProvider[s.provider]}` : ""))
                      .filter(Boolean)
                      .join(", ")}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </CardBody>
    </Card>
  );
}
