import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import type { SmallTalkItem, SmartAnswer } from "@/lib/calls/model";

/** The answers the vendor's AI found to questions asked in the call. */
export function SmartAnswersCard({ answers }: { answers: SmartAnswer[] }) {
  return (
    <Card>
      <CardHeader title="Smart answers" />
      <dl className="divide-y divide-border" aria-label="Smart answers">
        {answers.map((a, i) => (
          <div key={i} className="px-5 py-3 text-sm">
            <dt className="font-medium text-fg">{a.question}</dt>
            <dd className="mt-1 break-words whitespace-pre-wrap text-fg-muted">
              <span aria-hidden>→ </span>
              {a.answer}
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

/** Small talk the vendor picked out, as it marked it (pinned, dismissed). */
export function SmallTalkCard({ items }: { items: SmallTalkItem[] }) {
  return (
    <Card>
      <CardHeader title="Small talk" />
      <ul className="divide-y divide-border" aria-label="Small talk">
        {items.map((item, i) => (
          <li key={i} className={item.isDismissed ? "px-5 py-3 text-sm opacity-70" : "px-5 py-3 text-sm"}>
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium text-fg">{item.topic}</span>
              {item.isPinned && <Badge tone="accent">Pinned</Badge>}
              {item.isDismissed && <Badge>Dismissed</Badge>}
            </div>
            {item.description && (
              <p className="mt-1 break-words whitespace-pre-wrap text-fg-muted">{item.description}</p>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
