// Inbox at scale: seeds an organisation with N calls and measures the inbox's queries and the
// full server render of its page.
//   npx tsx bench/inbox.ts [--calls 1000000] [--runs 30] [--database-url postgres://…/postgres] [--reseed]
//   npx tsx bench/inbox.ts --pglite --calls 100000
// The seeded database is kept (sb_bench_inbox_<N>, or .scratch/bench-pglite-<N>) so reruns skip
// the long load; --reseed starts over.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

import { and, eq, sql } from "drizzle-orm";

import { cliActor } from "@/lib/audit/record";
import { searchInbox } from "@/lib/calls/search/inbox";
import { readInboxParams } from "@/lib/calls/search/params";
import { openPglite, openPostgres, wrapClient, type DbHandle, type RawClient } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { calls, memberships } from "@/lib/db/schema";
import { createIntegration } from "@/lib/integrations/create-integration";
import { createOrganisation } from "@/lib/orgs/create-org";
import { findOrgBySlug } from "@/lib/orgs/queries";
import { buildStaleness } from "@/lib/server/ensure-build";
import { createUser } from "@/lib/users/create-user";
import { findUserByEmail } from "@/lib/users/queries";

import { PHRASE, RARE_WORD, seedCalls, type Exec } from "./inbox-data";
import { measurePageRenders } from "./inbox-page";

const { values } = parseArgs({
  options: {
    calls: { type: "string", default: "1000000" },
    runs: { type: "string", default: "30" },
    "database-url": {
      type: "string",
      default: process.env.BENCH_DATABASE_URL ?? "postgres://postgres:postgres@localhost:5432/postgres",
    },
    pglite: { type: "boolean", default: false },
    reseed: { type: "boolean", default: false },
  },
});
const total = Number(values.calls);
const runs = Number(values.runs);
const root = path.resolve(import.meta.dirname, "..");
const SLUG = "bench-inbox";
export const BENCH_USER = { email: "inbox-reader@example.com", password: "quiet lighthouse passphrase" };
const log = (line: string) => console.log(line);

async function open(): Promise<{ handle: DbHandle; exec: Exec; serverEnv: Record<string, string> }> {
  if (values.pglite) {
    const dataDir = path.join(root, ".scratch", `bench-pglite-${total}`);
    if (values.reseed) rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    const client = await openPglite(path.join(dataDir, "pglite"));
    const raw: RawClient = { kind: "pglite", client };
    const handle: DbHandle = { kind: "pglite", raw, db: await wrapClient(raw), close: () => client.close() };
    const exec: Exec = async (text, params) =>
      params
        ? (await client.query<Record<string, unknown>>(text, params)).rows
        : ((await client.exec(text)).at(-1)?.rows ?? []);
    return { handle, exec, serverEnv: { DATA_DIR: dataDir } };
  }
  const admin = await openPostgres(values["database-url"], 1);
  const name = `sb_bench_inbox_${total}`;
  if (values.reseed) await admin.unsafe(`drop database if exists ${name} with (force)`);
  const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
  if (!exists) await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(values["database-url"]);
  url.pathname = `/${name}`;
  const client = await openPostgres(url.toString(), 4);
  // The load runs its own transactions (begin … commit), which needs one dedicated connection.
  const loader = await openPostgres(url.toString(), 1);
  const raw: RawClient = { kind: "postgres", client, url: url.toString() };
  const close = async () => {
    await client.end({ timeout: 5 });
    await loader.end({ timeout: 5 });
  };
  const handle: DbHandle = { kind: "postgres", raw, db: await wrapClient(raw), close };
  const exec: Exec = async (text, params) => [...(await loader.unsafe(text, params))];
  return { handle, exec, serverEnv: { DATABASE_URL: url.toString() } };
}

