"use client";

import { useActionState } from "react";

import { ActionForm } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/auth/org-action";

type Props = { next?: string; email: string; action: (state: ActionState, form: FormData) => Promise<ActionState> };

export function ChangePasswordForm({ next, email, action }: Props) {
  const [state, formAction] = useActionState(action, null);
  const fields = state && !state.ok ? state.fields : undefined;
  return (
    <ActionForm action={formAction} className="space-y-4" noValidate>
      {next && <input type="hidden" name="next" value={next} />}
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <FormStatus state={state} />
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        error={fields?.currentPassword}
        required
      />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        error={fields?.newPassword}
        hint="At least 10 characters; a passphrase of a few words works well."
        required
      />
      <TextField
        label="Repeat the new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        error={fields?.confirmPassword}
        required
      />
      <SubmitButton pendingText="Saving…">Change password</SubmitButton>
    </ActionForm>
  );
}
