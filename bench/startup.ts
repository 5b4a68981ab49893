// Start-up time and idle memory of `npm start` on an already built app.
//   npx tsx bench/startup.ts [--runs 5] [--database-url postgres://...]
// Each run spawns `npm start` on a free port, polls GET /api/ready every 20 ms until it answers
// 200, then waits 10 s idle and reads the resident memory of the server process from /proc.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import { buildStaleness } from "@/lib/server/ensure-build";

import { sleep } from "./support";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    "database-url": { type: "string" },
    idle: { type: "string", default: "10" },
  },
});
const runs = Number(values.runs);
const root = path.resolve(import.meta.dirname, "..");
if (buildStaleness(root)) {
  console.error("Build first (npm run build): this measures start-up of a built app.");
  process.exit(1);
}

function children(pid: number): number[] {
  try {
    const direct = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
    return direct.flatMap((c) => [c, ...children(c)]);
  } catch {
    return [];
  }
}

const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);

async function oneRun(dataDir: string, port: number) {
  const env = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: values["database-url"] ?? "",
    APP_SECRET: "bench-secret-bench-secret-bench-secret-0000",
  };
  const started = performance.now();
  const child = spawn("npm", ["start"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  let readyMs = 0;
  for (;;) {
    if (performance.now() - started > 60_000) throw new Error(`not ready after 60 s:\n${output}`);
    try {
      const res = await fetch(`http://localhost:${port}/api/ready`);
      if (res.status === 200) {
        readyMs = performance.now() - started;
        break;
      }
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
  await sleep(Number(values.idle) * 1000);
  const tree = children(child.pid ?? 0);
  const sizes = tree.map((pid) => ({ pid, kb: rssKb(pid) }));
  const server = sizes.reduce((a, b) => (b.kb > a.kb ? b : a), { pid: 0, kb: 0 });
  process.kill(-(child.pid ?? 0), "SIGTERM");
  await new Promise((r) => child.once("exit", r));
  return { readyMs, serverRssMb: server.kb / 1024, treeRssMb: sizes.reduce((s, p) => s + p.kb, 0) / 1024 };
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), "sb-bench-startup-"));
const db = values["database-url"] ? "PostgreSQL" : "embedded PGlite";
try {
  const first = await oneRun(dataDir, 3900);
  console.log(`first start (${db}, empty database: migrations + demo seed): ready in ${first.readyMs.toFixed(0)} ms`);
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await oneRun(dataDir, 3901 + i));
  const ready = results.map((r) => r.readyMs).sort((a, b) => a - b);
  const median = (xs: number[]) => xs[Math.floor(xs.length / 2)] ?? 0;
  console.log(
    `npm start → /api/ready 200 (${db}, ${runs} runs): median ${median(ready).toFixed(0)} ms, min ${ready[0]?.toFixed(0)} ms, max ${ready.at(-1)?.toFixed(0)} ms`,
  );
  console.log(
    `idle memory after ${values.idle} s: server process RSS median ${median(results.map((r) => r.serverRssMb).sort((a, b) => a - b)).toFixed(0)} MB, whole process tree (npm + tsx + server) ${median(results.map((r) => r.treeRssMb).sort((a, b) => a - b)).toFixed(0)} MB`,
  );
  console.log(
    `reproduce: npx tsx bench/startup.ts --runs ${runs}${values["database-url"] ? " --database-url <url>" : ""}`,
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
