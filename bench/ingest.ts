// Ingest throughput: sipgate bundles posted to a running production server on PostgreSQL.
//   npx tsx bench/ingest.ts [--bundles 10000] [--repeats 0.2] [--connections 50] [--database-url postgres://user:pass@host/postgres]
// Starts `tsx server.ts` on a fresh database, creates an organisation and a sipgate integration,
// posts the bundles (a share of them repeated, interleaved after their originals) over keep-alive
// connections, and reports accepted bundles/s, ack latency percentiles, errors and duplicate calls.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";

import postgres from "postgres";
import { z } from "zod";

import { buildStaleness } from "@/lib/server/ensure-build";

import { machineBusyMs, percentile, waitReady } from "./support";

const { values } = parseArgs({
  options: {
    bundles: { type: "string", default: "10000" },
    repeats: { type: "string", default: "0.2" },
    connections: { type: "string", default: "50" },
    "database-url": {
      type: "string",
      default: process.env.BENCH_DATABASE_URL ?? "postgres://postgres:postgres@localhost:5432/postgres",
    },
    port: { type: "string", default: "3950" },
    // Extra Node.js flags for the server, e.g. --node-args=--cpu-prof to profile it.
    "node-args": { type: "string", default: "" },
  },
});
const total = Number(values.bundles);
const repeatShare = Number(values.repeats);
const connections = Number(values.connections);
const port = Number(values.port);
const root = path.resolve(import.meta.dirname, "..");
const startScript = z
  .object({ scripts: z.object({ start: z.string() }) })
  .parse(JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"))).scripts.start;

if (buildStaleness(root)) {
  console.error("Build first (npm run build): this measures the production server.");
  process.exit(1);
}

const words = {
  de: "Guten Tag ich rufe wegen meiner Rechnung an die Lieferung ist noch nicht angekommen können Sie bitte prüfen wann das Paket kommt vielen Dank für Ihre Geduld wir melden uns morgen zurück".split(
    " ",
  ),
  en: "Hello I am calling about my invoice the delivery has not arrived yet could you please check when the parcel will come thank you for your patience we will call you back tomorrow".split(
    " ",
  ),
};
const sentence = (lang: "de" | "en", n: number) =>
  Array.from({ length: n }, () => words[lang][Math.floor(Math.random() * words[lang].length)]).join(" ") + ".";

function bundle(i: number): string {
  const lang = i % 3 === 0 ? "de" : "en";
  const segments = 10 + Math.floor(Math.random() * 31);
  const start = Date.UTC(2026, 10, 1) + i * 60_000;
  return JSON.stringify({
    callHeadline: sentence(lang, 8),
    call: {
      id: `bench-${i}-${randomBytes(4).toString("hex")}`,
      caller: `+49175${String(1_000_000 + i).slice(-7)}`,
      callee: "+498912345678",
      startTime: start,
      endTime: start + segments * 6000,
      duration: segments * 6,
      direction: i % 4 ? "inbound" : "outbound",
    },
    channel: { id: "channel_1", name: "Sales Hotline" },
    transcriptions: Array.from({ length: segments }, (_, s) => ({
      speaker: s % 2 ? "callee" : "caller",
      startTime: s * 6000,
      endTime: s * 6000 + 5500,
      text: sentence(lang, 12 + (s % 10)),
    })),
    summary: sentence(lang, 40),
    note: { content: sentence(lang, 10) },
    actionItems: [{ id: "a1", text: sentence(lang, 9) }],
    smallTalkItems: [],
    smartAnswers: [{ id: "s1", question: sentence(lang, 6), answer: sentence(lang, 10) }],
  });
}

/** Unique bundles, with repeats inserted at random later positions than their originals. */
function workload(): string[] {
  const uniques = Math.round(total * (1 - repeatShare));
  const list = Array.from({ length: uniques }, (_, i) => bundle(i));
  for (let r = 0; r < total - uniques; r++) {
    const original = Math.floor(Math.random() * uniques);
    const position = original + 1 + Math.floor(Math.random() * (list.length - original));
    list.splice(position, 0, list[original] ?? "");
  }
  return list;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: connections });

