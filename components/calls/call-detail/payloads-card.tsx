import { ChevronRight } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import type { CallPagePayload } from "@/lib/calls/call-page";

const formatBytes = (bytes: number): string =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Every payload received for the call, as sent: the record of what each vendor delivery said. */
export function PayloadsCard({ payloads, previewBytes }: { payloads: CallPagePayload[]; previewBytes: number }) {
  return (
    <Card>
      <CardHeader
        title="Raw payloads"
        description={`Every body received for this call, newest last. ${payloads.length === 1 ? "1 payload" : `${payloads.length} payloads`}; identical re-deliveries are counted, not stored again.`}
      />
      {payloads.length === 0 ? (
        <p className="px-5 py-4 text-sm text-fg-muted">No payloads are stored for this call.</p>
      ) : (
        <ul className="divide-y divide-border" aria-label="Raw payloads">
          {payloads.map((p) => (
            <li key={p.id} className="px-5 py-3 text-sm" data-testid="payload">
              <dl className="flex flex-wrap items-center gap-x-5 gap-y-1 text-fg-muted">
                <div className="flex items-center gap-1.5">
                  <dt className="sr-only">Provider</dt>
                  <dd>
                    <Badge>{p.provider}</Badge>
                  </dd>
                </div>
                <div className="flex gap-1.5">
                  <dt>Received</dt>
                  <dd className="text-fg">{formatDateTime(p.receivedAt)}</dd>
                </div>
                {p.timesReceived > 1 && (
                  <div className="flex gap-1.5">
                    <dt>Last received</dt>
                    <dd className="text-fg">{formatDateTime(p.lastReceivedAt)}</dd>
                  </div>
                )}
                <div className="flex gap-1.5">
                  <dt>Times received</dt>
                  <dd className="text-fg tabular-nums">{p.timesReceived}</dd>
                </div>
                <div className="flex gap-1.5">
                  <dt>Content type</dt>
                  <dd className="font-mono text-xs text-fg">{p.contentType ?? "—"}</dd>
                </div>
              </dl>
              <details className="group mt-2">
                <summary className="inline-flex cursor-pointer list-none items-center gap-1 text-accent select-none hover:underline [&::-webkit-details-marker]:hidden">
                  <ChevronRight className="size-4 transition-transform group-open:rotate-90" aria-hidden />
                  Body ({formatBytes(p.bodyBytes)})
                </summary>
                {p.isTruncated && (
                  <p className="mt-2 text-xs text-warning">
                    Showing the first {formatBytes(previewBytes)} of {formatBytes(p.bodyBytes)}.
                  </p>
                )}
                <pre className="mt-2 max-h-[32rem] overflow-auto rounded-md bg-surface-muted p-3 font-mono text-xs break-all whitespace-pre-wrap text-fg">
                  {p.body}
                  {p.isTruncated && "\n…"}
                </pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
