"use client";

import { useActionState, useState } from "react";

import { ActionForm } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/auth/org-action";
import { slugify } from "@/lib/validation";

export function CreateOrgForm({
  action,
  origin,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  origin: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [isSlugEdited, setSlugEdited] = useState(false);
  const fields = state && !state.ok ? state.fields : undefined;
  return (
    <ActionForm action={formAction} className="space-y-4" noValidate>
      <FormStatus state={state} />
      <TextField
        label="Name"
        name="name"
        value={name}
        maxLength={200}
        required
        error={fields?.name}
        onChange={(e) => {
          setName(e.target.value);
          if (!isSlugEdited) setSlug(slugify(e.target.value));
        }}
      />
      <TextField
        label="Address"
        name="slug"
        value={slug}
        maxLength={60}
        required
        error={fields?.slug}
        hint={`${origin}/${slug || "your-team"}`}
        onChange={(e) => {
          setSlugEdited(true);
          setSlug(e.target.value);
        }}
      />
      <SubmitButton pendingText="Creating…">Create organisation</SubmitButton>
    </ActionForm>
  );
}
