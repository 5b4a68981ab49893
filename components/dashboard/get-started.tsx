import { CheckCircle2, Circle, PhoneIncoming } from "lucide-react";
import Link from "next/link";

import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

type Step = { isDone: boolean; title: string; text: string; href?: string };

/**
 * The dashboard before the first call: what to do to get one. Members cannot open the
 * integration settings, so their steps name who can instead of linking there.
 */
export function GetStarted({
  orgSlug,
  isAdmin,
  integrationCount,
  memberCount,
}: {
  orgSlug: string;
  isAdmin: boolean;
  integrationCount: number;
  memberCount: number;
}) {
  const base = `/${orgSlug}`;
  const steps: Step[] = [
    isAdmin
      ? {
          isDone: integrationCount > 0,
          title: "Connect a vendor",
          text: "Create a hook for sipgate, your PBX or any vCon source in Settings → Integrations.",
          href: `${base}/settings/integrations`,
        }
      : {
          isDone: integrationCount > 0,
          title: "Connect a vendor",
          text: "An admin of your organisation connects sipgate, a PBX or a vCon source in Settings → Integrations.",
        },
    {
      isDone: false,
      title: "Receive your first call",
      text: "Once a vendor posts a call result, it appears in Calls within a second, and here as figures.",
      href: `${base}/calls`,
    },
    {
      isDone: memberCount > 1,
      title: "Invite your team",
      text: isAdmin
        ? "Add colleagues in Settings → Members; members read, admins configure."
        : "Admins add colleagues in Settings → Members; see who is here already.",
      href: `${base}/settings/members`,
    },
  ];
  return (
    <div className="space-y-6">
      <EmptyState icon={PhoneIncoming} title="No calls yet">
        The dashboard shows calls per day, directions, durations, open action items and tags as soon as the first call
        arrives.
      </EmptyState>
      <Card>
        <CardHeader title="Get started" description="Three steps to a living call inbox." />
        <CardBody>
          <ol className="divide-y divide-border">
            {steps.map((step) => (
              <li key={step.title} className="flex items-start gap-3 py-3">
                {step.isDone ? (
                  <CheckCircle2 className="mt-0.5 size-5 shrink-0 text-success" aria-label="done" />
                ) : (
                  <Circle className="mt-0.5 size-5 shrink-0 text-fg-muted" aria-label="to do" />
                )}
                <div>
                  {step.href ? (
                    <Link href={step.href} className="text-sm font-medium text-fg hover:text-accent">
                      {step.title}
                    </Link>
                  ) : (
                    <p className="text-sm font-medium text-fg">{step.title}</p>
                  )}
                  <p className="text-sm text-fg-muted">{step.text}</p>
                </div>
              </li>
            ))}
          </ol>
        </CardBody>
      </Card>
    </div>
  );
}
