import type { Db } from "@/lib/db/types";
import { cleanupExpired } from "./cleanup";

export type JobDefinition<T = unknown> = {
  name: string;
  /** Cron expression (UTC) for jobs that run on a schedule. */
  cron?: string;
  retryLimit?: number;
  run: (db: Db, data: T) => Promise<unknown>;
};

/** Every job type the workers handle. Later features add their handlers here. */
export const jobDefinitions: JobDefinition[] = [
  {
    name: "maintenance.cleanup-expired",
    cron: "17 3 * * *",
    retryLimit: 3,
    run: (db) => cleanupExpired(db),
  },
];
