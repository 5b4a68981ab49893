import PgBoss from "pg-boss";

import { getDatabase, type DbHandle } from "@/lib/db/client";
import { processSingleton } from "@/lib/process-singleton";

import { jobDefinitions } from "./definitions";
import { onSpareCapacity } from "./spare-capacity";

/** pg-boss on the app's own database: PGlite through executeSql, PostgreSQL through its own pool. */
export function createBoss(handle: DbHandle): PgBoss {
  if (handle.raw.kind === "postgres") {
    return new PgBoss({
      connectionString: handle.raw.url,
      max: 3,
      schema: "pgboss",
      application_name: "switchboard-jobs",
    });
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

/**
 * Runs a fetched batch, `concurrency` at a time. Any failure fails the batch (pg-boss retries its
 * jobs), so every handler must be safe to run again.
 */
async function runBatch<T>(batch: T[], concurrency: number, run: (item: T) => Promise<unknown>): Promise<void> {
  const queue = [...batch];
  const failures: unknown[] = [];
  const lanes = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      await run(item).catch((error: unknown) => failures.push(error));
    }
  });
  await Promise.all(lanes);
  if (failures.length > 0) throw failures[0];
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
    await boss.createQueue(job.name, {
      name: job.name,
      policy: job.policy ?? "standard",
      retryLimit: job.retryLimit ?? 2,
      retryBackoff: true,
    });
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: "UTC" });
    if (options.workers) {
      const workOptions = { batchSize: job.batchSize ?? 1, pollingIntervalSeconds: job.pollingIntervalSeconds ?? 2 };
      await boss.work(job.name, workOptions, (batch) =>
        runBatch(batch, job.concurrency ?? 1, (item) =>
          job.onSpareCapacity
            ? onSpareCapacity(() => job.run(handle.db, item.data, boss))
            : job.run(handle.db, item.data, boss),
        ),
      );
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
