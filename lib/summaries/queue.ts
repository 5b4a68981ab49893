import { getJobs } from "@/lib/jobs/boss";

import { summaryJobInserts } from "./job-inserts";

/** Queues the generation of waiting summaries (see summaryJobInserts). */
export async function enqueueSummaries(orgId: string, summaryIds: string[]): Promise<void> {
  if (summaryIds.length === 0) return;
  const { boss } = await getJobs();
  for (let i = 0; i < summaryIds.length; i += 500)
    await boss.insert(summaryJobInserts(orgId, summaryIds.slice(i, i + 500)));
}
