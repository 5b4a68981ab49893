import type { Db } from "@/lib/db/types";
import { runEvent } from "@/lib/flows/run-event";
import { initialState, type FlowRuntime } from "@/lib/flows/session-state";
import { newId } from "@/lib/ids";
import { noteLiveWork } from "@/lib/jobs/spare-capacity";
import { processSingleton } from "@/lib/process-singleton";

import { performEffect } from "./effects";
import { enqueueSessionToCall } from "./enqueue";
import { programForNumber, programOfSession } from "./programs";
import type { AiFlowAction, AiFlowEvent } from "./protocol";
import { GroupCommit, loadSession, type LiveSession, type SessionWrite } from "./session-store";
import type { AiFlowIntegration } from "./verify-token";

// From an event to its actions, durably: the events of one session are handled one after the
// other (in this process by a queue per session, across processes by the seq check of the
// write), each on the state the previous one left, and answered only once committed. A session
// keeps the flow version it started on; its state is cached here and re-read when another
// process has moved it on, so any process can take the next event.

export type DispatchOutcome =
  { ok: true; actions: AiFlowAction[] } | { ok: false; status: 400; error: string; field: string };

type Dispatcher = {
  commit: GroupCommit;
  live: Map<string, LiveSession>;
  tails: Map<string, Promise<unknown>>;
  /** Sessions this process ended lately: a straggler after session_end is answered without a read. */
  ended: Map<string, true>;
};
const isRegistry = (v: unknown): v is WeakMap<Db, Dispatcher> => v instanceof WeakMap;
const registry = () => processSingleton("aiflow-dispatchers", isRegistry, () => new WeakMap<Db, Dispatcher>());

function dispatcherFor(db: Db): Dispatcher {
  let d = registry().get(db);
  if (!d) {
    d = { commit: new GroupCommit(db), live: new Map(), tails: new Map(), ended: new Map() };
    registry().set(db, d);
  }
  return d;
}

/** Forget every cached session of this process (tests: "another process takes over"). */
export function forgetLiveSessions(db: Db): void {
  dispatcherFor(db).live.clear();
  dispatcherFor(db).ended.clear();
}

export function commitStats(db: Db): { batches: number; writes: number } {
  return dispatcherFor(db).commit.stats;
}

let onSessionEnded: (orgId: string, sessionId: string) => void = enqueueSessionToCall;

/** What happens once a session_end is committed (default: its call is made by a job). Tests replace it. */
export function setSessionEndedHandler(handler: (orgId: string, sessionId: string) => void): void {
  onSessionEnded = handler;
}

const MAX_LIVE = 100_000;
const MAX_ENDED = 10_000;
const MAX_ATTEMPTS = 5;

/** Nothing more is sent after session_end (seed 004), and nothing more is stored either. */
const afterEnd: DispatchOutcome = { ok: true, actions: [] };

function rememberEnded(d: Dispatcher, key: string): void {
  if (d.ended.size >= MAX_ENDED) {
    const oldest = d.ended.keys().next();
    if (!oldest.done) d.ended.delete(oldest.value);
  }
  d.ended.set(key, true);
}

export async function dispatchEvent(
  db: Db,
  integration: AiFlowIntegration,
  event: AiFlowEvent,
  arrivedAt: number = performance.now(),
  /** The event's JSON as it arrived: stored as is in the event log. */
  text?: string,
): Promise<DispatchOutcome> {
  noteLiveWork();
  const d = dispatcherFor(db);
  const key = `${integration.id}\n${event.session.id}`;
  // One at a time per session, in arrival order.
  const previous = d.tails.get(key) ?? Promise.resolve();
  const current = previous.then(
    () => handle(db, d, key, integration, event, arrivedAt, text),
    () => handle(db, d, key, integration, event, arrivedAt, text),
  );
  d.tails.set(key, current);
  try {
    return await current;
  } finally {
    if (d.tails.get(key) === current) d.tails.delete(key);
  }
}

