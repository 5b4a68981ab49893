"use client";

import { Loader2, RefreshCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";

import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClasses } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { formatDateTime } from "@/components/ui/format";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/auth/org-action";
import { producerLabel, type SummaryVersion } from "@/lib/summaries/call-summaries";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;
type Props = {
  orgSlug: string;
  callId: string;
  versions: SummaryVersion[];
  regenerateAction: Action;
  showAction: Action;
};

const stateTone = { created: "neutral", processed: "success", failed: "danger" } as const;
const stateLabel = { created: "being made", processed: "ready", failed: "failed" } as const;

/** While a summary is being made, the page looks again every two seconds. */
function useRefreshWhile(isWaiting: boolean) {
  const router = useRouter();
  useEffect(() => {
    if (!isWaiting) return;
    const timer = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(timer);
  }, [isWaiting, router]);
}

export function RegenerateSummary({ orgSlug, callId, versions, regenerateAction }: Omit<Props, "showAction">) {
  const [isOpen, setOpen] = useState(false);
  const [state, formAction] = useActionState(regenerateAction, null);
  // A started regenerate closes the form: the next one starts from a clean slate.
  const [seenState, setSeenState] = useState(state);
  if (state !== seenState) {
    setSeenState(state);
    if (state?.ok) setOpen(false);
  }
  const isWaiting = versions.some((v) => v.state === "created");
  useRefreshWhile(isWaiting);
  if (isWaiting) {
    return (
      <p className="flex items-center gap-2 text-sm text-fg-muted" role="status">
        <Loader2 className="size-4 animate-spin" aria-hidden /> Making a new summary…
      </p>
    );
  }
  if (!isOpen) {
    return (
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
        <RefreshCw className="size-4" aria-hidden /> Regenerate
      </Button>
    );
  }
  return (
    <ActionForm action={formAction} className="w-full space-y-2 rounded-md border border-border p-3">
      <input type="hidden" name="org" value={orgSlug} />
      <input type="hidden" name="callId" value={callId} />
      <label htmlFor="regenerate-instructions" className="block text-sm font-medium text-fg">
        Instructions for this call only{" "}
        <span className="font-normal text-fg-muted">(optional; they come on top of the organisation&apos;s)</span>
      </label>
      <textarea
        id="regenerate-instructions"
        name="instructions"
        rows={3}
        maxLength={2000}
        className={cn(inputClasses, "h-auto py-2")}
        placeholder="For example: focus on the pricing discussed."
      />
      <FormStatus state={state && !state.ok ? state : null} />
      <div className="flex gap-2">
        <SubmitButton size="sm" pendingText="Starting…">
          Regenerate summary
        </SubmitButton>
        <Button size="sm" variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </ActionForm>
  );
}

/** Every summary the call has had, with the one shown marked and a way back to any other. */
export function SummaryVersions({ orgSlug, callId, versions, showAction }: Omit<Props, "regenerateAction">) {
  const [state, formAction] = useActionState(showAction, null);
  if (versions.length < 2 && !versions.some((v) => v.state === "failed")) return null;
  return (
    <details
      className="rounded-md border border-border"
      open={versions.some((v) => v.state === "failed" && !v.isShown) || undefined}
    >
      <summary className="cursor-pointer px-3.5 py-2 text-sm font-medium text-fg">Versions ({versions.length})</summary>
      <FormStatus state={state && !state.ok ? state : null} />
      <ol className="divide-y divide-border border-t border-border" aria-label="Summary versions">
        {versions.map((v, i) => (
          <li
            key={v.id ?? `vendor-${i}`}
            className="flex flex-wrap items-start justify-between gap-3 px-3.5 py-2.5 text-sm"
          >
            <div className="min-w-0 space-y-0.5">
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-medium text-fg">{producerLabel(v)}</span>
                <Badge tone={stateTone[v.state]}>{stateLabel[v.state]}</Badge>
                {v.isShown && <Badge tone="accent">shown</Badge>}
              </p>
              <p className="text-xs text-fg-muted">
                {formatDateTime(v.finishedAt ?? v.createdAt)}
                {v.settingsVersion ? ` · instructions version ${v.settingsVersion}` : ""}
                {v.producerKind !== "vendor" ? ` · asked by ${v.requestedByLabel}` : ""}
              </p>
              {v.overrideInstructions && (
                <p className="text-xs text-fg-muted">For this call: “{v.overrideInstructions}”</p>
              )}
              {v.headline && v.state === "processed" && <p className="truncate text-fg">{v.headline}</p>}
              {v.error && <p className="text-danger">{v.error}</p>}
            </div>
            {v.id && v.state === "processed" && !v.isShown && (
              <ActionForm action={formAction}>
                <input type="hidden" name="org" value={orgSlug} />
                <input type="hidden" name="callId" value={callId} />
                <input type="hidden" name="summaryId" value={v.id} />
                <SubmitButton size="sm" variant="secondary" pendingText="Switching…">
                  Show this one
                </SubmitButton>
              </ActionForm>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}
