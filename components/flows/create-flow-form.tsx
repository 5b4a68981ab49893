"use client";

import { useActionState, useState } from "react";

import { ActionForm } from "@/components/ui/action-form";
import { cn } from "@/components/ui/cn";
import { TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/auth/org-action";

type Template = { id: string; name: string; description: string };
type Props = {
  orgSlug: string;
  templates: Template[];
  action: (state: ActionState<{ flowId: string }>, form: FormData) => Promise<ActionState<{ flowId: string }>>;
};

/** A new flow, blank or from a template; it opens in the editor as a draft. */
export function CreateFlowForm({ orgSlug, templates, action }: Props) {
  const [state, formAction] = useActionState(action, null);
  const [template, setTemplate] = useState(templates[0]?.id ?? "blank");
  const errors = state && !state.ok ? state.fields : undefined;
  return (
    <ActionForm action={formAction} className="space-y-4" aria-label="Create a flow">
      <input type="hidden" name="org" value={orgSlug} />
      <FormStatus state={state} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Start from</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {templates.map((t) => (
            <label
              key={t.id}
              className={cn(
                "flex cursor-pointer gap-3 rounded-md border p-3 text-sm",
                template === t.id ? "border-accent bg-accent-soft" : "border-border hover:bg-surface-muted",
              )}
            >
              <input
                type="radio"
                name="template"
                value={t.id}
                checked={template === t.id}
                onChange={() => setTemplate(t.id)}
                className="mt-1"
              />
              <span>
                <span className="block font-medium">{t.name}</span>
                <span className="block text-fg-muted">{t.description}</span>
              </span>
            </label>
          ))}
        </div>
        {errors?.template && <p className="text-sm text-danger">{errors.template}</p>}
      </fieldset>
      <TextField label="Name" name="flowName" maxLength={80} error={errors?.flowName} placeholder="e.g. Main line" />
      <SubmitButton pendingText="Creating…">Create and open</SubmitButton>
    </ActionForm>
  );
}
