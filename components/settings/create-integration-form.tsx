"use client";

import { useActionState, useState } from "react";

import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { SelectField, TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/auth/org-action";
import type { CreatedIntegrationView } from "@/lib/integrations/create-integration";

import { IntegrationInstructions } from "./integration-instructions";

type Props = {
  orgSlug: string;
  providerOptions: ReadonlyArray<{ value: string; label: string }>;
  action: (state: ActionState<CreatedIntegrationView>, form: FormData) => Promise<ActionState<CreatedIntegrationView>>;
};

export function CreateIntegrationForm(props: Props) {
  const [round, setRound] = useState(0);
  return <CreateIntegrationRound key={round} {...props} onAnother={() => setRound((r) => r + 1)} />;
}

function CreateIntegrationRound({ orgSlug, providerOptions, action, onAnother }: Props & { onAnother: () => void }) {
  const [state, formAction] = useActionState(action, null);
  const fields = state && !state.ok ? state.fields : undefined;

  if (state?.ok && state.data) {
    const created = state.data;
    return (
      <div className="space-y-4">
        <Alert tone="success" title={`${created.providerLabel} "${created.name}" is ready`}>
          {created.kind === "aiflow"
            ? "Enter the endpoint URL and the token in your sipgate AI Flow assistant. The token is shown only now."
            : "Paste this URL as the webhook address at the vendor. It contains the secret key and is shown only now; Switchboard keeps only a hash of it."}
        </Alert>
        <CopyField
          id="endpoint-url"
          label={created.kind === "aiflow" ? "Endpoint URL" : "Hook URL"}
          value={created.url}
        />
        {created.token && <CopyField id="api-token" label="X-API-TOKEN" value={created.token} />}
        <div>
          <h3 className="mb-2 text-sm font-medium text-fg">Set it up at the vendor</h3>
          <IntegrationInstructions provider={created.provider} />
        </div>
        <Button variant="secondary" onClick={onAnother}>
          Done
        </Button>
      </div>
    );
  }

  return (
    <ActionForm action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="org" value={orgSlug} />
      <FormStatus state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Vendor" name="provider" options={providerOptions} error={fields?.provider} />
        <TextField
          label="Name"
          name="name"
          required
          maxLength={200}
          placeholder="e.g. Support line"
          error={fields?.name}
        />
      </div>
      <SubmitButton pendingText="Creating…">Create integration</SubmitButton>
    </ActionForm>
  );
}
