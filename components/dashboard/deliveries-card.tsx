import Link from "next/link";

import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import type { LastDelivery } from "@/lib/calls/dashboard";

import { inboxHref } from "./inbox-href";
import { providerLabel } from "./series";

export function DeliveriesCard({
  orgSlug,
  deliveries,
  isAdmin,
}: {
  orgSlug: string;
  deliveries: LastDelivery[];
  isAdmin: boolean;
}) {
  return (
    <Card>
      <CardHeader
        title="Last deliveries"
        description="Integrations, latest delivery first; counts since created."
        actions={
          isAdmin ? (
            <Link href={`/${orgSlug}/settings/integrations`} className="text-sm text-accent hover:underline">
              Manage
            </Link>
          ) : undefined
        }
      />
      <CardBody className="py-1">
        {deliveries.length === 0 ? (
          <p className="py-3 text-sm text-fg-muted">No integrations yet.</p>
        ) : (
          <ul aria-label="Last deliveries" className="divide-y divide-border">
            {deliveries.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-3 text-sm">
                <div className="min-w-0 flex-1">
                  <Link
                    href={inboxHref(orgSlug, { integration: d.id })}
                    className="font-medium text-fg hover:text-accent hover:underline"
                  >
                    {d.name}
                  </Link>
                  <p className="text-xs text-fg-muted">
                    {d.lastEventAt ? `Last delivery ${formatDateTime(d.lastEventAt)}` : "No deliveries yet"}
                  </p>
                </div>
                <Badge>{providerLabel(d.provider)}</Badge>
                {!d.isEnabled && <Badge tone="warning">Disabled</Badge>}
                <p className="w-36 text-right text-xs tabular-nums text-fg-muted">
                  <span className="text-fg">{d.acceptedCount.toLocaleString("en")}</span> accepted ·{" "}
                  <span className={d.refusedCount > 0 ? "text-danger" : "text-fg"}>
                    {d.refusedCount.toLocaleString("en")}
                  </span>{" "}
                  refused
                </p>
              </li>
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}
