"use client";

import { useActionState } from "react";

import { ActionForm } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/auth/org-action";

type Props = { orgSlug: string; name: string; action: (state: ActionState, form: FormData) => Promise<ActionState> };

export function OrgNameForm({ orgSlug, name, action }: Props) {
  const [state, formAction] = useActionState(action, null);
  return (
    <ActionForm action={formAction} className="space-y-4">
      <input type="hidden" name="org" value={orgSlug} />
      <FormStatus state={state} />
      <TextField
        label="Organisation name"
        name="name"
        defaultValue={name}
        maxLength={200}
        error={state && !state.ok ? state.fields?.name : undefined}
        required
      />
      <SubmitButton pendingText="Saving…">Save</SubmitButton>
    </ActionForm>
  );
}
