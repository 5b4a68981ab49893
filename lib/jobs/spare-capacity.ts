import { performance, type EventLoopUtilization } from "node:perf_hooks";
import { processSingleton } from "@/lib/process-singleton";

// Background work that nobody waits for (an ended voice session becoming an inbox call, its
// built-in summary) runs on spare capacity: while this process is answering live AI Flow calls
// and its event loop is more than half busy, such a job waits, a little at a time, so live
// callers are answered first. It never waits longer than MAX_WAIT_MS per item, so the queue
// keeps moving even under a load that never lets up, and it catches up as soon as the load drops.

const LIVE_WINDOW_MS = 500;
const BUSY_UTILISATION = 0.5;
const SAMPLE_MS = 100;
export const MAX_WAIT_MS = 10_000;

type Gauge = { lastLiveAt: number; sampledAt: number; elu: EventLoopUtilization; utilisation: number };
const isGauge = (v: unknown): v is Gauge => typeof v === "object" && v !== null && "lastLiveAt" in v && "elu" in v;
const gauge = () =>
  processSingleton("spare-capacity", isGauge, (): Gauge => ({ lastLiveAt: -Infinity, sampledAt: performance.now(), elu: performance.eventLoopUtilization(), utilisation: 0 }));

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

/** True while live calls are being answered here and the event loop is more than half busy. */
export function isBusyWithLiveWork(now = performance.now()): boolean {
  return now - gauge().lastLiveAt < LIVE_WINDOW_MS && utilisation(now) > BUSY_UTILISATION;
}

/** Resolves once there is spare capacity, or after `maxWaitMs` at the latest. */
export async function waitForSpareCapacity(maxWaitMs = MAX_WAIT_MS): Promise<void> {
  const started = performance.now();
  while (isBusyWithLiveWork() && performance.now() - started < maxWaitMs) {
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS + Math.random() * SAMPLE_MS));
  }
}
