import { randomBytes } from "node:crypto";

import { openPglite, openPostgres, wrapClient, type DbHandle, type RawClient } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";

/**
 * A fresh database with every migration applied: in-memory PGlite, or, when TEST_DATABASE_URL
 * is set, a new PostgreSQL database created for this test file and dropped afterwards.
 */
export async function createTestDatabase(): Promise<DbHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const client = await openPglite(undefined);
    const raw: RawClient = { kind: "pglite", client };
    const handle: DbHandle = { kind: "pglite", raw, db: await wrapClient(raw), close: () => client.close() };
    await runMigrations(handle);
    return handle;
  }
  const name = `sb_test_${randomBytes(6).toString("hex")}`;
  const admin = await openPostgres(serverUrl, 1);
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const client = await openPostgres(url.toString(), 5);
  const raw: RawClient = { kind: "postgres", client, url: url.toString() };
  const handle: DbHandle = {
    kind: "postgres",
    raw,
    db: await wrapClient(raw),
    close: async () => {
      await client.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
  await runMigrations(handle);
  return handle;
}
