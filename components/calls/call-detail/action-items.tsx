"use client";

import { startTransition, useActionState, useState } from "react";

import { Alert } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import type { ActionState } from "@/lib/auth/org-action";
import type { ActionItem } from "@/lib/calls/model";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

type ItemProps = { orgSlug: string; callId: string; index: number; item: ActionItem; action: Action };

/** One item: ticking it saves at once. */
function ActionItemRow({ orgSlug, callId, index, item, action }: ItemProps) {
  const [state, formAction, isPending] = useActionState(action, null);
  // The clicked state shows until the server answers; then the saved state shows again, which is
  // the new one after a success and the old one when the change was refused.
  const [pick, setPick] = useState<{ isDone: boolean; answered: ActionState } | null>(null);
  const isDone = pick && pick.answered === state ? pick.isDone : item.isDone;
  const id = `action-item-${index}`;
  return (
    <li className="py-2.5">
      <div className="flex items-start gap-3">
        <input
          id={id}
          type="checkbox"
          checked={isDone}
          disabled={isPending}
          onChange={(e) => {
            const checked = e.currentTarget.checked;
            setPick({ isDone: checked, answered: state });
            const form = new FormData();
            form.set("org", orgSlug);
            form.set("callId", callId);
            form.set("index", String(index));
            // The text guards against the list having changed since this page was rendered.
            form.set("text", item.text);
            form.set("isDone", String(checked));
            startTransition(() => formAction(form));
          }}
          className="mt-0.5 size-4 shrink-0 cursor-pointer accent-[var(--accent)] disabled:cursor-wait"
        />
        <label htmlFor={id} className={cn("cursor-pointer text-sm", isDone ? "text-fg-muted line-through" : "text-fg")}>
          {item.text}
        </label>
      </div>
      {state && !state.ok && (
        <Alert tone="error" className="mt-2 ml-7">
          {state.error}
        </Alert>
      )}
    </li>
  );
}

/** The call's action items as a checklist members work through. */
export function ActionItems({
  orgSlug,
  callId,
  items,
  action,
}: {
  orgSlug: string;
  callId: string;
  items: ActionItem[];
  action: Action;
}) {
  return (
    <ul className="divide-y divide-border" aria-label="Action items">
      {items.map((item, index) => (
        <ActionItemRow
          key={`${index}:${item.text}`}
          orgSlug={orgSlug}
          callId={callId}
          index={index}
          item={item}
          action={action}
        />
      ))}
    </ul>
  );
}
