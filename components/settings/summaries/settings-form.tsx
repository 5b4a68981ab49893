"use client";

import { Loader2, PlugZap } from "lucide-react";
import { useActionState, useState, useTransition } from "react";

import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClasses, SelectField, TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { formatDateTime } from "@/components/ui/format";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/auth/org-action";
import type { ConnectionTestResult } from "@/lib/summaries/connection-test";
import { summaryLanguages } from "@/lib/summaries/languages";
import type { SummarySettings } from "@/lib/summaries/settings";
import { isSameBaseUrl } from "@/lib/summaries/settings-base-url";

import { useDraftFeedback } from "./draft-feedback";
import { instructionExamples } from "./examples";

type SaveResult = { saved?: number; conflict?: SummarySettings };

type Props = {
  orgSlug: string;
  formId: string;
  settings: SummarySettings;
  canEdit: boolean;
  saveAction: (state: ActionState<SaveResult>, form: FormData) => Promise<ActionState<SaveResult>>;
  testAction: (state: ActionState<ConnectionTestResult>, form: FormData) => Promise<ActionState<ConnectionTestResult>>;
};

const languageOptions = [
  { value: "", label: "The call's own language" },
  ...summaryLanguages.map((l) => ({ value: l.code, label: l.label })),
];

/**
 * The summary settings. A save names the version it was based on; when someone else saved in
 * between, the server refuses it and this form shows their text beside the draft.
 */
