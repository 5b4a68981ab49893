import path from "node:path";

import type { PGlite } from "@electric-sql/pglite";
import type { Sql } from "postgres";

import { getEnv } from "@/lib/env";
import { processSingleton } from "@/lib/process-singleton";

import { acquirePgliteLock } from "./pglite-lock";
import * as schema from "./schema";
import type { Db, DbKind } from "./types";

export type { Db, DbKind } from "./types";

export type RawClient = { kind: "pglite"; client: PGlite } | { kind: "postgres"; client: Sql; url: string };

export type DbHandle = {
  kind: DbKind;
  db: Db;
  raw: RawClient;
  close: () => Promise<void>;
};

/** Wraps a raw client in Drizzle with the app's schema and naming. */
export async function wrapClient(raw: RawClient): Promise<Db> {
  if (raw.kind === "pglite") {
    const { drizzle } = await import("drizzle-orm/pglite");
    return drizzle({ client: raw.client, schema, casing: "snake_case" });
  }
  const { drizzle } = await import("drizzle-orm/postgres-js");
  return drizzle({ client: raw.client, schema, casing: "snake_case" });
}

export async function openPglite(dataDir: string | undefined): Promise<PGlite> {
  const { PGlite } = await import("@electric-sql/pglite");
  // The extensions the search migration creates (drizzle/0002_search_setup.sql).
  const [{ unaccent }, { pg_trgm }, { btree_gin }] = await Promise.all([
    import("@electric-sql/pglite/contrib/unaccent"),
    import("@electric-sql/pglite/contrib/pg_trgm"),
    import("@electric-sql/pglite/contrib/btree_gin"),
  ]);
  // PGlite's 128 MB of shared buffers stay resident in the process; the embedded database is
  // for small teams and trials (the OS still caches its files), so a quarter of that will do.
  const pg = new PGlite({
    dataDir,
    startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=32MB"],
    extensions: { unaccent, pg_trgm, btree_gin },
  });
  await pg.waitReady;
  return pg;
}

/**
 * Drizzle runs every query through postgres.js's `unsafe` with `prepare: false`, which costs a
 * second round trip per query (describe, then execute). Asking for named prepared statements
 * instead (cached per connection, as postgres.js does for its own queries) halves the round trips
 * of every query, inside transactions and savepoints too.
 */
function alwaysPrepare<T extends Sql>(sql: T): T {
  return new Proxy(sql, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      if (property === "unsafe") {
        return (query: string, params?: never[], options?: object) =>
          target.unsafe(query, params, { ...options, prepare: true });
      }
      if (property === "begin" || property === "savepoint") {
        return (...args: unknown[]) =>
          Reflect.apply(
            value,
            target,
            args.map((arg) =>
              typeof arg === "function" ? (tx: Sql) => Reflect.apply(arg, undefined, [alwaysPrepare(tx)]) : arg,
            ),
          );
      }
      return value.bind(target);
    },
  });
}

/**
 * No request may hold a connection for good: a statement that runs past a minute is cancelled, a
 * transaction left idle for 30 s is ended by the server (its connection returns to the pool), and
 * a database that does not accept a connection within 5 s is reported as unreachable.
 */
export const POSTGRES_TIMEOUTS = { statementMs: 60_000, idleInTransactionMs: 30_000, connectSeconds: 5 } as const;

export async function openPostgres(url: string, max: number): Promise<Sql> {
  const { default: postgres } = await import("postgres");
  return alwaysPrepare(
    postgres(url, {
      max,
      onnotice: () => undefined,
      connect_timeout: POSTGRES_TIMEOUTS.connectSeconds,
      connection: {
        application_name: "switchboard",
        statement_timeout: POSTGRES_TIMEOUTS.statementMs,
        idle_in_transaction_session_timeout: POSTGRES_TIMEOUTS.idleInTransactionMs,
      },
    }),
  );
}

/** Opens the configured database: PostgreSQL when DATABASE_URL is set, else PGlite under DATA_DIR. */
export async function openDatabase(): Promise<DbHandle> {
  const env = getEnv();
  if (env.databaseUrl) {
    const client = await openPostgres(env.databaseUrl, env.databasePoolMax);
    const raw: RawClient = { kind: "postgres", client, url: env.databaseUrl };
    return { kind: "postgres", raw, db: await wrapClient(raw), close: () => client.end({ timeout: 5 }) };
  }
  const release = acquirePgliteLock(env.dataDir);
  try {
    const client = await openPglite(path.join(env.dataDir, "pglite"));
    const raw: RawClient = { kind: "pglite", client };
    return {
      kind: "pglite",
      raw,
      db: await wrapClient(raw),
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

// The custom server and the modules Next.js bundles must share one connection (PGlite allows
// only one), so the handle is a process singleton.
type Slot = { handle?: Promise<DbHandle> };
const isSlot = (value: unknown): value is Slot => value !== null && typeof value === "object" && "handle" in value;
const globalSlot = (): Slot => processSingleton<Slot>("database", isSlot, () => ({ handle: undefined }));

/** Installs an already-open database as the process-wide one (server start-up, tests). */
export function setDatabase(handle: DbHandle): void {
  globalSlot().handle = Promise.resolve(handle);
}

export function clearDatabase(): void {
  globalSlot().handle = undefined;
}

/**
 * The process-wide database. server.ts opens it at start-up; without it (next start, serverless)
 * it is opened on first use and brought up to date with the committed migrations first.
 */
export async function getDatabase(): Promise<DbHandle> {
  const s = globalSlot();
  s.handle ??= openMigrated().catch((error: unknown) => {
    s.handle = undefined;
    throw error;
  });
  return s.handle;
}

async function openMigrated(): Promise<DbHandle> {
  const handle = await openDatabase();
  try {
    const { runMigrations } = await import("./migrate");
    await runMigrations(handle);
    return handle;
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

/** Shorthand for pages, actions and route handlers. */
export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}
