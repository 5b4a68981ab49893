"use client";

import { Plus, Trash2 } from "lucide-react";
import { useActionState, useState } from "react";

import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { inputClasses } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import type { AiFlowConfig } from "@/lib/aiflow/config";
import type { ActionState } from "@/lib/auth/org-action";

type Props = {
  orgSlug: string;
  integrationId: string;
  config: AiFlowConfig;
  flows: Array<{ id: string; name: string; liveVersion: number | null }>;
  canEdit: boolean;
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
};

type Route = { key: number; number: string; flowId: string };

const FieldError = ({ id, error }: { id: string; error?: string }) =>
  error ? (
    <p id={id} className="text-sm text-danger" role="alert">
      {error}
    </p>
  ) : null;

/** Which flow answers which number of this AI Flow integration, and what other numbers get. */
export function AiFlowRoutingForm({ orgSlug, integrationId, config, flows, canEdit, action }: Props) {
  const [state, formAction] = useActionState(action, null);
  const [routes, setRoutes] = useState<Route[]>(config.routes.map((r, i) => ({ key: i, ...r })));
  const [fallback, setFallback] = useState(config.fallback);
  const errors = state && !state.ok ? (state.fields ?? {}) : {};
  const payload = JSON.stringify({ routes: routes.map(({ number, flowId }) => ({ number, flowId })), fallback });
  const update = (key: number, patch: Partial<Route>) =>
    setRoutes((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  return (
    <ActionForm action={formAction} className="space-y-5" aria-label="Phone numbers and flows">
      <input type="hidden" name="org" value={orgSlug} />
      <input type="hidden" name="integrationId" value={integrationId} />
      <input type="hidden" name="config" value={payload} />
      <FormStatus state={state} />
      <fieldset className="space-y-3" disabled={!canEdit}>
        <legend className="text-sm font-medium">Numbers</legend>
        {routes.length === 0 && (
          <p className="text-sm text-fg-muted">No number is routed yet: every call gets the fallback below.</p>
        )}
        {routes.map((route, i) => (
          <div key={route.key} className="flex flex-wrap items-start gap-2" data-testid="route-row">
            <div className="w-52 space-y-1">
              <label className="sr-only" htmlFor={`route-${route.key}-number`}>
                Phone number {i + 1}
              </label>
              <input
                id={`route-${route.key}-number`}
                className={inputClasses}
                placeholder="+493012345678"
                value={route.number}
                aria-invalid={errors[`routes.${i}.number`] ? true : undefined}
                onChange={(e) => update(route.key, { number: e.target.value })}
              />
              <FieldError id={`route-${route.key}-number-error`} error={errors[`routes.${i}.number`]} />
            </div>
            <div className="w-64 space-y-1">
              <label className="sr-only" htmlFor={`route-${route.key}-flow`}>
                Flow for number {i + 1}
              </label>
              <select
                id={`route-${route.key}-flow`}
                className={inputClasses}
                value={route.flowId}
                onChange={(e) => update(route.key, { flowId: e.target.value })}
              >
                <option value="">Choose a flow…</option>
                {flows.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                    {f.liveVersion ? ` (version ${f.liveVersion})` : " (not published)"}
                  </option>
                ))}
              </select>
              <FieldError id={`route-${route.key}-flow-error`} error={errors[`routes.${i}.flowId`]} />
            </div>
            {canEdit && (
              <Button
                type="button"
                variant="ghost"
                aria-label={`Remove number ${i + 1}`}
                onClick={() => setRoutes((rs) => rs.filter((r) => r.key !== route.key))}
              >
                <Trash2 className="size-4" aria-hidden />
              </Button>
            )}
          </div>
        ))}
        <FieldError id="routes-error" error={errors.routes} />
        {canEdit && (
          <Button
            type="button"
            variant="secondary"
            onClick={() => setRoutes((rs) => [...rs, { key: Date.now(), number: "", flowId: flows[0]?.id ?? "" }])}
          >
            <Plus className="size-4" aria-hidden /> Add a number
          </Button>
        )}
      </fieldset>

      <fieldset className="space-y-3" disabled={!canEdit}>
        <legend className="text-sm font-medium">Numbers without a flow</legend>
        <div className="flex gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="fallback-kind"
              checked={fallback.kind === "message"}
              onChange={() =>
                setFallback({ kind: "message", text: "Sorry, this number is not in service right now. Goodbye." })
              }
            />
            Say a message and hang up
          </label>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="fallback-kind"
              checked={fallback.kind === "transfer"}
              onChange={() => setFallback({ kind: "transfer", target: "", callerIdName: "", callerIdNumber: "" })}
            />
            Transfer
          </label>
        </div>
        {fallback.kind === "message" ? (
          <div className="space-y-1">
            <label htmlFor="fallback-text" className="block text-sm">
              Message
            </label>
            <input
              id="fallback-text"
              className={inputClasses}
              value={fallback.text}
              onChange={(e) => setFallback({ ...fallback, text: e.target.value })}
            />
            <FieldError id="fallback-text-error" error={errors["fallback.text"]} />
          </div>
        ) : (
          <div className="grid gap-3 sm:grid-cols-3">
            {(
              [
                ["target", "Transfer to", "+493012345678"],
                ["callerIdName", "Caller id name", "Reception"],
                ["callerIdNumber", "Caller id number", "+493012345600"],
              ] as const
            ).map(([field, label, placeholder]) => (
              <div key={field} className="space-y-1">
                <label htmlFor={`fallback-${field}`} className="block text-sm">
                  {label}
                </label>
                <input
                  id={`fallback-${field}`}
                  className={inputClasses}
                  placeholder={placeholder}
                  value={fallback[field]}
                  onChange={(e) => setFallback({ ...fallback, [field]: e.target.value })}
                />
                <FieldError id={`fallback-${field}-error`} error={errors[`fallback.${field}`]} />
              </div>
            ))}
          </div>
        )}
      </fieldset>
      {canEdit && <SubmitButton pendingText="Saving…">Save routing</SubmitButton>}
    </ActionForm>
  );
}
