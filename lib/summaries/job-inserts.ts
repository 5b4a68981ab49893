import type PgBoss from "pg-boss";

export const GENERATE_SUMMARY_JOB = "summaries.generate";

export type GenerateSummaryJob = { orgId: string; summaryId: string };

/**
 * The queue entries that generate waiting summaries. The summary id is the job's singleton key
 * (the queue is "stately"), so sending one again while it waits or runs adds nothing: the
 * sweeper relies on that to resend whatever a crash lost.
 */
export const summaryJobInserts = (orgId: string, summaryIds: string[]): PgBoss.JobInsert[] =>
  summaryIds.map((summaryId) => ({
    name: GENERATE_SUMMARY_JOB,
    data: { orgId, summaryId } satisfies GenerateSummaryJob,
    singletonKey: summaryId,
  }));
