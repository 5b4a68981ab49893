"use client";

import { useActionState } from "react";

import { ActionForm } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/auth/org-action";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

export function NewAccountForm({ token, email, action }: { token: string; email: string; action: Action }) {
  const [state, formAction] = useActionState(action, null);
  const fields = state && !state.ok ? state.fields : undefined;
  return (
    <ActionForm action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <FormStatus state={state} />
      <TextField label="Email" name="email" value={email} readOnly autoComplete="username" />
      <TextField label="Your name" name="name" autoComplete="name" maxLength={200} error={fields?.name} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        error={fields?.password}
        hint="At least 10 characters; a passphrase of a few words works well."
      />
      <TextField
        label="Repeat the password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={fields?.confirmPassword}
      />
      <SubmitButton className="w-full" pendingText="Creating your account…">
        Create account and join
      </SubmitButton>
    </ActionForm>
  );
}

export function JoinForm({ token, orgName, action }: { token: string; orgName: string; action: Action }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <ActionForm action={formAction} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <FormStatus state={state} />
      <SubmitButton className="w-full" pendingText="Joining…">
        Join {orgName}
      </SubmitButton>
    </ActionForm>
  );
}
