"use client";

import { useActionState, useState } from "react";

import { ActionForm } from "@/components/ui/action-form";
import { cn } from "@/components/ui/cn";
import { inputClasses, TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/auth/org-action";
import type { FlowIssue } from "@/lib/flows/validate";

type ImportView = { flowId: string; version?: number; issues: FlowIssue[] };
type Props = {
  orgSlug: string;
  action: (state: ActionState<ImportView>, form: FormData) => Promise<ActionState<ImportView>>;
};

/** Import a flow from its JSON document (a file or pasted), published at once when it has no errors. */
export function ImportFlowForm({ orgSlug, action }: Props) {
  const [state, formAction] = useActionState(action, null);
  const [document, setDocument] = useState("");
  const [name, setName] = useState("");
  const errors = state && !state.ok ? state.fields : undefined;
  const issues = state?.data?.issues.filter((i) => i.severity === "error") ?? [];
  return (
    <ActionForm action={formAction} className="space-y-4" aria-label="Import a flow">
      <input type="hidden" name="org" value={orgSlug} />
      <FormStatus state={state} />
      {issues.length > 0 && (
        <ul className="list-disc space-y-1 pl-5 text-sm text-danger" aria-label="Errors in the flow">
          {issues.map((issue, i) => (
            <li key={i}>{issue.message}</li>
          ))}
        </ul>
      )}
      <TextField
        label="Name"
        name="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={80}
        error={errors?.name}
        required
      />
      <div className="space-y-1.5">
        <label htmlFor="flow-file" className="block text-sm font-medium">
          Flow file (.json)
        </label>
        <input
          id="flow-file"
          type="file"
          accept="application/json,.json"
          className="block text-sm"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            setDocument(await file.text());
            if (!name) setName(file.name.replace(/\.json$/i, "").replace(/[-_]+/g, " "));
          }}
        />
      </div>
      <div className="space-y-1.5">
        <label htmlFor="document" className="block text-sm font-medium">
          or paste the document
        </label>
        <textarea
          id="document"
          name="document"
          value={document}
          onChange={(e) => setDocument(e.target.value)}
          rows={6}
          spellCheck={false}
          aria-invalid={errors?.document ? true : undefined}
          aria-describedby={errors?.document ? "document-error" : undefined}
          className={cn(inputClasses, "h-auto py-2 font-mono text-xs")}
          placeholder='{"version": 1, "nodes": [...], "edges": [...]}'
        />
        {errors?.document && (
          <p id="document-error" className="text-sm text-danger" role="alert">
            {errors.document}
          </p>
        )}
      </div>
      <SubmitButton pendingText="Importing…">Import and publish</SubmitButton>
    </ActionForm>
  );
}
