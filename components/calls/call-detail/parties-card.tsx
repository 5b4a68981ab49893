import { Mail, Phone, User } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import type { CallParty } from "@/lib/calls/model";
import { formatNumber } from "@/lib/calls/phone";

function PartyNumber({ number, extension }: { number: string; extension?: string }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-x-1.5">
      <a href={`tel:${number}`} className="tabular-nums hover:underline">
        {formatNumber(number)}
      </a>
      {extension && <span className="text-fg-muted">ext. {extension}</span>}
    </span>
  );
}

/** Who took part: role, name, number (as people read it), extension and email. */
export function PartiesCard({ parties }: { parties: CallParty[] }) {
  return (
    <Card>
      <CardHeader title="Parties" />
      {parties.length === 0 ? (
        <p className="px-5 py-4 text-sm text-fg-muted">The vendor named no parties.</p>
      ) : (
        <ul className="divide-y divide-border" aria-label="Parties">
          {parties.map((p, i) => (
            <li key={`${p.role}-${i}`} className="flex items-start gap-3 px-5 py-3 text-sm">
              <span className="mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-full bg-surface-muted text-fg-muted">
                <User className="size-4" aria-hidden />
              </span>
              <div className="min-w-0 flex-1 space-y-0.5">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium break-words text-fg">
                    {p.name ??
                      (p.number ? (
                        <PartyNumber number={p.number} extension={p.extension} />
                      ) : p.extension ? (
                        `Extension ${p.extension}`
                      ) : (
                        "Unknown"
                      ))}
                  </span>
                  <Badge className="capitalize">{p.role}</Badge>
                </div>
                {p.name && (p.number || p.extension) && (
                  <p className="flex items-center gap-1.5 text-fg-muted">
                    <Phone className="size-3.5 shrink-0" aria-hidden />
                    {p.number ? <PartyNumber number={p.number} extension={p.extension} /> : `Extension ${p.extension}`}
                  </p>
                )}
                {p.email && (
                  <p className="flex items-center gap-1.5 text-fg-muted">
                    <Mail className="size-3.5 shrink-0" aria-hidden />
                    <a href={`mailto:${p.email}`} className="break-all hover:text-fg hover:underline">
                      {p.email}
                    </a>
                  </p>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
