import Link from "next/link";

import type { Direction } from "@/lib/calls/dashboard";

import { inboxHref } from "./inbox-href";

const parts: Array<{ direction: Direction; label: string; bar: string }> = [
  { direction: "inbound", label: "Inbound", bar: "bg-accent" },
  { direction: "outbound", label: "Outbound", bar: "bg-success" },
  { direction: "internal", label: "Internal", bar: "bg-warning" },
  { direction: "unknown", label: "Unknown", bar: "bg-fg-muted/40" },
];

/** Inbound, outbound, internal and unknown calls of the window, each linking to its calls. */
export function DirectionCard({
  orgSlug,
  from,
  to,
  counts,
}: {
  orgSlug: string;
  from: string;
  to: string;
  counts: Record<Direction, number>;
}) {
  const total = parts.reduce((sum, p) => sum + counts[p.direction], 0);
  return (
    <div className="rounded-lg border border-border bg-surface p-4 shadow-sm">
      <p className="text-sm text-fg-muted">Direction</p>
      <div className="mt-3 flex h-2 overflow-hidden rounded-full bg-surface-muted" aria-hidden>
        {total > 0 &&
          parts.map((p) => (
            <div key={p.direction} className={p.bar} style={{ width: `${(counts[p.direction] / total) * 100}%` }} />
          ))}
      </div>
      <ul className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1.5 text-sm">
        {parts.map((p) => (
          <li key={p.direction}>
            <Link
              href={inboxHref(orgSlug, { from, to, direction: p.direction })}
              className="group flex items-center gap-1.5"
            >
              <span className={`size-2 shrink-0 rounded-full ${p.bar}`} aria-hidden />
              <span className="text-fg-muted group-hover:text-fg group-hover:underline">{p.label}</span>
              <span className="ml-auto font-medium tabular-nums text-fg group-hover:text-accent">
                {counts[p.direction].toLocaleString("en")}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
