import type { ReactNode } from "react";

import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { producerLabel, type SummaryVersion } from "@/lib/summaries/call-summaries";

// The vendor's HTML has no classes of its own: style the few tags the sanitiser lets through.
const htmlClasses = [
  "space-y-2 text-sm leading-relaxed text-fg break-words",
  "[&_a]:text-accent [&_a]:underline [&_h1]:text-base [&_h1]:font-semibold [&_h2]:font-semibold [&_h3]:font-semibold [&_h4]:font-semibold",
  "[&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5",
  "[&_blockquote]:border-l-2 [&_blockquote]:border-border [&_blockquote]:pl-3 [&_blockquote]:text-fg-muted",
  "[&_code]:rounded [&_code]:bg-surface-muted [&_code]:px-1 [&_code]:font-mono [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-surface-muted [&_pre]:p-2",
  "[&_table]:w-full [&_td]:border [&_td]:border-border [&_td]:px-2 [&_td]:py-1 [&_th]:border [&_th]:border-border [&_th]:px-2 [&_th]:py-1 [&_th]:text-left",
].join(" ");

type Props = {
  summary: string | null;
  summaryHtml: string | null;
  note: string | null;
  /** The version shown, for its provenance line. */
  shown?: SummaryVersion;
  actions?: ReactNode;
  children?: ReactNode;
};

const provenance = (v: SummaryVersion) =>
  [
    producerLabel(v),
    v.settingsVersion ? `instructions version ${v.settingsVersion}` : undefined,
    formatDateTime(v.finishedAt ?? v.createdAt),
  ]
    .filter(Boolean)
    .join(" · ");

/**
 * The summary shown and the note, with where the summary came from. HTML is rendered only from
 * the copy sanitised at ingest (lib/calls/sanitize.ts); without one, the plain text is shown as text.
 */
export function SummaryCard({ summary, summaryHtml, note, shown, actions, children }: Props) {
  return (
    <Card>
      <CardHeader
        title="Summary"
        description={shown ? <span data-testid="summary-provenance">{provenance(shown)}</span> : undefined}
        actions={actions}
      />
      <CardBody className="space-y-4">
        {summaryHtml ? (
          <div data-testid="call-summary" className={htmlClasses} dangerouslySetInnerHTML={{ __html: summaryHtml }} />
        ) : summary ? (
          <p data-testid="call-summary" className="text-sm leading-relaxed break-words whitespace-pre-wrap text-fg">
            {summary}
          </p>
        ) : (
          <p className="text-sm text-fg-muted">No summary yet.</p>
        )}
        {children}
        {note && (
          <div data-testid="call-note" className="rounded-md border border-border bg-surface-muted px-3.5 py-3">
            <h3 className="text-xs font-medium tracking-wide text-fg-muted uppercase">Note</h3>
            <p className="mt-1 text-sm break-words whitespace-pre-wrap text-fg">{note}</p>
          </div>
        )}
      </CardBody>
    </Card>
  );
}
