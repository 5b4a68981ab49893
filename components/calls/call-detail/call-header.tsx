import { ChevronLeft, Download, Phone, PhoneForwarded, PhoneIncoming, PhoneOutgoing } from "lucide-react";
import Link from "next/link";

import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { formatDateTime, formatDuration } from "@/components/ui/format";
import type { CallPage } from "@/lib/calls/call-page";

const directionIcon = {
  inbound: PhoneIncoming,
  outbound: PhoneOutgoing,
  internal: PhoneForwarded,
  unknown: Phone,
} as const;

type Props = { orgSlug: string; call: CallPage };

/** Title, the call's facts and the export buttons. */
export function CallHeader({ orgSlug, call }: Props) {
  const Icon = directionIcon[call.direction];
  const exportHref = (format: "vcon" | "json") => `/${orgSlug}/calls/${call.id}/export?format=${format}`;
  const facts = [
    { label: "Started", value: formatDateTime(call.startedAt) },
    { label: "Ended", value: formatDateTime(call.endedAt) },
    { label: "Duration", value: formatDuration(call.durationSeconds) },
    { label: "Channel", value: call.channel ?? "—" },
    { label: "Provider", value: call.provider },
    { label: "Integration", value: call.integration?.name ?? "—" },
    { label: "Language", value: call.language ?? "—" },
  ];

  return (
    <div className="space-y-4">
      <Link href={`/${orgSlug}/calls`} className="inline-flex items-center gap-1 text-sm text-fg-muted hover:text-fg">
        <ChevronLeft className="size-4" aria-hidden /> All calls
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 space-y-2">
          <h1 className="text-xl font-semibold tracking-tight break-words text-fg">{call.title}</h1>
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone="accent">
              <Icon className="mr-1 size-3.5" aria-hidden />
              {call.direction === "unknown" ? (
                "Direction unknown"
              ) : (
                <span className="capitalize">{call.direction}</span>
              )}
            </Badge>
            <Badge>{call.provider}</Badge>
            {call.actionItems.length > 0 && (
              <Badge tone={call.openActionItems > 0 ? "warning" : "success"}>
                {call.openActionItems > 0
                  ? `${call.openActionItems} open action item${call.openActionItems === 1 ? "" : "s"}`
                  : "All action items done"}
              </Badge>
            )}
            {call.tags.map((tag) => (
              <Badge key={tag} tone="neutral" className="border border-border">
                #{tag}
              </Badge>
            ))}
          </div>
        </div>
        <div className="flex gap-2">
          <a href={exportHref("vcon")} download className={buttonClasses("secondary", "sm")}>
            <Download className="size-4" aria-hidden /> vCon
          </a>
          <a href={exportHref("json")} download className={buttonClasses("secondary", "sm")}>
            <Download className="size-4" aria-hidden /> JSON
          </a>
        </div>
      </div>
      <dl
        data-testid="call-facts"
        className="flex flex-wrap gap-x-8 gap-y-3 rounded-lg border border-border bg-surface px-5 py-4 shadow-sm"
      >
        {facts.map((f) => (
          <div key={f.label} className="min-w-0">
            <dt className="text-xs text-fg-muted">{f.label}</dt>
            <dd className="mt-0.5 text-sm font-medium break-words text-fg">{f.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
