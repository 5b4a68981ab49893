"use client";

import { useActionState } from "react";

import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/auth/org-action";
import type { FlowIssue } from "@/lib/flows/validate";

type Props = {
  orgSlug: string;
  flowId: string;
  action: (
    state: ActionState<{ issues: FlowIssue[] }>,
    form: FormData,
  ) => Promise<ActionState<{ issues: FlowIssue[] }>>;
};

export function PublishFlowButton({ orgSlug, flowId, action }: Props) {
  const [state, formAction] = useActionState(action, null);
  const issues = state?.data?.issues.filter((i) => i.severity === "error") ?? [];
  return (
    <ActionForm action={formAction} className="space-y-2">
      <input type="hidden" name="org" value={orgSlug} />
      <input type="hidden" name="flowId" value={flowId} />
      <SubmitButton variant="secondary" pendingText="Publishing…">
        Publish draft
      </SubmitButton>
      {state && !state.ok && (
        <div role="alert" className="text-sm text-danger">
          <p>{state.error}</p>
          <ul className="list-disc pl-5">
            {issues.slice(0, 5).map((issue, i) => (
              <li key={i}>{issue.message}</li>
            ))}
          </ul>
        </div>
      )}
      {state?.ok && <p className="text-sm text-success">{state.message}</p>}
    </ActionForm>
  );
}
