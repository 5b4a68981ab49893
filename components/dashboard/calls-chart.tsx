"use client";

import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";

import type { DashboardDay } from "@/lib/calls/dashboard";

import { inboxHref } from "./inbox-href";
import type { Series } from "./series";

const shortDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const longDay = new Intl.DateTimeFormat("en-GB", {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

// Axis text, grid and hover band take the page's colour variables, so the chart follows the
// light or dark palette with no theme code of its own.
const tick = { fill: "var(--fg-muted)", fontSize: 12 };

function DayTooltip({
  active,
  label,
  days,
  series,
}: Pick<TooltipContentProps, "active" | "label"> & { days: DashboardDay[]; series: Series[] }) {
  const day = days.find((d) => d.day === label);
  if (!active || !day) return null;
  // Listed top-down as the segments are stacked, the last series on top.
  const rows = series.filter((s) => (day.byProvider[s.provider] ?? 0) > 0).reverse();
  return (
    <div className="min-w-40 rounded-md border border-border bg-surface px-3 py-2 text-xs text-fg shadow-md">
      <p className="font-medium">{longDay.format(asDate(day.day))}</p>
      <ul className="mt-1.5 space-y-1">
        {rows.map((s) => (
          <li key={s.provider} className="flex items-center gap-2">
            <span className="size-2.5 shrink-0 rounded-sm" style={{ background: s.colour }} aria-hidden />
            <span className="text-fg-muted">{s.label}</span>
            <span className="ml-auto pl-3 tabular-nums">{day.byProvider[s.provider]}</span>
          </li>
        ))}
      </ul>
      <p className="mt-1.5 flex border-t border-border pt-1.5 font-medium">
        Total<span className="ml-auto tabular-nums">{day.total.toLocaleString("en")}</span>
      </p>
    </div>
  );
}

/**
 * Calls per UTC day, stacked by provider, the first series (the busiest) at the base. A click on a
 * segment opens that day's calls from that provider; elsewhere in a day's column, all of that day's.
 */
export function CallsChart({ orgSlug, days, series }: { orgSlug: string; days: DashboardDay[]; series: Series[] }) {
  const router = useRouter();
  const openDay = (day: string | undefined, provider?: string) => {
    if (day) router.push(inboxHref(orgSlug, { from: day, to: day, provider }));
  };
  return (
    <BarChart
      responsive
      data={days}
      style={{ width: "100%", height: 288 }}
      margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
      cursor="pointer"
      title="Calls per day"
      // Hidden from assistive technology: the card carries the same figures as a table.
      accessibilityLayer={false}
      onClick={({ activeLabel }) => openDay(typeof activeLabel === "string" ? activeLabel : undefined)}
    >
      <CartesianGrid vertical={false} stroke="var(--border)" />
      <XAxis
        dataKey="day"
        tickFormatter={(day: string) => shortDay.format(asDate(day))}
        tick={tick}
        tickLine={false}
        axisLine={{ stroke: "var(--border)" }}
        minTickGap={24}
      />
      <YAxis allowDecimals={false} tick={tick} tickLine={false} axisLine={false} width={36} />
      <Tooltip
        cursor={{ fill: "var(--surface-muted)" }}
        isAnimationActive={false}
        content={({ active, label }) => <DayTooltip active={active} label={label} days={days} series={series} />}
      />
      {series.map((s) => (
        <Bar
          key={s.provider}
          name={s.label}
          dataKey={(d: DashboardDay) => d.byProvider[s.provider] ?? 0}
          stackId="calls"
          fill={s.colour}
          maxBarSize={28}
          isAnimationActive={false}
          onClick={(_, index, event) => {
            // The segment names the provider; without this the chart's own click would open the whole day.
            event.stopPropagation();
            openDay(days[index]?.day, s.provider);
          }}
        />
      ))}
    </BarChart>
  );
}
