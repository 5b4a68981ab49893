"use client";

import { useActionState, useId } from "react";

import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyField } from "@/components/ui/copy-field";
import { FormStatus } from "@/components/ui/form-status";
import { formatDateTime } from "@/components/ui/format";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/auth/org-action";

type Action<T = unknown> = (state: ActionState<T>, form: FormData) => Promise<ActionState<T>>;
type Rotated = { url: string; token?: string; previousValidUntil: string };

type Props = { orgSlug: string; integrationId: string; name: string; isEnabled: boolean; isAiFlow: boolean };

function Hidden({ orgSlug, integrationId }: { orgSlug: string; integrationId: string }) {
  return (
    <>
      <input type="hidden" name="org" value={orgSlug} />
      <input type="hidden" name="integrationId" value={integrationId} />
    </>
  );
}

export function RotateSecret({
  orgSlug,
  integrationId,
  isAiFlow,
  action,
}: Omit<Props, "name" | "isEnabled"> & { action: Action<Rotated> }) {
  const [state, formAction] = useActionState(action, null);
  const formId = useId();
  const what = isAiFlow ? "token" : "hook URL";
  return (
    <div className="space-y-3">
      <ActionForm id={formId} action={formAction}>
        <Hidden orgSlug={orgSlug} integrationId={integrationId} />
      </ActionForm>
      {state?.ok && state.data ? (
        <div className="space-y-3">
          <Alert tone="success" title={`New ${what} issued`}>
            Shown only now. The old one keeps working until {formatDateTime(state.data.previousValidUntil)}, so switch
            the vendor over before then.
          </Alert>
          <CopyField id="rotated-url" label={isAiFlow ? "Endpoint URL" : "Hook URL"} value={state.data.url} />
          {state.data.token && <CopyField id="rotated-token" label="X-API-TOKEN" value={state.data.token} />}
        </div>
      ) : (
        <>
          <FormStatus state={state} />
          <ConfirmDialog
            formId={formId}
            variant="primary"
            title={`Issue a new ${what}?`}
            description={`The current ${what} keeps working for 24 hours; after that only the new one does.`}
            confirmLabel="Issue new"
            trigger={<Button variant="secondary">Rotate {what}</Button>}
          />
        </>
      )}
    </div>
  );
}

export function EnableToggle({
  orgSlug,
  integrationId,
  isEnabled,
  action,
}: Omit<Props, "name" | "isAiFlow"> & { action: Action }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <ActionForm action={formAction} className="space-y-3">
      <Hidden orgSlug={orgSlug} integrationId={integrationId} />
      <input type="hidden" name="isEnabled" value={isEnabled ? "false" : "true"} />
      <FormStatus state={state} />
      <SubmitButton variant="secondary" pendingText="Saving…">
        {isEnabled ? "Disable" : "Enable"}
      </SubmitButton>
    </ActionForm>
  );
}

export function DeleteIntegration({
  orgSlug,
  integrationId,
  name,
  action,
}: Omit<Props, "isEnabled" | "isAiFlow"> & { action: Action }) {
  const [state, formAction] = useActionState(action, null);
  const formId = useId();
  return (
    <div className="space-y-3">
      <ActionForm id={formId} action={formAction}>
        <Hidden orgSlug={orgSlug} integrationId={integrationId} />
      </ActionForm>
      <FormStatus state={state} />
      <ConfirmDialog
        formId={formId}
        title={`Delete "${name}"?`}
        description="Its address stops working at once. Calls it delivered stay in the inbox."
        confirmLabel="Delete"
        trigger={<Button variant="danger">Delete integration</Button>}
      />
    </div>
  );
}
