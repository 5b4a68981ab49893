import type PgBoss from "pg-boss";

import { getJobs } from "@/lib/jobs/boss";

import { SESSION_TO_CALL_JOB } from "./job-names";

// After a session_end is committed, its call is made by a job. Sessions ending together are
// queued with one insert (a busy line ends a hundred a second); the sweep catches a lost send.

const FLUSH_AFTER_MS = 20;
let pending: PgBoss.JobInsert[] = [];
let timer: NodeJS.Timeout | undefined;

/** Queues the calls of the sessions that ended since the last flush (at shutdown too). */
export async function flushSessionEndJobs(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = undefined;
  const jobs = pending;
  pending = [];
  if (jobs.length === 0) return;
  await getJobs()
    .then(({ boss }) => boss.insert(jobs))
    .catch((error: unknown) =>
      console.error(
        `[aiflow] could not queue the calls of ${jobs.length} ended sessions (the sweep will make them)`,
        error,
      ),
    );
}

export function enqueueSessionToCall(orgId: string, sessionId: string): void {
  pending.push({ name: SESSION_TO_CALL_JOB, data: { orgId, sessionId }, singletonKey: sessionId });
  timer ??= setTimeout(() => void flushSessionEndJobs(), FLUSH_AFTER_MS).unref();
}
