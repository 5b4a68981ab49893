"use client";

import { useActionState, useId, useState } from "react";

import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { inputClasses } from "@/components/ui/field";
import type { ActionState } from "@/lib/auth/org-action";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

type Props = {
  orgSlug: string;
  member: { userId: string; email: string; role: string };
  isSelf: boolean;
  canManageOwners: boolean;
  changeRole: Action;
  remove: Action;
};

/** Role picker (saves on change) and remove button of one member row, with errors shown in the row. */
export function MemberRowActions({ orgSlug, member, isSelf, canManageOwners, changeRole, remove }: Props) {
  const [roleState, roleAction, isRolePending] = useActionState(changeRole, null);
  const [removeState, removeAction] = useActionState(remove, null);
  const removeFormId = useId();
  // The picked role shows until the server answers; then the saved role shows again, which is
  // the new one after a success and the old one when the change was refused (the last owner).
  const [pick, setPick] = useState<{ role: string; answered: ActionState } | null>(null);
  const selected = pick && pick.answered === roleState ? pick.role : member.role;
  const isLocked = member.role === "owner" && !canManageOwners;
  const options = canManageOwners || member.role === "owner" ? ["owner", "admin", "member"] : ["admin", "member"];
  const error =
    (roleState && !roleState.ok && roleState.error) || (removeState && !removeState.ok && removeState.error);

  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex items-center gap-2">
        <ActionForm action={roleAction}>
          <input type="hidden" name="org" value={orgSlug} />
          <input type="hidden" name="userId" value={member.userId} />
          <label className="sr-only" htmlFor={`role-${member.userId}`}>
            Role of {member.email}
          </label>
          <select
            id={`role-${member.userId}`}
            name="role"
            value={selected}
            disabled={isLocked || isRolePending}
            className={cn(inputClasses, "h-8 w-32 capitalize")}
            onChange={(e) => {
              setPick({ role: e.currentTarget.value, answered: roleState });
              e.currentTarget.form?.requestSubmit();
            }}
          >
            {options.map((r) => (
              <option key={r} value={r} className="capitalize">
                {r}
              </option>
            ))}
          </select>
        </ActionForm>
        <ActionForm id={removeFormId} action={removeAction}>
          <input type="hidden" name="org" value={orgSlug} />
          <input type="hidden" name="userId" value={member.userId} />
        </ActionForm>
        <ConfirmDialog
          formId={removeFormId}
          title={isSelf ? "Leave this organisation?" : `Remove ${member.email}?`}
          description={
            isSelf
              ? "You will lose access to this organisation at once. An admin can add you again."
              : "They lose access to this organisation at once. Their account and other organisations stay."
          }
          confirmLabel={isSelf ? "Leave" : "Remove"}
          trigger={
            <Button
              variant="ghost"
              size="sm"
              disabled={isLocked}
              aria-label={isSelf ? "Leave organisation" : `Remove ${member.email}`}
            >
              {isSelf ? "Leave" : "Remove"}
            </Button>
          }
        />
      </div>
      {error && (
        <p className="max-w-xs text-right text-xs text-danger" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function RevokeInvitationButton({
  orgSlug,
  invitationId,
  email,
  revoke,
}: {
  orgSlug: string;
  invitationId: string;
  email: string;
  revoke: Action;
}) {
  const [state, action] = useActionState(revoke, null);
  return (
    <ActionForm action={action} className="flex items-center gap-2">
      <input type="hidden" name="org" value={orgSlug} />
      <input type="hidden" name="invitationId" value={invitationId} />
      {state && !state.ok && <span className="text-xs text-danger">{state.error}</span>}
      <Button type="submit" variant="ghost" size="sm" aria-label={`Revoke the invitation for ${email}`}>
        Revoke
      </Button>
    </ActionForm>
  );
}