async function handle(
  db: Db,
  d: Dispatcher,
  key: string,
  integration: AiFlowIntegration,
  event: AiFlowEvent,
  arrivedAt: number,
  text: string | undefined,
): Promise<DispatchOutcome> {
  const receivedAt = new Date();
  const perform = (effect: Parameters<typeof performEffect>[1]) =>
    performEffect({ db, orgId: integration.orgId }, effect);
  if (d.ended.has(key)) return afterEnd;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    // A session_start is almost always new: it is inserted without a read first, and only if the
    // insert finds the session there already (a repeated start) is it read on the next attempt.
    const isFirstTry = attempt === 0 && event.type === "session_start";
    const live = d.live.get(key) ?? (isFirstTry ? undefined : await loadSession(db, integration.id, event.session.id));
    // Ended here, by another process, or closed as abandoned: found by the read the event needs anyway.
    if (live?.state.ended) {
      d.live.delete(key);
      rememberEnded(d, key);
      return afterEnd;
    }
    let write: SessionWrite;
    let actions: AiFlowAction[];
    if (!live) {
      if (event.type === "session_end") return { ok: true, actions: [] };
      if (event.type !== "session_start") {
        return {
          ok: false,
          status: 400,
          error: `session.id "${event.session.id.slice(0, 80)}" has no session: send session_start first.`,
          field: "session.id",
        };
      }
      const s = event.session;
      const program = await programForNumber(db, integration, s.phone_number ?? s.to_phone_number);
      const outcome = await runEvent(program.runtime, initialState(), event, perform);
      report(outcome.violations, event);
      actions = outcome.actions;
      const session: LiveSession = {
        id: newId(),
        orgId: integration.orgId,
        integrationId: integration.id,
        externalId: s.id,
        flowId: program.flowId,
        flowVersion: program.flowVersion,
        seq: 1,
        state: outcome.state,
        startedAt: receivedAt,
      };
      write = {
        session,
        isNew: true,
        details: {
          phoneNumber: s.phone_number ?? s.to_phone_number,
          callerNumber: s.from_phone_number,
          direction: s.direction,
        },
        isEnded: false,
        event: { type: event.type, body: event, text, actions, receivedAt, durationMs: performance.now() - arrivedAt },
      };
    } else {
      const runtime: FlowRuntime = await programOfSession(db, integration, live);
      if (event.type === "session_start") {
        // A repeated session_start (a retry of the platform's): the same greeting, nothing new stored.
        const again = await runEvent(runtime, initialState(), event, perform);
        return { ok: true, actions: again.actions };
      }
      const outcome = await runEvent(runtime, live.state, event, perform);
      report(outcome.violations, event);
      actions = outcome.actions;
      write = {
        session: { ...live, seq: live.seq + 1, state: outcome.state },
        isNew: false,
        isEnded: event.type === "session_end",
        ...(event.type === "session_end" && event.reason ? { endReason: event.reason } : {}),
        event: { type: event.type, body: event, text, actions, receivedAt, durationMs: performance.now() - arrivedAt },
      };
    }
    const applied = await d.commit.submit(write);
    if (!applied) {
      d.live.delete(key); // another process moved the session on: read it again
      continue;
    }
    if (write.isEnded) {
      d.live.delete(key);
      rememberEnded(d, key);
      onSessionEnded(integration.orgId, write.session.id);
    } else {
      if (d.live.size >= MAX_LIVE) d.live.clear();
      d.live.set(key, write.session);
    }
    return { ok: true, actions };
  }
  throw new Error(`AI Flow session ${event.session.id}: too many concurrent writers`);
}

function report(violations: readonly string[], event: AiFlowEvent) {
  if (violations.length > 0)
    console.error(
      `[aiflow] dropped actions that break the protocol (session ${event.session.id}, ${event.type}): ${violations.join("; ")}`,
    );
}