export function SummarySettingsForm({ orgSlug, formId, settings, canEdit, saveAction, testAction }: Props) {
  const [state, formAction] = useActionState(saveAction, null);
  const [provider, setProvider] = useState(settings.provider);
  const [instructions, setInstructions] = useState(settings.baseInstructions);
  const [baseVersion, setBaseVersion] = useState(settings.version);
  const [test, setTest] = useState<ActionState<ConnectionTestResult>>(null);
  const [isTesting, startTest] = useTransition();
  const [typedBaseUrl, setTypedBaseUrl] = useState(settings.baseUrl ?? "");
  const feedback = useDraftFeedback();
  // Fields changed since the last save: its messages about them no longer apply.
  const [editedFields, setEditedFields] = useState<string[]>([]);
  const conflict = state && !state.ok ? state.data?.conflict : undefined;
  // The last save's messages, else those of the last test or try of the draft.
  const fieldError = (name: string) =>
    (state && !state.ok && !editedFields.includes(name) ? state.fields?.[name] : undefined) ?? feedback.fields[name];
  // The base URL, the key and its removal decide together whether the stored key may be used.
  const onKeyFieldsChange = () => {
    setEditedFields((fields) => [...fields, "baseUrl", "apiKey"]);
    feedback.setFields({});
  };
  // The stored key is only ever sent to the base URL it was saved with (lib/summaries/settings-key.ts).
  const isKeyLeftBehind = settings.hasApiKey && !isSameBaseUrl(typedBaseUrl, settings.baseUrl);

  // A save (here or a restore below) brings a newer version in the page's props: edit from it.
  const [seenVersion, setSeenVersion] = useState(settings.version);
  if (settings.version !== seenVersion) {
    setSeenVersion(settings.version);
    setBaseVersion(settings.version);
  }

  function runTest() {
    const form = document.getElementById(formId);
    if (!(form instanceof HTMLFormElement)) return;
    const data = new FormData(form);
    startTest(async () => {
      const result = await testAction(null, data);
      setTest(result);
      const failure = result?.ok ? result.data : undefined;
      feedback.setFields(
        result && !result.ok
          ? (result.fields ?? {})
          : failure && !failure.ok && failure.field
            ? { [failure.field]: failure.message }
            : {},
      );
    });
  }

  function submit(data: FormData) {
    feedback.setFields({});
    setEditedFields([]);
    formAction(data);
  }

  // A message beside a field says it all; the line under the form is for the rest.
  const testLine =
    test && !(test.ok ? test.data?.field : test.fields && Object.keys(test.fields).length > 0) ? test : null;

  return (
    <ActionForm id={formId} action={submit} className="space-y-6">
      <input type="hidden" name="org" value={orgSlug} />
      <input type="hidden" name="baseVersion" value={baseVersion} />
      <FormStatus state={state} />
      {conflict && (
        <div
          className="space-y-3 rounded-md border border-warning/40 bg-warning-soft/40 p-4"
          data-testid="settings-conflict"
        >
          <div className="grid gap-4 md:grid-cols-2">
            <div className="min-w-0">
              <h3 className="text-sm font-semibold text-fg">
                Version {conflict.version} by {conflict.authorLabel ?? "someone"}, {formatDateTime(conflict.createdAt)}
              </h3>
              <pre className="mt-2 max-h-64 overflow-auto rounded border border-border bg-surface p-3 text-sm whitespace-pre-wrap text-fg">
                {conflict.baseInstructions || "(no instructions)"}
              </pre>
            </div>
            <div className="min-w-0">
              <h3 className="text-sm font-semibold text-fg">Your draft</h3>
              <pre className="mt-2 max-h-64 overflow-auto rounded border border-border bg-surface p-3 text-sm whitespace-pre-wrap text-fg">
                {instructions || "(no instructions)"}
              </pre>
            </div>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button
              size="sm"
              onClick={() => setBaseVersion(conflict.version)}
              disabled={baseVersion === conflict.version}
            >
              {baseVersion === conflict.version ? "Now save again to replace their version" : "Keep my draft"}
            </Button>
            <Button size="sm" variant="secondary" onClick={() => window.location.reload()}>
              Take theirs (discard my draft)
            </Button>
          </div>
        </div>
      )}

      <fieldset disabled={!canEdit} className="space-y-6">
        <div className="space-y-1.5">
          <label htmlFor="baseInstructions" className="block text-sm font-medium text-fg">
            Base instructions
          </label>
          <textarea
            id="baseInstructions"
            name="baseInstructions"
            rows={8}
            maxLength={8000}
            value={instructions}
            onChange={(e) => setInstructions(e.target.value)}
            aria-invalid={fieldError("baseInstructions") ? true : undefined}
            placeholder="What every summary should contain, in your words."
            className={cn(inputClasses, "h-auto py-2 leading-relaxed")}
          />
          {fieldError("baseInstructions") && (
            <p className="text-sm text-danger" role="alert">
              {fieldError("baseInstructions")}
            </p>
          )}
          {canEdit && (
            <div className="flex flex-wrap items-center gap-2 pt-1 text-xs text-fg-muted">
              Start from an example:
              {instructionExamples.map((example) => (
                <button
                  key={example.label}
                  type="button"
                  className="rounded-full border border-border px-2.5 py-1 text-fg hover:bg-surface-muted"
                  onClick={() => setInstructions(example.text)}
                >
                  {example.label}
                </button>
              ))}
            </div>
          )}
        </div>

        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-fg">Model</legend>
          {(
            [
              {
                value: "builtin",
                label: "Built-in (offline)",
                hint: "Extractive: picks the call's most telling sentences, finds action items and key terms. Nothing leaves this server; instructions only weight their words.",
              },
              {
                value: "openai",
                label: "OpenAI-compatible",
                hint: "OpenAI, Mistral, Azure OpenAI, Ollama, vLLM: any endpoint that speaks the chat completions API.",
              },
            ] as const
          ).map((option) => (
            <label
              key={option.value}
              className={cn(
                "flex cursor-pointer gap-3 rounded-md border p-3",
                provider === option.value ? "border-accent bg-accent-soft/40" : "border-border",
              )}
            >
              <input
                type="radio"
                name="provider"
                value={option.value}
                checked={provider === option.value}
                onChange={() => setProvider(option.value)}
                className="mt-1"
              />
              <span>
                <span className="block text-sm font-medium text-fg">{option.label}</span>
                <span className="block text-xs text-fg-muted">{option.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>

        {provider === "openai" && (
          <div className="grid gap-4 rounded-md border border-border p-4 md:grid-cols-2">
            <TextField
              label="Base URL"
              name="baseUrl"
              defaultValue={settings.baseUrl ?? ""}
              onChange={(e) => {
                setTypedBaseUrl(e.target.value);
                onKeyFieldsChange();
              }}
              placeholder="https://api.openai.com/v1"
              hint="Addresses on a private network or this server (Ollama, vLLM) are called only if the operator allows them (ALLOW_PRIVATE_NETWORK=on)."
              error={fieldError("baseUrl")}
            />
            <TextField
              label="Model name"
              name="model"
              defaultValue={settings.model ?? ""}
              placeholder="gpt-4o-mini"
              error={fieldError("model")}
            />
            <TextField
              label="API key"
              name="apiKey"
              type="password"
              autoComplete="off"
              onChange={onKeyFieldsChange}
              placeholder={
                isKeyLeftBehind
                  ? "Enter the key for this base URL"
                  : settings.hasApiKey
                    ? `Stored (ending in ${settings.apiKeyHint ?? "…"}): type to replace`
                    : "Optional for Ollama and vLLM"
              }
              hint={
                isKeyLeftBehind
                  ? `The stored key is only sent to ${settings.baseUrl ?? "the saved base URL"}. Enter the key again for this one, or tick “Remove the stored key”.`
                  : "Stored encrypted and never shown again after saving; sent only to the base URL it was saved with."
              }
              error={fieldError("apiKey")}
            />
            <div className="flex flex-col justify-end gap-2">
              {settings.hasApiKey && (
                <label className="flex items-center gap-2 text-sm text-fg">
                  <input type="checkbox" name="removeApiKey" onChange={onKeyFieldsChange} /> Remove the stored key
                </label>
              )}
              <div className="flex items-center gap-3">
                <Button variant="secondary" onClick={runTest} disabled={isTesting}>
                  {isTesting ? (
                    <Loader2 className="size-4 animate-spin" aria-hidden />
                  ) : (
                    <PlugZap className="size-4" aria-hidden />
                  )}{" "}
                  Test connection
                </Button>
              </div>
            </div>
            {test && (
              <p
                role="status"
                data-testid="connection-result"
                className={cn("text-sm md:col-span-2", test.ok && test.data?.ok ? "text-success" : "text-danger")}
              >
                {testLine
                  ? testLine.ok
                    ? (testLine.data?.ok ? "Connected: " : "Failed: ") + (testLine.data?.message ?? "")
                    : testLine.error
                  : "Failed: see the field marked above."}
              </p>
            )}
          </div>
        )}

        <div className="grid gap-4 md:grid-cols-2">
          <SelectField
            label="Summary language"
            name="language"
            defaultValue={settings.language ?? ""}
            options={languageOptions}
            error={fieldError("language")}
            hint="A fixed language needs a model: the built-in summariser quotes the call as spoken."
          />
          <label className="flex items-start gap-2 self-center text-sm text-fg">
            <input type="checkbox" name="includeInternal" defaultChecked={settings.includeInternal} className="mt-1" />
            <span>
              Summarise internal calls too
              <span className="block text-xs text-fg-muted">
                Off by default: calls between colleagues are usually not worth a summary.
              </span>
            </span>
          </label>
        </div>
      </fieldset>

      {canEdit && (
        <div className="flex items-center gap-3">
          <SubmitButton pendingText="Saving…">Save as version {baseVersion + 1}</SubmitButton>
          <span className="text-xs text-fg-muted">
            New calls use the newest version; earlier summaries keep theirs.
          </span>
        </div>
      )}
    </ActionForm>
  );
}
