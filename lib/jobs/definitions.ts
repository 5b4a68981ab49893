import type PgBoss from "pg-boss";

import { aiFlowJobs } from "@/lib/aiflow/session-jobs";
import type { Db } from "@/lib/db/types";
import { summaryJobs } from "@/lib/summaries/jobs";

import { cleanupExpired } from "./cleanup";

export type JobDefinition = {
  name: string;
  /** Cron expression (UTC) for jobs that run on a schedule. */
  cron?: string;
  retryLimit?: number;
  /** pg-boss queue policy; "stately" keeps one queued and one running job per singleton key. */
  policy?: "standard" | "stately";
  /** Jobs fetched per poll, and how many of them run at once. */
  batchSize?: number;
  concurrency?: number;
  pollingIntervalSeconds?: number;
  /** Background work nobody waits for: each item waits for spare capacity (lib/jobs/spare-capacity.ts). */
  onSpareCapacity?: boolean;
  /** `boss` lets a job queue others without importing the job system (which imports this list). */
  run: (db: Db, data: unknown, boss: PgBoss) => Promise<unknown>;
};

/** Every job type the workers handle. Later features add their handlers here. */
export const jobDefinitions: JobDefinition[] = [
  {
    name: "maintenance.cleanup-expired",
    cron: "17 3 * * *",
    retryLimit: 3,
    run: (db) => cleanupExpired(db),
  },
  ...summaryJobs,
  ...aiFlowJobs,
];
