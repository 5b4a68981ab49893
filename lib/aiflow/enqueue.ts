import { getJobs } from "@/lib/jobs/boss";
import { SESSION_TO_CALL_JOB } from "./job-names";

/** After a session_end is committed: make its call in the background (the sweep catches a lost send). */
export function enqueueSessionToCall(orgId: string, sessionId: string): void {
  void getJobs()
    .then(({ boss }) => boss.send(SESSION_TO_CALL_JOB, { orgId, sessionId }, { singletonKey: sessionId }))
    .catch((error: unknown) => console.error("[aiflow] could not queue the session's call", error));
}
