import { z } from "zod";

import type { JobDefinition } from "@/lib/jobs/definitions";

import { sendSummaryEmails } from "./email";
import { generateSummary } from "./generate";
import { GENERATE_SUMMARY_JOB, summaryJobInserts } from "./job-inserts";
import { staleSummaryRequests } from "./sweep";

const generateJob = z.object({ orgId: z.uuid(), summaryId: z.uuid() });

export const summaryJobs: JobDefinition[] = [
  {
    name: GENERATE_SUMMARY_JOB,
    policy: "stately",
    retryLimit: 2,
    // Built-in summaries take milliseconds; a model takes seconds, mostly waiting on the network.
    // pg-boss waits the polling interval after every fetch, so a fetch takes many: a busy AI Flow
    // line ends a hundred calls a second, each with a summary to make.
    batchSize: 64,
    concurrency: 8,
    pollingIntervalSeconds: 0.5,
    onSpareCapacity: true,
    run: async (db, data) => {
      const job = generateJob.parse(data);
      const outcome = await generateSummary(db, job);
      if (outcome.isShown)
        await sendSummaryEmails(db, job.orgId, job.summaryId).catch((error: unknown) =>
          console.error("[summaries] email failed", error),
        );
      return outcome;
    },
  },
  {
    name: "summaries.sweep",
    cron: "*/2 * * * *",
    run: async (db, _data, boss) => {
      const stale = await staleSummaryRequests(db);
      const byOrg = new Map<string, string[]>();
      for (const s of stale) byOrg.set(s.orgId, [...(byOrg.get(s.orgId) ?? []), s.summaryId]);
      for (const [orgId, ids] of byOrg) await boss.insert(summaryJobInserts(orgId, ids));
      return { resent: stale.length };
    },
  },
];
