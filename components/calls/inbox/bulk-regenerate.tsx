"use client";

import { Sparkles } from "lucide-react";
import { useActionState, useEffect, useEffectEvent, useId, useState } from "react";
import { z } from "zod";

import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormStatus } from "@/components/ui/form-status";
import type { ActionState } from "@/lib/auth/org-action";

type Batch = { batchId: string; total: number };

type Props = {
  orgSlug: string;
  target: { search: string } | { ids: string };
  count: number;
  countText: string;
  action: (state: ActionState<Batch>, form: FormData) => Promise<ActionState<Batch>>;
  onDone: () => void;
};

const progressSchema = z.object({ total: z.number(), waiting: z.number(), processed: z.number(), failed: z.number() });
type Progress = z.infer<typeof progressSchema>;

/** Regenerates the summaries of the selected calls, then follows the batch until every one is made. */
export function BulkRegenerate({ orgSlug, target, count, countText, action, onDone }: Props) {
  const [state, formAction] = useActionState(action, null);
  const [progress, setProgress] = useState<Progress | undefined>();
  const formId = useId();
  const batch = state?.ok ? state.data : undefined;
  // The parent passes a new onDone on every render; only the batch decides when to poll.
  const finish = useEffectEvent(onDone);

  useEffect(() => {
    if (!batch) return;
    let isStopped = false;
    const poll = async () => {
      const response = await fetch(`/${orgSlug}/calls/summary-batches/${batch.batchId}`, { cache: "no-store" }).catch(
        () => undefined,
      );
      const parsed = progressSchema.safeParse(await response?.json().catch(() => undefined));
      if (isStopped || !parsed.success) return;
      setProgress(parsed.data);
      if (parsed.data.waiting > 0) setTimeout(() => void poll(), 1500);
      else finish();
    };
    void poll();
    return () => {
      isStopped = true;
    };
  }, [batch, orgSlug]);

  const done = progress ? progress.processed + progress.failed : 0;
  return (
    <>
      <ActionForm id={formId} action={formAction}>
        <input type="hidden" name="org" value={orgSlug} />
        {"search" in target ? (
          <input type="hidden" name="search" value={target.search} />
        ) : (
          <input type="hidden" name="ids" value={target.ids} />
        )}
      </ActionForm>
      <ConfirmDialog
        formId={formId}
        variant="primary"
        title={`Regenerate the summaries of ${countText} call${count === 1 ? "" : "s"}?`}
        description="Each gets a new summary made with the current instructions and shown at once. The summaries they have now stay as earlier versions on each call."
        confirmLabel="Regenerate"
        trigger={
          <Button variant="ghost" size="sm" disabled={count === 0 || (progress !== undefined && progress.waiting > 0)}>
            <Sparkles className="size-4" aria-hidden /> Regenerate summaries
          </Button>
        }
      />
      {progress && (
        <span className="flex items-center gap-2 text-sm" role="status" data-testid="regenerate-progress">
          <span className="h-2 w-32 overflow-hidden rounded-full bg-surface-muted">
            <span
              className="block h-full bg-accent transition-all"
              style={{ width: `${progress.total ? (done / progress.total) * 100 : 0}%` }}
            />
          </span>
          {progress.waiting > 0
            ? `Summarising ${done.toLocaleString("en")} of ${progress.total.toLocaleString("en")}`
            : `Done: ${progress.processed.toLocaleString("en")} new summar${progress.processed === 1 ? "y" : "ies"}${progress.failed ? `, ${progress.failed.toLocaleString("en")} failed` : ""}`}
        </span>
      )}
      {state && !state.ok && <FormStatus state={state} />}
    </>
  );
}
