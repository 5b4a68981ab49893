import path from "node:path";

import type { DbHandle } from "./client";

const migrationsFolder = path.resolve(process.cwd(), "drizzle");

// Any fixed number shared by every Switchboard process: serialises migrations when several
// processes start at once against one PostgreSQL.
const MIGRATION_LOCK_KEY = 727_001;

/** Applies the committed migrations in drizzle/ that this database has not seen yet. */
export async function runMigrations(handle: DbHandle): Promise<void> {
  if (handle.raw.kind === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    const { drizzle } = await import("drizzle-orm/pglite");
    await migrate(drizzle({ client: handle.raw.client }), { migrationsFolder });
    return;
  }
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { default: postgres } = await import("postgres");
  // A session-level advisory lock needs one dedicated connection for its whole life.
  const connection = postgres(handle.raw.url, { max: 1, onnotice: () => undefined });
  try {
    await connection`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migrate(drizzle({ client: connection }), { migrationsFolder });
  } finally {
    await connection.end({ timeout: 5 });
  }
}
