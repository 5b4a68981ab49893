"use client";

import { useActionState, useState } from "react";

import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { SelectField, TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { formatDateTime } from "@/components/ui/format";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/auth/org-action";
import type { AddMemberView } from "@/lib/members/add-member";

type Props = {
  orgSlug: string;
  canGrantOwner: boolean;
  isEmailConfigured: boolean;
  action: (state: ActionState<AddMemberView>, form: FormData) => Promise<ActionState<AddMemberView>>;
};

/**
 * The same screen whether or not the address has an account: the admin cannot tell, and the
 * text says what either kind of person does with it.
 */
function Outcome({ outcome }: { outcome: AddMemberView }) {
  const until = formatDateTime(outcome.expiresAt);
  if (outcome.oneTimePassword !== null) {
    return (
      <div className="space-y-3">
        <Alert tone="success" title={`Invitation for ${outcome.email}`}>
          <div className="space-y-1.5">
            <p>
              Give {outcome.email} this link and this one-time password, through a safe channel. Someone who already has
              a Switchboard account signs in with their own password instead.
            </p>
            <p>
              Both are shown only now. The link works once, until {until}; the one-time password must be changed at the
              first sign-in.
            </p>
          </div>
        </Alert>
        <CopyField id="invitation-link" label="Invitation link" value={outcome.url} />
        <CopyField id="one-time-password" label="One-time password" value={outcome.oneTimePassword} />
      </div>
    );
  }
  return (
    <div className="space-y-3">
      <Alert tone="success" title={`Invitation for ${outcome.email}`}>
        <div className="space-y-1.5">
          <p>
            {outcome.isEmailed
              ? `We emailed this link to ${outcome.email}. You can also send it yourself.`
              : `Send ${outcome.email} this link.`}{" "}
            It is shown only now and works once, until {until}.
          </p>
          <p>They join when they open it and sign in, or create their account there.</p>
        </div>
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

function AddMemberRound({
  orgSlug,
  canGrantOwner,
  isEmailConfigured,
  action,
  onAnother,
}: Props & { onAnother: () => void }) {
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
        <TextField
          label="Email"
          name="email"
          type="email"
          required
          maxLength={300}
          placeholder="colleague@example.com"
          error={fields?.email}
        />
        <SelectField label="Role" name="role" options={roleOptions} defaultValue="member" error={fields?.role} />
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-fg">How they join</legend>
        <div className="mt-2 flex flex-col gap-2 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="method" value="invite" defaultChecked className="accent-[var(--accent)]" />
            {isEmailConfigured ? "Invitation link, also emailed to them" : "Invitation link to pass on"}
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="method" value="password" className="accent-[var(--accent)]" />
            Invitation link and a one-time password, for people new to Switchboard
          </label>
        </div>
        {fields?.method && <p className="mt-1 text-sm text-danger">{fields.method}</p>}
      </fieldset>
      <SubmitButton pendingText="Creating the invitation…">Add member</SubmitButton>
    </ActionForm>
  );
}