function post(pathname: string, body: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "localhost",
        port,
        path: pathname,
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function main() {
  const admin = postgres(values["database-url"], { max: 1, onnotice: () => undefined });
  const dbName = `sb_bench_ingest_${Date.now()}`;
  await admin.unsafe(`create database ${dbName}`);
  const url = new URL(values["database-url"]);
  url.pathname = `/${dbName}`;
  const env = {
    ...process.env,
    DATABASE_URL: url.toString(),
    PORT: String(port),
    APP_URL: `http://localhost:${port}`,
    APP_SECRET: "bench-secret-bench-secret-bench-secret-0000",
  };
  let output = "";
  // The command of `npm start`, run directly so that extra Node flags (profiling) can be added.
  const startArgs = startScript.split(" ").filter(Boolean).slice(1);
  const nodeArgs = values["node-args"].split(" ").filter(Boolean);
  const server = spawn(process.execPath, [...nodeArgs, ...startArgs], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  server.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  try {
    await waitReady(server, `http://localhost:${port}/api/ready`, () => output);
    const created = await new Promise<string>((resolve, reject) => {
      const cli = spawn(
        path.join(root, "node_modules/.bin/tsx"),
        ["lib/cli/admin.ts", "create-integration", "--org", "demo", "--provider", "sipgate", "--name", "Bench"],
        { cwd: root, env },
      );
      let out = "";
      cli.stdout.on("data", (d: Buffer) => (out += d.toString()));
      cli.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(out))));
    });
    const hookPath = new URL(/Hook URL: (\S+)/.exec(created)?.[1] ?? "").pathname;

    const bodies = workload();
    await Promise.all(bodies.slice(0, 50).map((b) => post(hookPath, b.replace('"bench-', '"warmup-'))));
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const busyBefore = machineBusyMs();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++] ?? "";
          const { status, ms } = await post(hookPath, body).catch(() => ({ status: 0, ms: 0 }));
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          latencies.push(ms);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const busyMs = machineBusyMs() - busyBefore;
    const db = postgres(url.toString(), { max: 1 });
    const [counts] =
      await db`select count(*)::int as calls, count(distinct (org_id, provider, vendor_call_id))::int as keys from calls where vendor_call_id like 'bench-%'`;
    await db.end();
    latencies.sort((a, b) => a - b);
    const accepted = statuses.get(200) ?? 0;
    console.log(
      `bench/ingest: ${bodies.length} sipgate bundles (${Math.round(repeatShare * 100)} % repeats), ${connections} connections, production server on PostgreSQL`,
    );
    console.log(`  accepted ${accepted} in ${seconds.toFixed(1)} s = ${(accepted / seconds).toFixed(0)} bundles/s`);
    console.log(
      `  ack latency ms: p50 ${percentile(latencies, 50).toFixed(1)}, p95 ${percentile(latencies, 95).toFixed(1)}, p99 ${percentile(latencies, 99).toFixed(1)}, max ${latencies.at(-1)?.toFixed(1)}`,
    );
    console.log(
      `  machine CPU per bundle: ${(busyMs / bodies.length).toFixed(2)} ms (server, PostgreSQL and this load generator together)`,
    );
    console.log(`  errors (non-200): ${bodies.length - accepted} ${JSON.stringify(Object.fromEntries(statuses))}`);
    console.log(
      `  calls stored: ${counts?.calls} for ${Math.round(total * (1 - repeatShare))} distinct bundles; duplicate calls: ${(counts?.calls ?? 0) - (counts?.keys ?? 0)}`,
    );
    console.log(
      `  reproduce: npx tsx bench/ingest.ts --bundles ${total} --repeats ${repeatShare} --connections ${connections}`,
    );
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    agent.destroy();
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}

await main();
