"use client";

import { useActionState } from "react";

import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/auth/action-state";

type Props = {
  token: string;
  email: string;
  next?: string;
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
};

export function ResetPasswordForm({ token, email, next, action }: Props) {
  const [state, formAction] = useActionState(action, null);
  const fields = state && !state.ok ? state.fields : undefined;
  return (
    <ActionForm action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      {next && <input type="hidden" name="next" value={next} />}
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      {state && !state.ok && !state.fields && <Alert tone="error">{state.error}</Alert>}
      <TextField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        autoFocus
        required
        error={fields?.password}
        hint="At least 10 characters; a passphrase of a few words works well."
      />
      <TextField
        label="Repeat the new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={fields?.confirmPassword}
      />
      <SubmitButton className="w-full" pendingText="Saving…">
        Save the new password
      </SubmitButton>
    </ActionForm>
  );
}
