import type { ColumnDef } from "@tanstack/react-table";
import { ArrowDownLeft, ArrowLeftRight, ArrowUpRight, CircleHelp } from "lucide-react";
import Link from "next/link";

import { Badge } from "@/components/ui/badge";
import { formatDateTime, formatDuration } from "@/components/ui/format";
import type { InboxRow } from "@/lib/calls/search/inbox";

import { Highlight, MarkedSnippet } from "./highlight";

export type Highlighting = { words: string[]; numbers: string[] };

const directionIcon = {
  inbound: ArrowDownLeft,
  outbound: ArrowUpRight,
  internal: ArrowLeftRight,
  unknown: CircleHelp,
} as const;
const isDirection = (value: string): value is keyof typeof directionIcon => value in directionIcon;

function Parties({ row, numbers }: { row: InboxRow; numbers: string[] }) {
  if (row.parties.length === 0) return <span className="text-fg-muted">—</span>;
  return (
    <span className="flex flex-col">
      {row.parties.slice(0, 2).map((p, i) => {
        const digits = p.number?.replace(/\D/g, "") ?? "";
        const isMatch = digits !== "" && numbers.some((n) => digits.includes(n) || `0${digits.slice(2)}`.includes(n));
        return (
          <span key={i} className="truncate" title={p.number ?? undefined}>
            {isMatch ? <mark className="rounded-sm bg-warning-soft px-0.5 text-fg">{p.display}</mark> : p.display}
          </span>
        );
      })}
    </span>
  );
}

/** The inbox's columns; the last five start hidden (defaultVisibility) and can be shown from the menu. */
export function inboxColumns(orgSlug: string, highlight: Highlighting): ColumnDef<InboxRow>[] {
  return [
    {
      id: "select",
      enableHiding: false,
      header: ({ table }) => (
        <input
          type="checkbox"
          aria-label="Select all calls on this page"
          checked={table.getIsAllPageRowsSelected()}
          ref={(el) => {
            if (el) el.indeterminate = table.getIsSomePageRowsSelected();
          }}
          onChange={table.getToggleAllPageRowsSelectedHandler()}
        />
      ),
      cell: ({ row }) => (
        <input
          type="checkbox"
          aria-label="Select call"
          checked={row.getIsSelected()}
          onChange={row.getToggleSelectedHandler()}
          onClick={(e) => e.stopPropagation()}
        />
      ),
    },
    {
      id: "time",
      header: "Time",
      enableHiding: false,
      cell: ({ row }) => (
        <span className="whitespace-nowrap text-fg-muted">{formatDateTime(row.original.startedAt)}</span>
      ),
    },
    { id: "parties", header: "Parties", cell: ({ row }) => <Parties row={row.original} numbers={highlight.numbers} /> },
    {
      id: "direction",
      header: "Direction",
      cell: ({ row }) => {
        const d = row.original.direction;
        const Icon = isDirection(d) ? directionIcon[d] : CircleHelp;
        return (
          <span className="inline-flex items-center gap-1 capitalize">
            <Icon className="size-3.5 text-fg-muted" aria-hidden /> {d}
          </span>
        );
      },
    },
    {
      id: "duration",
      header: "Duration",
      cell: ({ row }) => <span className="tabular-nums">{formatDuration(row.original.durationSeconds)}</span>,
    },
    {
      id: "headline",
      header: "Call",
      enableHiding: false,
      cell: ({ row }) => {
        const r = row.original;
        const title = r.headline ?? r.summary?.split(/(?<=[.!?])\s/)[0] ?? "Call without summary";
        return (
          <div className="min-w-0 max-w-xl">
            <Link href={`/${orgSlug}/calls/${r.id}`} className="font-medium text-fg hover:text-accent" tabIndex={-1}>
              <Highlight text={title} words={highlight.words} />
            </Link>
            <p className="line-clamp-1 text-xs text-fg-muted">
              {r.snippet ? (
                <MarkedSnippet text={r.snippet} />
              ) : r.summary && r.headline ? (
                <Highlight text={r.summary} words={highlight.words} />
              ) : null}
            </p>
          </div>
        );
      },
    },
    { id: "provider", header: "Source", cell: ({ row }) => <Badge>{row.original.provider}</Badge> },
    {
      id: "open",
      header: "Open items",
      cell: ({ row }) =>
        row.original.openActionItems > 0 ? (
          <Badge tone="warning">{row.original.openActionItems} open</Badge>
        ) : (
          <span className="text-fg-muted">—</span>
        ),
    },
    { id: "channel", header: "Channel", cell: ({ row }) => row.original.channel ?? "—" },
    { id: "integration", header: "Integration", cell: ({ row }) => row.original.integrationName ?? "—" },
    { id: "tags", header: "Tags", cell: ({ row }) => row.original.tags.slice(0, 4).join(", ") || "—" },
    { id: "language", header: "Language", cell: ({ row }) => row.original.language ?? "—" },
    {
      id: "summary",
      header: "Summary",
      cell: ({ row }) => <span className="capitalize">{row.original.summaryState}</span>,
    },
  ];
}

export const defaultVisibility: Record<string, boolean> = {
  channel: false,
  integration: false,
  tags: false,
  language: false,
  summary: false,
};
