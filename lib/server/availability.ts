import { sql } from "drizzle-orm";

import { getDatabase } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { processSingleton } from "@/lib/process-singleton";

// Whether the database answers, as this process last saw it. While it does not, requests that
// need it are answered 503 at once (with Retry-After) instead of each waiting for a connection
// timeout, and a probe (`select 1`, at most PROBE_TIMEOUT_MS) runs every PROBE_EVERY_MS until it
// answers again. Only a failed probe marks it down; one runs when a request failed to reach it,
// when a request has waited STALL_MS (a partitioned database accepts nothing and refuses nothing:
// only a timeout tells), and for /api/ready. Nothing probes while all is well.

export const PROBE_TIMEOUT_MS = 2000;
export const PROBE_EVERY_MS = 1000;
export const STALL_MS = 2000;

type State = { isDown: boolean; probing?: Promise<boolean>; timer?: NodeJS.Timeout };
const isState = (value: unknown): value is State => typeof value === "object" && value !== null && "isDown" in value;
const state = () => processSingleton("database-availability", isState, (): State => ({ isDown: false }));

export const isDatabaseDown = (): boolean => state().isDown;

function markDown(reason: unknown): void {
  const s = state();
  if (!s.isDown)
    console.error(
      "[database] not reachable: answering 503 until it is.",
      reason instanceof Error ? reason.message : reason,
    );
  s.isDown = true;
  s.timer ??= setInterval(() => void probeDatabase(), PROBE_EVERY_MS).unref();
}

function markUp(): void {
  const s = state();
  if (s.isDown) console.log("[database] reachable again");
  s.isDown = false;
  if (s.timer) clearInterval(s.timer);
  s.timer = undefined;
}

/**
 * Records a failed request: true when it could not reach the database. Only a probe marks the
 * database down: a connection that broke (a restart, a failover) or a request stuck through an
 * outage that has just ended fail too, while the database answers again.
 */
export function noteDatabaseError(error: unknown): boolean {
  if (!isDatabaseUnavailable(error)) return false;
  void probeDatabase();
  return true;
}

async function selectOne(): Promise<void> {
  const handle = await getDatabase();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the database did not answer within ${PROBE_TIMEOUT_MS} ms`)),
      PROBE_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([handle.db.execute(sql`select 1`), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Asks the database (one probe at a time, shared by whoever asks meanwhile); true when it answered. */
export function probeDatabase(): Promise<boolean> {
  const s = state();
  s.probing ??= selectOne()
    .then(
      () => {
        markUp();
        return true;
      },
      (error: unknown) => {
        markDown(error);
        return false;
      },
    )
    .finally(() => {
      s.probing = undefined;
    });
  return s.probing;
}

/**
 * Probes the database when a request has waited STALL_MS; `onDown` runs if it does not answer.
 * Returns the function that calls the watch off once the request is answered.
 */
export function watchForStall(onDown: () => void): () => void {
  const timer = setTimeout(() => {
    void probeDatabase().then((isUp) => {
      if (!isUp) onDown();
    });
  }, STALL_MS).unref();
  return () => clearTimeout(timer);
}
