import { flushSessionEndJobs } from "@/lib/aiflow/enqueue";
import { openDatabase, setDatabase, type DbHandle } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { seedFirstStart, type FirstStart } from "@/lib/db/seed-first-start";
import { getEnv } from "@/lib/env";
import { flushDeliveryCounts } from "@/lib/hooks/delivery-counts";
import { startJobs, type Jobs } from "@/lib/jobs/boss";

export type Runtime = { handle: DbHandle; jobs?: Jobs; firstStart?: FirstStart; close: () => Promise<void> };

/** Describes a database connection failure in words an operator can act on. */
export function describeDatabaseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code: unknown = error instanceof Error ? Reflect.get(error, "code") : undefined;
  const env = getEnv();
  if (!env.databaseUrl) return `Cannot open the embedded database in ${env.dataDir}: ${message}`;
  const where = (() => {
    try {
      const url = new URL(env.databaseUrl);
      return `${url.hostname}:${url.port || 5432}${url.pathname}`;
    } catch {
      return "DATABASE_URL";
    }
  })();
  const hint =
    code === "ECONNREFUSED"
      ? "Is PostgreSQL running and listening there?"
      : code === "28P01"
        ? "The user name or password in DATABASE_URL is wrong."
        : code === "3D000"
          ? "The database does not exist; create it first (createdb)."
          : "";
  return `Cannot connect to PostgreSQL at ${where}: ${message}${hint ? ` ${hint}` : ""}`;
}

/**
 * Opens the database, applies migrations, seeds the first start and starts the job system.
 * Used by the web server, the worker and the CLI, so all of them see one schema.
 */
export async function bootstrap(options: { jobs: "off" | "send-only" | "workers"; seed: boolean }): Promise<Runtime> {
  const handle = await openDatabase();
  try {
    setDatabase(handle);
    await runMigrations(handle);
    const firstStart = options.seed ? await seedFirstStart(handle.db) : undefined;
    const jobs = options.jobs === "off" ? undefined : await startJobs(handle, { workers: options.jobs === "workers" });
    return {
      handle,
      jobs,
      firstStart,
      close: async () => {
        await flushDeliveryCounts();
        await flushSessionEndJobs();
        await jobs?.stop();
        await handle.close();
      },
    };
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}
