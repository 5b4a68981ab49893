import { performance, type EventLoopUtilization } from "node:perf_hooks";

import { processSingleton } from "@/lib/process-singleton";

// Background work that nobody waits for (an ended voice session becoming an inbox call, its
// built-in summary) runs on spare capacity, so live callers are answered first:
// - while this process is answering live AI Flow calls and its event loop is more than half
//   busy, such a job waits, a little at a time, but never longer than MAX_WAIT_MS per item, so
//   the queue keeps moving even under a load that never lets up;
// - while live calls are being answered at all, such jobs run one at a time in this process
//   (each is a dozen statements; a dozen of them at once would delay the calls' replies);
// - with no live calls, they run as many at once as their job allows, and catch up.

const LIVE_WINDOW_MS = 500;
const BUSY_UTILISATION = 0.5;
const SAMPLE_MS = 100;
const MAX_WAIT_MS = 10_000;

type Gauge = {
  lastLiveAt: number;
  sampledAt: number;
  elu: EventLoopUtilization;
  utilisation: number;
  lane: Promise<unknown>;
};
const isGauge = (v: unknown): v is Gauge => typeof v === "object" && v !== null && "lastLiveAt" in v && "elu" in v;
const gauge = () =>
  processSingleton("spare-capacity", isGauge, (): Gauge => ({
    lastLiveAt: -Infinity,
    sampledAt: performance.now(),
    elu: performance.eventLoopUtilization(),
    utilisation: 0,
    lane: Promise.resolve(),
  }));

/** Called by the live path (each AI Flow event). */
export function noteLiveWork(): void {
  gauge().lastLiveAt = performance.now();
}

/** How busy the event loop has been lately (0–1), resampled at most every SAMPLE_MS. */
function utilisation(now: number): number {
  const g = gauge();
  if (now - g.sampledAt >= SAMPLE_MS) {
    const elu = performance.eventLoopUtilization();
    g.utilisation = performance.eventLoopUtilization(elu, g.elu).utilization;
    g.elu = elu;
    g.sampledAt = now;
  }
  return g.utilisation;
}

/** True while live calls are being answered here. */
export function hasLiveWork(now = performance.now()): boolean {
  return now - gauge().lastLiveAt < LIVE_WINDOW_MS;
}

/** True while live calls are being answered here and the event loop is more than half busy. */
export function isBusyWithLiveWork(now = performance.now()): boolean {
  return hasLiveWork(now) && utilisation(now) > BUSY_UTILISATION;
}

/** Resolves once there is spare capacity, or after `maxWaitMs` at the latest. */
export async function waitForSpareCapacity(maxWaitMs = MAX_WAIT_MS): Promise<void> {
  const started = performance.now();
  while (isBusyWithLiveWork() && performance.now() - started < maxWaitMs) {
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS + Math.random() * SAMPLE_MS));
  }
}

/**
 * Runs one item of background work on spare capacity (see the top of this file). Waiting for its
 * turn counts towards the limit too: an item that takes long (a model's summary) holds the others
 * up by at most `maxWaitMs`.
 */
export async function onSpareCapacity<T>(work: () => Promise<T>, maxWaitMs = MAX_WAIT_MS): Promise<T> {
  const started = performance.now();
  await waitForSpareCapacity(maxWaitMs);
  if (!hasLiveWork()) return work();
  const g = gauge();
  const left = Math.max(0, maxWaitMs - (performance.now() - started));
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, left);
  });
  const turn = Promise.race([g.lane, limit]).then(() => {
    clearTimeout(timer);
    return work();
  });
  g.lane = turn.catch(() => undefined);
  return turn;
}
