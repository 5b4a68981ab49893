"use client";

import { useCallback, useRef, useState } from "react";

import { simulateEffect } from "@/app/(app)/[org]/flows/[flowId]/sim-actions";
import type { AiFlowAction, AiFlowEvent } from "@/lib/aiflow/protocol";
import type { Program } from "@/lib/flows/compile";
import { createRuntime } from "@/lib/flows/runtime";
import type { FlowDocument } from "@/lib/flows/schema";
import {
  initialState,
  type Effect,
  type EffectResult,
  type FlowRuntime,
  type SessionState,
} from "@/lib/flows/session-state";
import {
  activeNodeOf,
  idlePlayback,
  offlineResult,
  platformAfterReply,
  platformSpeechEnded,
  simEvent,
  simSession,
  simulateTurn,
  type Playback,
  type SimSession,
  type SimStep,
} from "@/lib/flows/simulate";

// The simulated call: one turn at a time (the caller's event and all the platform sends after
// it), effects through the server for admins, and a log entry for every event, reply and effect.

type LogItem =
  | { kind: "event"; event: AiFlowEvent }
  | { kind: "reply"; eventType: string; actions: AiFlowAction[]; violations: string[] }
  | { kind: "effect"; effect: Effect; result: EffectResult; isOffline: boolean };
export type LogEntry = LogItem & { id: number };

export type CallStatus = "idle" | "live" | "ended";

type Call = {
  runtime: FlowRuntime;
  program: Program;
  session: SimSession;
  state: SessionState;
  playback: Playback;
  generation: number;
};

type Options = {
  orgSlug: string;
  flowId: string;
  canUseEffects: boolean;
  onActiveNode: (nodeId: string | null) => void;
};

export function useSimCall({ orgSlug, flowId, canUseEffects, onActiveNode }: Options) {
  const [status, setStatus] = useState<CallStatus>("idle");
  const [entries, setEntries] = useState<LogEntry[]>([]);
  const [vars, setVars] = useState<Record<string, string>>({});
  const [playback, setPlayback] = useState<Playback>(idlePlayback);
  const [isBusy, setBusy] = useState(false);
  const [endReason, setEndReason] = useState<string | undefined>();
  const [startedFrom, setStartedFrom] = useState<FlowDocument | null>(null);
  const [autoSpeechEnded, setAutoSpeechEndedState] = useState(true);
  const auto = useRef(true);
  const call = useRef<Call | null>(null);
  const nextId = useRef(1);
  const generation = useRef(0);
  const busy = useRef(false);

  const append = useCallback((items: LogItem[]) => {
    const withIds = items.map((item): LogEntry => ({ ...item, id: nextId.current++ }));
    setEntries((old) => [...old, ...withIds]);
  }, []);

  const run = useCallback(
    async (make: (session: SimSession) => AiFlowEvent[], playbackAfter?: (p: Playback) => Playback) => {
      const current = call.current;
      if (!current || busy.current) return;
      busy.current = true;
      const mine = current.generation;
      const isOffline = !canUseEffects;
      const perform = async (effect: Effect): Promise<EffectResult> =>
        isOffline ? offlineResult(effect) : simulateEffect(orgSlug, flowId, effect);
      const from = {
        state: current.state,
        playback: playbackAfter ? playbackAfter(current.playback) : current.playback,
        session: current.session,
      };
      setBusy(true);
      try {
        const turn = await simulateTurn(current.runtime, from, make(current.session), {
          autoSpeechEnded: auto.current,
          perform,
          onStep: (step: SimStep) => {
            if (generation.current !== mine) return;
            append([
              { kind: "event", event: step.event },
              ...step.effects.map((e): LogItem => ({ kind: "effect", effect: e.effect, result: e.result, isOffline })),
              { kind: "reply", eventType: step.event.type, actions: step.actions, violations: step.violations },
            ]);
            setVars(step.state.vars);
            const node = activeNodeOf(current.program, step.state, step);
            if (node) onActiveNode(node);
          },
        });
        if (generation.current !== mine) return;
        call.current = { ...current, state: turn.state, playback: turn.playback };
        setPlayback(turn.playback);
        if (turn.isEnded) {
          setStatus("ended");
          setEndReason(turn.endReason);
        }
      } finally {
        if (generation.current === mine) {
          busy.current = false;
          setBusy(false);
        }
      }
    },
    [append, canUseEffects, flowId, onActiveNode, orgSlug],
  );

  const start = useCallback(
    (document: FlowDocument, program: Program, callerNumber: string) => {
      generation.current += 1;
      busy.current = false;
      nextId.current = 1;
      const session = simSession({ callerNumber });
      call.current = {
        runtime: createRuntime(program),
        program,
        session,
        state: initialState(),
        playback: idlePlayback,
        generation: generation.current,
      };
      setEntries([]);
      setVars({});
      setPlayback(idlePlayback);
      setEndReason(undefined);
      setStartedFrom(document);
      setStatus("live");
      onActiveNode(null);
      return run((s) => [simEvent.sessionStart(s)]);
    },
    [onActiveNode, run],
  );

  const reset = useCallback(() => {
    generation.current += 1;
    busy.current = false;
    call.current = null;
    setStatus("idle");
    setBusy(false);
    setEntries([]);
    setVars({});
    setPlayback(idlePlayback);
    setStartedFrom(null);
    onActiveNode(null);
  }, [onActiveNode]);

  const isPlaying = playback.isPlaying;
  const stopPlayback = () => idlePlayback;
  const actions = {
    say: (text: string) => run((s) => [simEvent.userSpeak(s, text, isPlaying)], stopPlayback),
    bargeIn: (text: string) => run((s) => [simEvent.userSpeak(s, text, true)], stopPlayback),
    silence: () => run((s) => [simEvent.userInputTimeout(s)]),
    dtmf: (digit: string) => run((s) => [simEvent.dtmf(s, digit)]),
    hangUp: () => run((s) => [simEvent.sessionEnd(s, "caller_hangup")], stopPlayback),
    speechEnded: () => {
      const current = call.current;
      if (!current) return Promise.resolve();
      const step = platformSpeechEnded(current.session, current.playback, Date.now());
      return run(
        () => step.events,
        () => step.playback,
      );
    },
  };

  const setAutoSpeechEnded = (value: boolean) => {
    auto.current = value;
    setAutoSpeechEndedState(value);
    const current = call.current;
    // Switched on mid-utterance: what is playing (and queued) ends now, as it would by itself.
    if (value && current?.playback.isPlaying) {
      const step = platformAfterReply(current.session, current.playback, [], {
        autoSpeechEnded: true,
        now: Date.now(),
      });
      void run(
        () => step.events,
        () => step.playback,
      );
    }
  };

  return {
    status,
    entries,
    vars,
    isBusy,
    isPlaying,
    endReason,
    startedFrom,
    autoSpeechEnded,
    setAutoSpeechEnded,
    start,
    reset,
    ...actions,
  };
}
