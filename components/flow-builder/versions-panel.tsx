"use client";

import { Download, FileCode2 } from "lucide-react";
import { useState, useTransition } from "react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/components/ui/format";

import { Field } from "./inspector/fields";
import type { PublishResult, RouteRow, VersionRow } from "./types";

type Props = {
  orgSlug: string;
  flowId: string;
  versions: readonly VersionRow[];
  canEdit: boolean;
  errors: number;
  publish: (note: string) => Promise<PublishResult>;
  rollback: (version: number) => Promise<PublishResult>;
};

/** Publish the draft with a note; every version with who, when, why and what changed; roll back. */
export function VersionsPanel({ orgSlug, flowId, versions, canEdit, errors, publish, rollback }: Props) {
  const [note, setNote] = useState("");
  const [result, setResult] = useState<PublishResult | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (action: () => Promise<PublishResult>) =>
    startTransition(async () => {
      const outcome = await action();
      setResult(outcome);
      if (outcome.ok) setNote("");
    });

  return (
    <div className="space-y-5">
      {canEdit && (
        <form
          className="space-y-2"
          aria-label="Publish"
          onSubmit={(e) => {
            e.preventDefault();
            run(() => publish(note));
          }}
        >
          <Field label="What changed (note for the history)" id="publish-note">
            <textarea
              id="publish-note"
              rows={2}
              maxLength={500}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              className="block w-full rounded-md border border-border bg-surface px-3 py-1.5 text-sm"
            />
          </Field>
          <div className="flex items-center gap-3">
            <Button type="submit" disabled={pending}>
              {pending ? "Publishing…" : "Publish"}
            </Button>
            {errors > 0 && (
              <span className="text-xs text-danger">
                {errors} error{errors === 1 ? "" : "s"} to fix first
              </span>
            )}
          </div>
          {result && (
            <p
              role={result.ok ? "status" : "alert"}
              className={`text-sm ${result.ok ? "text-success" : "text-danger"}`}
            >
              {result.ok ? result.message : result.error}
            </p>
          )}
        </form>
      )}
      <section className="space-y-2">
        <h3 className="text-sm font-semibold">History</h3>
        {versions.length === 0 ? (
          <p className="text-sm text-fg-muted">Not published yet. Calls reach a flow only once it is published.</p>
        ) : (
          <ol className="space-y-2" aria-label="Versions">
            {versions.map((v) => (
              <li
                key={v.version}
                className="space-y-1 rounded-md border border-border p-3 text-sm"
                data-testid="version-row"
              >
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">Version {v.version}</span>
                  {v.live && <Badge tone="success">Live</Badge>}
                </div>
                <p className="text-xs text-fg-muted">
                  {v.publishedBy} · {formatDateTime(new Date(v.publishedAt))}
                </p>
                {v.note && <p className="whitespace-pre-wrap">{v.note}</p>}
                <p className="text-xs text-fg-muted">{v.changes}</p>
                <div className="flex flex-wrap items-center gap-3 pt-1 text-xs">
                  <a
                    className="inline-flex items-center gap-1 text-accent hover:underline"
                    href={`/${orgSlug}/flows/${flowId}/export?version=${v.version}`}
                    download
                  >
                    <Download className="size-3.5" aria-hidden /> JSON
                  </a>
                  <a
                    className="inline-flex items-center gap-1 text-accent hover:underline"
                    href={`/${orgSlug}/flows/${flowId}/code?version=${v.version}`}
                    download
                  >
                    <FileCode2 className="size-3.5" aria-hidden /> TypeScript server
                  </a>
                  {canEdit && !v.live && (
                    <Button
                      size="sm"
                      variant="secondary"
                      disabled={pending}
                      onClick={() => run(() => rollback(v.version))}
                    >
                      Roll back to version {v.version}
                    </Button>
                  )}
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

type NumbersProps = {
  routes: readonly RouteRow[];
  integrations: ReadonlyArray<{ id: string; name: string }>;
  canEdit: boolean;
  assign: (
    integrationId: string,
    number: string,
  ) => Promise<{ ok: true; message: string } | { ok: false; error: string }>;
};

/** Which numbers start calls on this flow, and routing another one here. */
export function NumbersPanel({ routes, integrations, canEdit, assign }: NumbersProps) {
  const [integrationId, setIntegrationId] = useState(integrations[0]?.id ?? "");
  const [number, setNumber] = useState("");
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <section className="space-y-2">
      <h3 className="text-sm font-semibold">Phone numbers</h3>
      {routes.length === 0 ? (
        <p className="text-sm text-fg-muted">No number starts calls on this flow yet.</p>
      ) : (
        <ul className="space-y-1 text-sm" aria-label="Numbers using this flow">
          {routes.map((r) => (
            <li key={`${r.integrationId}-${r.number}`}>
              <span className="font-mono">{r.number}</span> <span className="text-fg-muted">· {r.integrationName}</span>
            </li>
          ))}
        </ul>
      )}
      {canEdit && integrations.length === 0 && (
        <p className="text-xs text-fg-muted">
          Create an AI Flow endpoint under Settings → Integrations to route numbers.
        </p>
      )}
      {canEdit && integrations.length > 0 && (
        <form
          className="space-y-2"
          aria-label="Assign a number"
          onSubmit={(e) => {
            e.preventDefault();
            startTransition(async () => {
              const outcome = await assign(integrationId, number);
              setResult(outcome.ok ? { ok: true, text: outcome.message } : { ok: false, text: outcome.error });
              if (outcome.ok) setNumber("");
            });
          }}
        >
          {integrations.length > 1 && (
            <Field label="AI Flow endpoint" id="assign-integration">
              <select
                id="assign-integration"
                value={integrationId}
                onChange={(e) => setIntegrationId(e.target.value)}
                className="block h-8 w-full rounded-md border border-border bg-surface px-2 text-sm"
              >
                {integrations.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field label="Phone number (E.164)" id="assign-number" error={result && !result.ok ? result.text : undefined}>
            <input
              id="assign-number"
              value={number}
              onChange={(e) => setNumber(e.target.value)}
              placeholder="+493012345678"
              className="block h-8 w-full rounded-md border border-border bg-surface px-2 text-sm"
            />
          </Field>
          <Button type="submit" size="sm" variant="secondary" disabled={pending}>
            Route to this flow
          </Button>
          {result?.ok && (
            <p role="status" className="text-sm text-success">
              {result.text}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