async function ensureSeeded(handle: DbHandle, exec: Exec): Promise<string> {
  await runMigrations(handle);
  const db = handle.db;
  let org = await findOrgBySlug(db, SLUG);
  if (!org) org = await createOrganisation(db, { name: "Bench inbox", slug: SLUG }, cliActor);
  if (!(await findUserByEmail(db, BENCH_USER.email))) {
    const user = await createUser(db, { ...BENCH_USER });
    await db.insert(memberships).values({ orgId: org.id, userId: user.id, role: "owner" });
  }
  const [{ n } = { n: 0 }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(calls)
    .where(eq(calls.orgId, org.id));
  if (n >= total) {
    log(`using the seeded ${n.toLocaleString("en")} calls (--reseed to start over)`);
    return org.id;
  }
  if (n > 0) await exec("delete from calls where org_id = $1", [org.id]);
  const integrationIds = [];
  for (const provider of ["sipgate", "pbx", "vcon"])
    integrationIds.push((await createIntegration(db, org.id, cliActor, { provider, name: `Bench ${provider}` })).id);
  log(`seeding ${total.toLocaleString("en")} calls…`);
  const started = Date.now();
  await seedCalls(exec, org.id, integrationIds, total, log);
  log(`seeded in ${((Date.now() - started) / 60000).toFixed(1)} min`);
  return org.id;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

async function time(label: string, fn: () => Promise<unknown>): Promise<{ label: string; p50: number; p95: number }> {
  for (let i = 0; i < 3; i++) await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { label, p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function main() {
  const { handle, exec, serverEnv } = await open();
  const orgId = await ensureSeeded(handle, exec);
  const db = handle.db;
  const size = await exec(
    handle.kind === "postgres"
      ? "select pg_size_pretty(pg_database_size(current_database())) as db, pg_size_pretty(pg_total_relation_size('calls')) as calls, pg_size_pretty(pg_total_relation_size('transcript_segments')) as segments, (select count(*) from transcript_segments) as segment_rows"
      : "select pg_size_pretty(pg_total_relation_size('calls')) as calls, pg_size_pretty(pg_total_relation_size('transcript_segments')) as segments, (select count(*) from transcript_segments) as segment_rows",
  );
  log(`data: ${JSON.stringify(size[0])}`);

  const [sample] = await db
    .select({ parties: calls.parties })
    .from(calls)
    .where(and(eq(calls.orgId, orgId), eq(calls.vendorCallId, `bench-${Math.floor(total / 2)}`)));
  const e164 = sample?.parties[0]?.number ?? "+491751234567";
  const national = `0${e164.slice(3, 6)}/${e164.slice(6)}`;
  const run = (query: Record<string, string>) => () => searchInbox(db, orgId, readInboxParams(query).params);

  let cursor: string | undefined;
  for (let page = 1; page < 50; page++)
    cursor = (await searchInbox(db, orgId, readInboxParams(cursor ? { cursor } : {}).params)).nextCursor;
  const recent = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);

  const results = [
    await time("first page, unfiltered", run({})),
    await time(`rare word ("${RARE_WORD}")`, run({ q: RARE_WORD })),
    await time('common word ("rechnung")', run({ q: "rechnung" })),
    await time(`two-word phrase ("${PHRASE}")`, run({ q: `"${PHRASE}"` })),
    await time(`phone number in another format (${national})`, run({ q: national })),
    await time(
      "three filters (source, direction, last 90 days)",
      run({ provider: "pbx", direction: "inbound", from: recent }),
    ),
    await time("page 50 by keyset", run(cursor ? { cursor } : {})),
  ];
  await handle.close();
  const pages = [
    { label: "full server render of the inbox page (HTTP, signed in)", query: "" },
    { label: "… searching a phrase, newest first", query: `?q=${encodeURIComponent(`"${PHRASE}"`)}` },
    {
      label: "… three filters, sorted by duration",
      query: `?provider=pbx&direction=inbound&from=${recent}&sort=duration`,
    },
  ];
  results.push(...(await measurePageRenders({ root, env: serverEnv, slug: SLUG, user: BENCH_USER, runs, pages })));

  log(
    `\nbench/inbox: ${total.toLocaleString("en")} calls on ${values.pglite ? "PGlite" : "PostgreSQL"}, ${runs} runs each after 3 warm-ups`,
  );
  for (const r of results)
    log(`  ${r.label.padEnd(58)} p50 ${r.p50.toFixed(1).padStart(7)} ms   p95 ${r.p95.toFixed(1).padStart(7)} ms`);
  log(`  reproduce: npx tsx bench/inbox.ts --calls ${total} --runs ${runs}${values.pglite ? " --pglite" : ""}`);
}

if (buildStaleness(root)) {
  console.error("Build first (npm run build): the page render is measured on the production server.");
  process.exit(1);
}
await main();
