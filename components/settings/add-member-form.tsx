"use client";

import { ActionForm } from "@/components/ui/action-form";
import { FormStatus } from "@/components/ui/form-status";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { SelectField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatDateTime } from "@/components/ui/format";
import type { ActionState } from "@/lib/auth/org-action";
import type { AddMemberView } from "@/lib/members/add-member";

type Props = {
  orgSlug: string;
  canGrantOwner: boolean;
  action: (state: ActionState<AddMemberView>, form: FormData) => Promise<ActionState<AddMemberView>>;
};

function Outcome({ outcome }: { outcome: AddMemberView }) {
  if (outcome.kind === "added") {
    return <Alert tone="success" title={`${outcome.email} was added.`}>They already had an account and can sign in as usual.</Alert>;
  }
  if (outcome.kind === "one-time-password") {
    return (
      <div className="space-y-3">
        <Alert tone="success" title={`Account created for ${outcome.email}`}>
          Give them this one-time password through a safe channel. It is shown only now; they choose their own password when they first sign in.
        </Alert>
        <CopyField id="one-time-password" label="One-time password" value={outcome.password} />
        <CopyField id="sign-in-url" label="Sign-in address" value={outcome.signInUrl} />
      </div>
    );
  }
  return (
    <div className="space-y-3">
      <Alert tone="success" title={`Invitation for ${outcome.email}`}>
        Send them this link. It is shown only now and works once, until {formatDateTime(outcome.expiresAt)}.
      </Alert>
      <CopyField id="invitation-link" label="Invitation link" value={outcome.url} />
    </div>
  );
}

/** Adding a member; after a success it shows the outcome once, and "Add another" starts afresh. */
export function AddMemberForm(props: Props) {
  const [round, setRound] = useState(0);
  return <AddMemberRound key={round} {...props} onAnother={() => setRound((r) => r + 1)} />;
}

function AddMemberRound({ orgSlug, canGrantOwner, action, onAnother }: Props & { onAnother: () => void }) {
  const [state, formAction] = useActionState(action, null);
  const fields = state && !state.ok ? state.fields : undefined;

  if (state?.ok && state.data) {
    return (
      <div className="space-y-4">
        <Outcome outcome={state.data} />
        <Button variant="secondary" onClick={onAnother}>
          Add another member
        </Button>
      </div>
    );
  }

  const roleOptions = [
    { value: "member", label: "Member: reads calls and settings" },
    { value: "admin", label: "Admin: also edits flows, prompts, integrations, members" },
    ...(canGrantOwner ? [{ value: "owner", label: "Owner: also manages owners" }] : []),
  ];

  return (
    <ActionForm action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="org" value={orgSlug} />
      <FormStatus state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Email" name="email" type="email" required maxLength={300} placeholder="colleague@example.com" error={fields?.email} />
        <SelectField label="Role" name="role" options={roleOptions} defaultValue="member" error={fields?.role} />
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-fg">If they have no account yet</legend>
        <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="method" value="invite" defaultChecked className="accent-[var(--accent)]" /> Create an invitation link
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="method" value="password" className="accent-[var(--accent)]" /> Create the account with a one-time password
          </label>
        </div>
        {fields?.method && <p className="mt-1 text-sm text-danger">{fields.method}</p>}
      </fieldset>
      <SubmitButton pendingText="Adding…">Add member</SubmitButton>
    </ActionForm>
  );
}
