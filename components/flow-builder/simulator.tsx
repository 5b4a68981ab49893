"use client";

import { Phone, RotateCcw } from "lucide-react";
import { useEffect, useMemo, useRef, useState, type JSX } from "react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { inputClasses } from "@/components/ui/field";
import { E164 } from "@/lib/aiflow/protocol";
import type { FlowDocument } from "@/lib/flows/schema";
import { DEFAULT_CALLER_NUMBER } from "@/lib/flows/simulate";

import { compileDraft, CompileErrors } from "./simulator/compile-draft";
import { CallControls } from "./simulator/controls";
import { EventLog } from "./simulator/event-log";
import { Transcript } from "./simulator/transcript";
import { useSimCall } from "./simulator/use-sim-call";
import { VariablesTable } from "./simulator/variables-table";

// The editor's test call: the draft answers simulated AI Flow events in the browser, with the
// same runtime as live calls. A call keeps the draft it started on; edits wait for Restart.

type Props = {
  document: FlowDocument;
  orgSlug: string;
  flowId: string;
  canUseEffects: boolean;
  onActiveNode: (nodeId: string | null) => void;
};

export function Simulator({ document, orgSlug, flowId, canUseEffects, onActiveNode }: Props): JSX.Element {
  const [callerNumber, setCallerNumber] = useState(DEFAULT_CALLER_NUMBER);
  const compiled = useMemo(() => compileDraft(document), [document]);
  const sim = useSimCall({ orgSlug, flowId, canUseEffects, onActiveNode });
  const { startedFrom, reset } = sim;

  // Compared as JSON only when the object changed: an editor may hand over equal copies.
  const hasChanged = useMemo(
    () => startedFrom !== null && startedFrom !== document && JSON.stringify(startedFrom) !== JSON.stringify(document),
    [startedFrom, document],
  );

  // Leaving the panel clears the highlight; the latest callback, since the editor may pass a new one each render.
  const latestOnActiveNode = useRef(onActiveNode);
  useEffect(() => {
    latestOnActiveNode.current = onActiveNode;
  });
  useEffect(() => () => latestOnActiveNode.current(null), []);

  const isCallerValid = E164.test(callerNumber.trim());
  const start = () => {
    if (compiled.ok && isCallerValid) void sim.start(document, compiled.program, callerNumber.trim());
  };

  const statusBadge =
    sim.status === "live" ? (
      <Badge tone="success">Live</Badge>
    ) : sim.status === "ended" ? (
      <Badge tone="neutral">Ended</Badge>
    ) : (
      <Badge tone="neutral">No call</Badge>
    );

  return (
    <div className="space-y-4 p-4 text-sm">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-base font-semibold text-fg">Test call</h2>
        <div className="flex items-center gap-2">
          {statusBadge}
          {sim.status !== "idle" && (
            <Button variant="ghost" size="sm" onClick={reset} aria-label="Reset the simulator">
              <RotateCcw className="size-4" aria-hidden />
              Reset
            </Button>
          )}
        </div>
      </div>

      {!canUseEffects && (
        <p className="text-xs text-fg-muted">
          AI replies and HTTP requests are not run in your simulations: the flow takes their fallback path. Admins run
          them for real.
        </p>
      )}

      {!compiled.ok && sim.status === "idle" ? (
        <CompileErrors compiled={compiled} what="simulate" />
      ) : sim.status === "idle" ? (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            start();
          }}
        >
          <label htmlFor="sim-caller" className="block text-sm font-medium text-fg">
            Caller number
          </label>
          <div className="flex gap-2">
            <input
              id="sim-caller"
              className={inputClasses}
              value={callerNumber}
              onChange={(e) => setCallerNumber(e.target.value)}
              aria-invalid={!isCallerValid || undefined}
              aria-describedby="sim-caller-hint"
              inputMode="tel"
            />
            <Button type="submit" disabled={!isCallerValid}>
              <Phone className="size-4" aria-hidden />
              Start call
            </Button>
          </div>
          <p id="sim-caller-hint" className={isCallerValid ? "text-xs text-fg-muted" : "text-xs text-danger"}>
            {isCallerValid
              ? "Sent as from_phone_number; the flow sees it as {{caller_number}}."
              : "Enter an E.164 number, like +4915112345678."}
          </p>
        </form>
      ) : null}

      {hasChanged && (
        <div
          role="status"
          className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-warning/30 bg-warning-soft px-3 py-2 text-xs text-warning"
        >
          <span>The flow changed since this call started</span>
          {compiled.ok ? (
            <Button variant="secondary" size="sm" onClick={start} disabled={!isCallerValid}>
              Restart
            </Button>
          ) : (
            <span>· fix the errors listed to simulate it</span>
          )}
        </div>
      )}
      {hasChanged && !compiled.ok && <CompileErrors compiled={compiled} what="simulate" />}

      {sim.status !== "idle" && (
        <>
          <Transcript entries={sim.entries} isBusy={sim.isBusy} />
          {sim.status === "live" ? (
            <CallControls
              isDisabled={sim.isBusy}
              isPlaying={sim.isPlaying}
              autoSpeechEnded={sim.autoSpeechEnded}
              onSay={(t) => void sim.say(t)}
              onBargeIn={(t) => void sim.bargeIn(t)}
              onSilence={() => void sim.silence()}
              onDtmf={(d) => void sim.dtmf(d)}
              onHangUp={() => void sim.hangUp()}
              onSpeechEnded={() => void sim.speechEnded()}
              onAutoSpeechEnded={sim.setAutoSpeechEnded}
            />
          ) : (
            <div className="flex items-center justify-between gap-2 rounded-md bg-surface-muted px-3 py-2 text-xs text-fg-muted">
              <span>The call ended{sim.endReason ? ` (${sim.endReason.replace(/_/g, " ")})` : ""}.</span>
              <Button size="sm" onClick={start} disabled={!compiled.ok || !isCallerValid}>
                <Phone className="size-4" aria-hidden />
                Start call
              </Button>
            </div>
          )}
          <VariablesTable vars={sim.vars} />
          <EventLog entries={sim.entries} />
        </>
      )}
    </div>
  );
}
