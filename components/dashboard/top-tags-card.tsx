import Link from "next/link";

import { Card, CardBody, CardHeader } from "@/components/ui/card";

import { inboxHref } from "./inbox-href";

export function TopTagsCard({
  orgSlug,
  from,
  to,
  tags,
}: {
  orgSlug: string;
  from: string;
  to: string;
  tags: Array<{ tag: string; calls: number }>;
}) {
  const most = tags[0]?.calls ?? 0;
  return (
    <Card>
      <CardHeader title="Top tags" description="Most frequent tags on calls of the last 30 days." />
      <CardBody>
        {tags.length === 0 ? (
          <p className="text-sm text-fg-muted">No call of the last 30 days has a tag.</p>
        ) : (
          <ol aria-label="Top tags" className="space-y-2.5">
            {tags.map(({ tag, calls }) => (
              <li key={tag}>
                <Link href={inboxHref(orgSlug, { from, to, tag })} className="group block text-sm">
                  <span className="flex items-baseline justify-between gap-3">
                    <span className="truncate text-fg group-hover:text-accent group-hover:underline">{tag}</span>
                    <span className="tabular-nums text-fg-muted">{calls.toLocaleString("en")}</span>
                  </span>
                  <span className="mt-1 block h-1.5 rounded-full bg-surface-muted" aria-hidden>
                    <span
                      className="block h-full rounded-full bg-accent/70"
                      style={{ width: `${most > 0 ? (calls / most) * 100 : 0}%` }}
                    />
                  </span>
                </Link>
              </li>
            ))}
          </ol>
        )}
      </CardBody>
    </Card>
  );
}
