import type PgBoss from "pg-boss";
import { getJobs } from "@/lib/jobs/boss";
import { SESSION_TO_CALL_JOB } from "./job-names";

// After a session_end is committed, its call is made by a job. Sessions ending together are
// queued with one insert (a busy line ends a hundred a second); the sweep catches a lost send.

const FLUSH_AFTER_MS = 20;
let pending: PgBoss.JobInsert[] = [];
let timer: NodeJS.Timeout | undefined;

function flush(): void {
  const jobs = pending;
  pending = [];
  timer = undefined;
  void getJobs()
    .then(({ boss }) => boss.insert(jobs))
    .catch((error: unknown) => console.error(`[aiflow] could not queue the calls of ${jobs.length} ended sessions (the sweep will make them)`, error));
}

export function enqueueSessionToCall(orgId: string, sessionId: string): void {
  pending.push({ name: SESSION_TO_CALL_JOB, data: { orgId, sessionId }, singletonKey: sessionId });
  timer ??= setTimeout(flush, FLUSH_AFTER_MS);
}
