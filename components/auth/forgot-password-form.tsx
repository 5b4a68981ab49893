"use client";

import { useActionState } from "react";

import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/auth/action-state";

type Props = {
  initialEmail?: string;
  next?: string;
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
};

export function ForgotPasswordForm({ initialEmail, next, action }: Props) {
  const [state, formAction] = useActionState(action, null);
  const fields = state && !state.ok ? state.fields : undefined;
  return (
    <ActionForm action={formAction} className="space-y-4" noValidate>
      {next && <input type="hidden" name="next" value={next} />}
      {state?.ok && state.message && <Alert tone="success">{state.message}</Alert>}
      {state && !state.ok && !state.fields && <Alert tone="error">{state.error}</Alert>}
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        defaultValue={initialEmail}
        autoFocus
        maxLength={254}
        required
        error={fields?.email}
      />
      <SubmitButton className="w-full" pendingText="Sending…">
        Email me a link
      </SubmitButton>
    </ActionForm>
  );
}
