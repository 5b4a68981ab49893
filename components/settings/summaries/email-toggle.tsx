"use client";

import { useActionState } from "react";

import { ActionForm } from "@/components/ui/action-form";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/auth/org-action";

type Props = {
  orgSlug: string;
  isOn: boolean;
  email: string;
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
};

export function EmailToggle({ orgSlug, isOn, email, action }: Props) {
  const [state, formAction] = useActionState(action, null);
  return (
    <ActionForm action={formAction} className="space-y-3">
      <input type="hidden" name="org" value={orgSlug} />
      <input type="hidden" name="emailSummaries" value={isOn ? "off" : "on"} />
      <FormStatus state={state} />
      <p className="text-sm text-fg">
        {isOn
          ? `Each new summary of this organisation's calls is sent to ${email}.`
          : `Get each new summary of this organisation's calls by email, at ${email}.`}
      </p>
      <SubmitButton size="sm" variant={isOn ? "secondary" : "primary"} pendingText="Saving…">
        {isOn ? "Stop emailing me summaries" : "Email me summaries of calls"}
      </SubmitButton>
    </ActionForm>
  );
}
