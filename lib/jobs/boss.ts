import PgBoss from "pg-boss";
import type { DbHandle } from "@/lib/db/client";
import { getDatabase } from "@/lib/db/client";
import { processSingleton } from "@/lib/process-singleton";
import { jobDefinitions } from "./definitions";

/** pg-boss on the app's own database: PGlite through executeSql, PostgreSQL through its own pool. */
export function createBoss(handle: DbHandle): PgBoss {
  if (handle.raw.kind === "postgres") {
    return new PgBoss({ connectionString: handle.raw.url, max: 3, schema: "pgboss", application_name: "switchboard-jobs" });
  }
  const pg = handle.raw.client;
  return new PgBoss({
    schema: "pgboss",
    db: {
      async executeSql(text: string, values?: unknown[]) {
        if (values && values.length > 0) return { rows: (await pg.query(text, values)).rows };
        // pg-boss sends its DDL and locked sections as one multi-statement string, which only
        // the simple protocol (exec) accepts.
        const results = await pg.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      },
    },
  });
}

export type Jobs = { boss: PgBoss; stop: () => Promise<void> };

type Slot = { jobs?: Promise<Jobs> };
const isSlot = (value: unknown): value is Slot => value !== null && typeof value === "object" && "jobs" in value;
const slot = () => processSingleton<Slot>("jobs", isSlot, () => ({ jobs: undefined }));

/**
 * Starts pg-boss, creates every queue and schedule, and, when this process runs workers,
 * subscribes the handlers. Without workers the process can still send jobs.
 */
export async function startJobs(handle: DbHandle, options: { workers: boolean }): Promise<Jobs> {
  const boss = createBoss(handle);
  boss.on("error", (error: unknown) => console.error("[jobs]", error instanceof Error ? error.message : error));
  await boss.start();
  for (const job of jobDefinitions) {
    await boss.createQueue(job.name, { name: job.name, retryLimit: job.retryLimit ?? 2, retryBackoff: true });
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: "UTC" });
    if (options.workers) {
      await boss.work(job.name, async (batch) => {
        for (const item of batch) await job.run(handle.db, item.data);
      });
    }
  }
  const jobs: Jobs = { boss, stop: () => boss.stop({ graceful: true, timeout: 10_000, wait: true }) };
  slot().jobs = Promise.resolve(jobs);
  return jobs;
}

/** The running job system, for code that enqueues work (route handlers, actions). */
export async function getJobs(): Promise<Jobs> {
  const s = slot();
  s.jobs ??= getDatabase().then((handle) => startJobs(handle, { workers: false }));
  return s.jobs;
}
