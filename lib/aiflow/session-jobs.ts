import { z } from "zod";

import type { JobDefinition } from "@/lib/jobs/definitions";
import { summaryJobInserts } from "@/lib/summaries/job-inserts";

import { SESSION_TO_CALL_JOB } from "./job-names";
import { sessionsWithoutCall, sessionToCall } from "./session-to-call";

const jobData = z.object({ orgId: z.uuid(), sessionId: z.uuid() });

export const aiFlowJobs: JobDefinition[] = [
  {
    name: SESSION_TO_CALL_JOB,
    retryLimit: 5,
    // pg-boss waits the polling interval after every fetch, found jobs or not: a large batch keeps
    // up with a busy line (bench/aiflow ends ~135 sessions a second).
    batchSize: 64,
    concurrency: 4,
    pollingIntervalSeconds: 0.5,
    onSpareCapacity: true,
    run: async (db, data, boss) => {
      const job = jobData.parse(data);
      const made = await sessionToCall(db, job.orgId, job.sessionId);
      if (made?.summaryId) await boss.insert(summaryJobInserts(job.orgId, [made.summaryId]));
      return made;
    },
  },
  {
    // A crash between a session's end and its job, or a platform that never sent session_end.
    name: "aiflow.sweep",
    cron: "*/5 * * * *",
    run: async (db, _data, boss) => {
      const open = await sessionsWithoutCall(db);
      for (const s of open) {
        const made = await sessionToCall(db, s.orgId, s.id);
        if (made?.summaryId) await boss.insert(summaryJobInserts(s.orgId, [made.summaryId]));
      }
      return { made: open.length };
    },
  },
];
