"use client";

import { FlaskConical, Loader2 } from "lucide-react";
import { useState, useTransition } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/components/ui/format";
import type { ActionState } from "@/lib/auth/org-action";
import type { TriedSummary, TryableCall } from "@/lib/summaries/try-summaries";

import { useDraftFeedback } from "./draft-feedback";

type Props = {
  formId: string;
  calls: TryableCall[];
  max: number;
  tryAction: (state: ActionState<TriedSummary[]>, form: FormData) => Promise<ActionState<TriedSummary[]>>;
};

/** Runs the draft in the settings form on chosen calls and shows current and new summaries side by side. */
export function TryPanel({ formId, calls, max, tryAction }: Props) {
  const [chosen, setChosen] = useState<string[]>(calls.slice(0, 3).map((c) => c.id));
  const [result, setResult] = useState<ActionState<TriedSummary[]>>(null);
  const [isRunning, start] = useTransition();
  const feedback = useDraftFeedback();

  function toggle(id: string, isOn: boolean) {
    setChosen((ids) => (isOn ? [...ids, id].slice(0, max) : ids.filter((x) => x !== id)));
  }

  function run() {
    const form = document.getElementById(formId);
    if (!(form instanceof HTMLFormElement)) return;
    const data = new FormData(form);
    data.set("tryCallIds", chosen.join(","));
    start(async () => {
      const tried = await tryAction(null, data);
      setResult(tried);
      // A field of the draft at fault (the API key needed again) is also marked beside it above.
      feedback.setFields(tried && !tried.ok ? (tried.fields ?? {}) : {});
    });
  }

  if (calls.length === 0)
    return (
      <p className="text-sm text-fg-muted">
        No call with a transcript yet: once one arrives, you can try instructions on it here.
      </p>
    );

  return (
    <div className="space-y-4">
      <ul className="grid gap-1.5 md:grid-cols-2" aria-label="Calls to try on">
        {calls.map((call) => (
          <li key={call.id}>
            <label className="flex items-start gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-surface-muted">
              <input
                type="checkbox"
                className="mt-1"
                checked={chosen.includes(call.id)}
                disabled={!chosen.includes(call.id) && chosen.length >= max}
                onChange={(e) => toggle(call.id, e.target.checked)}
              />
              <span className="min-w-0">
                <span className="block truncate text-fg">{call.title}</span>
                <span className="block text-xs text-fg-muted">
                  {formatDateTime(call.startedAt)} · {call.direction}
                </span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      <div className="flex items-center gap-3">
        <Button variant="secondary" onClick={run} disabled={isRunning || chosen.length === 0}>
          {isRunning ? (
            <Loader2 className="size-4 animate-spin" aria-hidden />
          ) : (
            <FlaskConical className="size-4" aria-hidden />
          )}
          {isRunning ? "Trying…" : `Try the draft on ${chosen.length} call${chosen.length === 1 ? "" : "s"}`}
        </Button>
        <span className="text-xs text-fg-muted">Up to {max} calls. Nothing is saved and no call changes.</span>
      </div>
      {result && !result.ok && (
        <Alert tone="error">{result.fields?.apiKey ? `API key: ${result.error}` : result.error}</Alert>
      )}
      {result?.ok && result.data && (
        <div className="space-y-4" data-testid="try-results">
          {result.data.map((r) => (
            <article key={r.callId} className="rounded-md border border-border">
              <h3 className="border-b border-border px-4 py-2 text-sm font-semibold text-fg">{r.title}</h3>
              <div className="grid divide-y divide-border md:grid-cols-2 md:divide-x md:divide-y-0">
                <section className="space-y-1 p-4">
                  <h4 className="text-xs font-medium tracking-wide text-fg-muted uppercase">Now</h4>
                  {r.current.headline && <p className="text-sm font-medium text-fg">{r.current.headline}</p>}
                  <p className="text-sm whitespace-pre-wrap text-fg">{r.current.summary ?? "No summary."}</p>
                </section>
                <section className="space-y-1 p-4" data-testid="try-draft">
                  <h4 className="text-xs font-medium tracking-wide text-fg-muted uppercase">With the draft</h4>
                  {r.draft.ok ? (
                    <>
                      <p className="text-sm font-medium text-fg">{r.draft.headline}</p>
                      <p className="text-sm whitespace-pre-wrap text-fg">{r.draft.summary}</p>
                      {r.draft.actionItems.length > 0 && (
                        <ul className="list-disc pl-5 text-sm text-fg">
                          {r.draft.actionItems.map((item) => (
                            <li key={item}>{item}</li>
                          ))}
                        </ul>
                      )}
                      {r.draft.tags.length > 0 && (
                        <p className="text-xs text-fg-muted">Tags: {r.draft.tags.join(", ")}</p>
                      )}
                    </>
                  ) : (
                    <p className="text-sm text-danger">{r.draft.error}</p>
                  )}
                </section>
              </div>
            </article>
          ))}
        </div>
      )}
    </div>
  );
}
