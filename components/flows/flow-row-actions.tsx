"use client";

import { useActionState, useId, useState } from "react";

import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { inputClasses } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/auth/org-action";

type Action = (state: ActionState<unknown>, form: FormData) => Promise<ActionState<unknown>>;
type Props = {
  orgSlug: string;
  flowId: string;
  name: string;
  inUse: boolean;
  rename: Action;
  duplicate: Action;
  remove: Action;
};

/** Rename (inline), duplicate and delete one flow; each shows its outcome beside it. */
export function FlowRowActions({ orgSlug, flowId, name, inUse, rename, duplicate, remove }: Props) {
  const [renameState, renameAction] = useActionState(rename, null);
  const [duplicateState, duplicateAction] = useActionState(duplicate, null);
  const [removeState, removeAction] = useActionState(remove, null);
  const [editing, setEditing] = useState(false);
  const deleteForm = useId();
  const nameId = useId();
  const hidden = (
    <>
      <input type="hidden" name="org" value={orgSlug} />
      <input type="hidden" name="flowId" value={flowId} />
    </>
  );
  const failure = [renameState, duplicateState, removeState].find((s) => s && !s.ok);
  const success = [duplicateState, renameState].find((s) => s?.ok && s.message);
  const shownRename = editing && !(renameState?.ok && renameState.message);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        {shownRename ? (
          <ActionForm action={renameAction} className="flex items-center gap-2" aria-label={`Rename ${name}`}>
            {hidden}
            <label htmlFor={nameId} className="sr-only">
              New name
            </label>
            <input
              id={nameId}
              name="name"
              defaultValue={name}
              maxLength={80}
              className={`${inputClasses} h-8 w-48`}
              autoFocus
              aria-invalid={renameState && !renameState.ok ? true : undefined}
            />
            <SubmitButton size="sm" pendingText="Saving…">
              Save
            </SubmitButton>
            <Button size="sm" variant="ghost" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </ActionForm>
        ) : (
          <Button size="sm" variant="ghost" onClick={() => setEditing(true)}>
            Rename
          </Button>
        )}
        <ActionForm action={duplicateAction}>
          {hidden}
          <SubmitButton size="sm" variant="ghost" pendingText="Duplicating…">
            Duplicate
          </SubmitButton>
        </ActionForm>
        <ActionForm id={deleteForm} action={removeAction}>
          {hidden}
        </ActionForm>
        <ConfirmDialog
          formId={deleteForm}
          title={`Delete "${name}"?`}
          description={
            inUse
              ? "A phone number still uses this flow, so it cannot be deleted: route the number elsewhere first."
              : "The flow, its draft and all its versions are deleted. Past calls stay in the inbox."
          }
          confirmLabel="Delete flow"
          trigger={
            <Button size="sm" variant="ghost" className="text-danger">
              Delete
            </Button>
          }
        />
      </div>
      {failure && !failure.ok && (
        <p role="alert" className="text-sm text-danger">
          {failure.fields?.name ?? failure.error}
        </p>
      )}
      {success?.ok && <p className="text-sm text-success">{success.message}</p>}
    </div>
  );
}
