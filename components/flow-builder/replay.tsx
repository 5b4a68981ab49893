"use client";

import { RefreshCw } from "lucide-react";
import { useCallback, useEffect, useMemo, useRef, useState, type JSX } from "react";

import { listSessions, loadRecording } from "@/app/(app)/[org]/flows/[flowId]/sim-actions";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { formatDateTime } from "@/components/ui/format";
import type { FlowDocument } from "@/lib/flows/schema";
import { describeAction, describeEvent, replayRecording, type ReplayRow } from "@/lib/flows/simulate";

import { compileDraft, CompileErrors } from "./simulator/compile-draft";

// A recorded call answered again by the draft: event by event, what the live flow answered then
// and what the draft answers now, so an edit's effect on real conversations shows before publishing.

type SessionRow = Awaited<ReturnType<typeof listSessions>>[number];
type Recording = NonNullable<Awaited<ReturnType<typeof loadRecording>>>;
type Props = { document: FlowDocument; orgSlug: string; flowId: string };

const failure = (error: unknown) =>
  error instanceof Error && error.message ? error.message : "The server did not answer.";

export function Replay({ document, orgSlug, flowId }: Props): JSX.Element {
  const [sessions, setSessions] = useState<SessionRow[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [recording, setRecording] = useState<Recording | null>(null);
  const [recordingError, setRecordingError] = useState<string | null>(null);
  const [isOnlyDifferences, setOnlyDifferences] = useState(false);
  const request = useRef(0);
  const compiled = useMemo(() => compileDraft(document), [document]);

  const refresh = useCallback(() => {
    listSessions(orgSlug, flowId).then(
      (rows) => {
        setSessions(rows);
        setListError(null);
      },
      (error: unknown) => setListError(`Could not load the recorded calls: ${failure(error)}`),
    );
  }, [orgSlug, flowId]);
  useEffect(refresh, [refresh]);

  const pick = (sessionId: string) => {
    const mine = ++request.current;
    setSelected(sessionId);
    setRecording(null);
    setRecordingError(null);
    loadRecording(orgSlug, flowId, sessionId).then(
      (found) => {
        if (request.current !== mine) return;
        if (found) setRecording(found);
        else setRecordingError("This call is no longer recorded for this flow.");
      },
      (error: unknown) => request.current === mine && setRecordingError(`Could not load the call: ${failure(error)}`),
    );
  };

  const rows = useMemo(
    () => (compiled.ok && recording ? replayRecording(compiled.program, recording.events) : null),
    [compiled, recording],
  );
  const differing = rows?.filter((r) => !r.same).length ?? 0;
  const shown = rows && isOnlyDifferences ? rows.filter((r) => !r.same) : rows;

  return (
    <div className="space-y-4 p-4 text-sm">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-base font-semibold text-fg">Replay a call</h2>
        <Button variant="ghost" size="sm" onClick={refresh} aria-label="Refresh the recorded calls">
          <RefreshCw className="size-4" aria-hidden />
          Refresh
        </Button>
      </div>
      <p className="text-xs text-fg-muted">
        Runs a recorded call&apos;s events through the draft and compares each answer with the one the caller got.
      </p>

      {listError && <Alert tone="error">{listError}</Alert>}
      {sessions === null && !listError && <p className="text-xs text-fg-muted">Loading recorded calls…</p>}
      {sessions?.length === 0 && (
        <p className="text-xs text-fg-muted">
          No calls have reached this flow yet. Once a number routed to it is called, the calls appear here.
        </p>
      )}
      {sessions && sessions.length > 0 && (
        <ul
          aria-label="Recorded sessions"
          className="max-h-64 divide-y divide-border overflow-y-auto rounded-md border border-border"
        >
          {sessions.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                aria-pressed={selected === s.id}
                onClick={() => pick(s.id)}
                className={cn(
                  "flex w-full flex-col gap-0.5 px-3 py-2 text-left hover:bg-surface-muted focus:outline-none focus-visible:ring-2 focus-visible:ring-accent/30",
                  selected === s.id && "bg-accent-soft",
                )}
              >
                <span className="flex items-center justify-between gap-2">
                  <span className="font-medium text-fg">{formatDateTime(s.startedAt)}</span>
                  {s.status === "active" ? <Badge tone="success">Live</Badge> : <Badge>{s.events} events</Badge>}
                </span>
                <span className="text-xs text-fg-muted">
                  {s.callerNumber ?? "Unknown caller"} ·{" "}
                  {s.flowVersion === null ? "fallback" : `version ${s.flowVersion}`}
                  {s.status === "active" ? ` · ${s.events} events so far` : ""}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}

      {selected && !compiled.ok && <CompileErrors compiled={compiled} what="replay" />}
      {recordingError && <Alert tone="error">{recordingError}</Alert>}
      {selected && !recording && !recordingError && <p className="text-xs text-fg-muted">Loading the call…</p>}

      {rows && shown && (
        <section aria-label="Replayed events" className="space-y-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p role="status" className={cn("font-medium", differing > 0 ? "text-warning" : "text-success")}>
              {differing > 0
                ? `${differing} of ${rows.length} events differ`
                : `All ${rows.length} events answered the same`}
            </p>
            <label className="flex items-center gap-1.5 text-xs text-fg-muted">
              <input
                type="checkbox"
                className="size-3.5 accent-accent"
                checked={isOnlyDifferences}
                onChange={(e) => setOnlyDifferences(e.target.checked)}
              />
              Only differences
            </label>
          </div>
          <ol className="space-y-2">
            {shown.map((row) => (
              <ReplayItem key={row.seq} row={row} />
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}

function Actions({ label, actions }: { label: string; actions: readonly unknown[] }) {
  return (
    <div className="min-w-0">
      <p className="text-[11px] font-medium tracking-wide text-fg-muted uppercase">{label}</p>
      {actions.length === 0 ? (
        <p className="text-xs text-fg-muted italic">no action</p>
      ) : (
        <ul className="space-y-0.5 text-xs text-fg">
          {actions.map((a, i) => (
            <li key={i} className="break-words">
              {describeAction(a)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ReplayItem({ row }: { row: ReplayRow }) {
  return (
    <li
      data-testid="replay-row"
      className={cn(
        "space-y-1.5 rounded-md border px-3 py-2",
        row.same ? "border-border" : "border-warning/40 bg-warning-soft/40",
      )}
    >
      <div className="flex items-start justify-between gap-2">
        <p className="min-w-0 font-mono text-xs break-words text-fg">
          <span className="text-fg-muted">{row.seq}</span> {describeEvent(row.event)}
        </p>
        {row.same ? <Badge tone="success">Same</Badge> : <Badge tone="warning">Differs</Badge>}
      </div>
      {row.same && row.recorded.length === 0 ? (
        <p className="text-xs text-fg-muted italic">No action, then or now.</p>
      ) : (
        <div className="grid grid-cols-2 gap-3">
          <Actions label="Answered then" actions={row.recorded} />
          <Actions label="Draft answers" actions={row.draft} />
        </div>
      )}
      {row.effect && !row.same && (
        <p className="text-xs text-fg-muted">
          {row.effect === "this"
            ? "An AI reply or HTTP request ran here: the replay uses its offline result, the call had the real one."
            : "After an AI reply or HTTP request, which the replay runs offline: the conversation may have taken another path."}
        </p>
      )}
      {row.violations.map((v, i) => (
        <p key={i} className="text-xs text-danger">
          {v}
        </p>
      ))}
    </li>
  );
}
