// AI Flow: Switchboard's echo flow against the seed's complete Express example, event for event.
//   npx tsx bench/aiflow.ts [--sessions 4000] [--connections 50] [--ws-sessions 500] [--rounds 4] [--database-url postgres://user:pass@host/postgres]
// Compiles a 500-node flow (in this process, before anything else runs). Then starts `tsx server.ts`
// on a fresh database, creates an organisation, an AI Flow integration, imports the echo flow
// (lib/flows/examples/echo.ts) and routes +4930123456 to it, and starts
// bench/reference/express-aiflow.js beside it. The same scripted calls (session_start, four
// user_speak, assistant_speak and assistant_speech_ended, a silence, session_end) go to both over
// HTTP keep-alive connections (bench/aiflow/http-client.ts), each connection one call after the
// other, each event after the previous reply; the servers take turns in rounds, and Switchboard's
// background work (a call per ended session) is drained after each of its turns, so it cannot
// slow Express's next one. Every acknowledged Switchboard event must be in voice_events. Last, 500 calls
// at once over Switchboard's WebSocket, paced like real calls. This process is the load
// generator; both servers are child processes.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import postgres from "postgres";
import { z } from "zod";

import { SESSION_TO_CALL_JOB } from "@/lib/aiflow/job-names";
import { echoFlow } from "@/lib/flows/examples/echo";
import { buildStaleness } from "@/lib/server/ensure-build";
import { GENERATE_SUMMARY_JOB } from "@/lib/summaries/job-inserts";

import { FLOW_NUMBER, scriptCall } from "./aiflow/calls";
import { measureCompile } from "./aiflow/compile";
import { mergeRuns, runCalls, type HttpRun, type HttpTarget } from "./aiflow/http-load";
import { runWebSocket } from "./aiflow/ws-load";
import {
  capture,
  cpuSince,
  machineBusyMs,
  percentile,
  postgresCpuMs,
  processCpuMs,
  run,
  sleep,
  sum,
  waitReady,
} from "./support";

const { values } = parseArgs({
  options: {
    sessions: { type: "string", default: "4000" },
    connections: { type: "string", default: "50" },
    "ws-sessions": { type: "string", default: "500" },
    // Express and Switchboard take turns this many times (the host's speed drifts).
    rounds: { type: "string", default: "4" },
    "compile-runs": { type: "string", default: "50" },
    // How long, after each of Switchboard's rounds, its background jobs (calls, summaries) may take to finish (seconds).
    drain: { type: "string", default: "30" },
    "database-url": {
      type: "string",
      default: process.env.BENCH_DATABASE_URL ?? "postgres://postgres:postgres@localhost:5432/postgres",
    },
    port: { type: "string", default: "3950" },
    "express-port": { type: "string", default: "3951" },
    // Extra Node.js flags for Switchboard's server, e.g. --node-args=--cpu-prof to profile it.
    "node-args": { type: "string", default: "" },
  },
});
const totalSessions = Number(values.sessions);
const connections = Number(values.connections);
const wsSessions = Number(values["ws-sessions"]);
const rounds = Math.max(1, Number(values.rounds));
const compileRuns = Number(values["compile-runs"]);
const drainLimit = Number(values.drain);
const port = Number(values.port);
const expressPort = Number(values["express-port"]);
const root = path.resolve(import.meta.dirname, "..");
const startScript = z
  .object({ scripts: z.object({ start: z.string() }) })
  .parse(JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"))).scripts.start;

if (buildStaleness(root)) {
  console.error("Build first (npm run build): this measures the production server.");
  process.exit(1);
}

const WARMUP_SESSIONS = 25; // about 430 events per server

// ---- the run ----

async function main() {
  const compile = measureCompile(500, compileRuns);

  const admin = postgres(values["database-url"], { max: 1, onnotice: () => undefined });
  const dbName = `sb_bench_aiflow_${Date.now()}`;
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
  const tmp = mkdtempSync(path.join(os.tmpdir(), "sb-bench-aiflow-"));
  let output = "";
  let expressOutput = "";
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
  const secret = randomBytes(24).toString("hex");
  const express = spawn(process.execPath, [path.join(root, "bench/reference/express-aiflow.js")], {
    cwd: root,
    env: { ...process.env, PORT: String(expressPort), AI_FLOW_SHARED_SECRET: secret, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  express.stdout?.on("data", (d: Buffer) => (expressOutput += d.toString()));
  express.stderr?.on("data", (d: Buffer) => (expressOutput += d.toString()));
  const db = postgres(url.toString(), { max: 1, onnotice: () => undefined });
  try {
    await waitReady(server, `http://localhost:${port}/api/ready`, () => output);
    await waitReady(express, `http://localhost:${expressPort}/health`, () => expressOutput);

    // `npm run admin -- …` is `tsx lib/cli/admin.ts …`, with the server's database and secret.
    const tsx = path.join(root, "node_modules/.bin/tsx");
    const adminCli = (...args: string[]) => run(tsx, ["lib/cli/admin.ts", ...args], env, root);
    await adminCli("create-org", "--name", "Bench", "--slug", "bench");
    const created = await adminCli("create-integration", "--org", "bench", "--provider", "aiflow", "--name", "Bench");
    const endpoint = new URL(capture(created, /Endpoint URL: (\S+)/));
    const token = capture(created, /X-API-TOKEN:\s+(\S+)/);
    const integrationId = endpoint.pathname.split("/").at(-1) ?? "";
    const flowFile = path.join(tmp, "echo.json");
    writeFileSync(flowFile, JSON.stringify(echoFlow));
    const imported = await adminCli("import-flow", "--org", "bench", "--file", flowFile, "--name", "Echo");
    const flowId = capture(imported, /Created flow "Echo" \(id ([0-9a-f-]+)\)/);
    capture(imported, /(Published version 1\.)/);
    await adminCli(
      "route-number",
      "--org",
      "bench",
      "--integration",
      integrationId,
      "--number",
      FLOW_NUMBER,
      "--flow",
      flowId,
    );

    const switchboard: HttpTarget = { name: "Switchboard", port, path: endpoint.pathname, token, pid: server.pid };
    const reference: HttpTarget = {
      name: "Express (seed)",
      port: expressPort,
      path: "/webhook",
      token: secret,
      pid: express.pid,
    };

    const calls = Array.from({ length: totalSessions }, scriptCall);
    const events = calls.reduce((n, c) => n + c.length, 0);
    const [eventsBefore] = await db`select count(*)::int as n from voice_events`;

    // The host's speed drifts (other tenants share it), so the servers take turns: in each round
    // Express gets a slice of the calls, then Switchboard the same slice, then Switchboard's
    // background work (a call for each ended session, and its summary) is given up to --drain seconds, so that it
    // cannot slow the next Express slice. Figures are over all rounds.
    const callsMade = async () => (await db`select count(*)::int as n from calls where provider = 'aiflow'`)[0]?.n ?? 0;
    const queued = async () =>
      (
        await db`select count(*)::int as n from pgboss.job where name in (${SESSION_TO_CALL_JOB}, ${GENERATE_SUMMARY_JOB}) and state in ('created', 'retry', 'active')`
      )[0]?.n ?? 0;
    await runCalls(reference, Array.from({ length: WARMUP_SESSIONS }, scriptCall), connections);
    const switchboardWarmup = await runCalls(
      switchboard,
      Array.from({ length: WARMUP_SESSIONS }, scriptCall),
      connections,
    );
    const expressRuns: HttpRun[] = [];
    const switchboardRuns: HttpRun[] = [];
    const drain = { seconds: 0, made: 0, busyMs: 0, serverMs: 0, madeDuringRuns: 0 };
    let waiting = 0;
    const perRound = Math.ceil(calls.length / rounds);
    for (let r = 0; r < rounds; r++) {
      const slice = calls.slice(r * perRound, (r + 1) * perRound);
      if (slice.length === 0) break;
      expressRuns.push(await runCalls(reference, slice, connections));
      const madeBeforeRun = await callsMade();
      switchboardRuns.push(await runCalls(switchboard, slice, connections));
      const madeBefore = await callsMade();
      drain.madeDuringRuns += madeBefore - madeBeforeRun;
      const drainStarted = performance.now();
      const busyBefore = machineBusyMs();
      const serverBefore = processCpuMs(server.pid);
      waiting = await queued();
      while (waiting > 0 && performance.now() - drainStarted < drainLimit * 1000) {
        await sleep(250);
        waiting = await queued();
      }
      drain.seconds += (performance.now() - drainStarted) / 1000;
      drain.busyMs += machineBusyMs() - busyBefore;
      drain.serverMs += processCpuMs(server.pid) - serverBefore;
      drain.made += (await callsMade()) - madeBefore;
    }
    const expressRun = mergeRuns(expressRuns);
    const switchboardRun = mergeRuns(switchboardRuns);
    const [stored] = await db`select count(*)::int as n from voice_events`;
    const storedEvents = (stored?.n ?? 0) - (eventsBefore?.n ?? 0);
    const ackedEvents = switchboardWarmup.acked + switchboardRun.acked;
    const drainLoad = drain.busyMs / (Math.max(drain.seconds, 0.001) * 1000 * os.availableParallelism());
    const drainServerLoad = drain.serverMs / (Math.max(drain.seconds, 0.001) * 1000);
    const made = await callsMade();

    const wsCalls = Array.from({ length: wsSessions }, scriptCall);
    const wsDbBefore = postgresCpuMs();
    const wsServerBefore = processCpuMs(server.pid);
    const ws = await runWebSocket(`ws://localhost:${port}${endpoint.pathname}/ws`, token, wsCalls);

    const wsDb = [...cpuSince(wsDbBefore, postgresCpuMs())].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
    const wsServerMs = processCpuMs(server.pid) - wsServerBefore;
    const ms = (v: number | undefined) => (v ?? 0).toFixed(1).padStart(7);
    const row = (name: string, r: HttpRun) =>
      `  ${name.padEnd(16)} ${(r.acked / r.seconds).toFixed(0).padStart(8)} ${ms(percentile(r.latencies, 50))} ${ms(percentile(r.latencies, 95))} ${ms(percentile(r.latencies, 99))} ${ms(r.latencies.at(-1))} ${String(r.events - r.acked).padStart(7)}  ${(r.serverCpuMs / r.events).toFixed(3).padStart(8)}  ${(sum(r.dbCpuMs) / r.events).toFixed(3).padStart(8)}  ${(r.machineCpuMs / r.events).toFixed(3).padStart(8)}   ${JSON.stringify(Object.fromEntries(r.statuses))}`;
    const p = (r: HttpRun, q: number) => percentile(r.latencies, q);
    const wsErrors = sum(ws.errors);
    const answered = wsCalls.reduce((n, c) => n + c.filter((e) => e.answers).length, 0);

    console.log(
      `bench/aiflow: echo flow (lib/flows/examples/echo.ts) vs the seed's Express example, production server on PostgreSQL`,
    );
    console.log(
      `HTTP: ${totalSessions} calls, ${events} events (${(events / totalSessions).toFixed(1)} per call), ${connections} keep-alive connections, in ${rounds} alternating rounds, after ${WARMUP_SESSIONS} warm-up calls each`,
    );
    console.log(
      `  ${"server".padEnd(16)} ${"events/s".padStart(8)} ${"p50 ms".padStart(7)} ${"p95 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"max ms".padStart(7)} ${"errors".padStart(7)}  ${"srv CPU".padStart(8)}  ${"db CPU".padStart(8)}  ${"all CPU".padStart(8)}   statuses`,
    );
    console.log(row(switchboard.name, switchboardRun));
    console.log(row(reference.name, expressRun));
    console.log(
      `  Switchboard / Express: events/s ${(switchboardRun.acked / switchboardRun.seconds / (expressRun.acked / expressRun.seconds)).toFixed(2)}×, ` +
        `p50 ${(p(switchboardRun, 50) / p(expressRun, 50)).toFixed(1)}×, p99 ${(p(switchboardRun, 99) / p(expressRun, 99)).toFixed(1)}× the latency; ` +
        `server CPU per event ${(switchboardRun.serverCpuMs / switchboardRun.events / (expressRun.serverCpuMs / expressRun.events)).toFixed(1)}×`,
    );
    console.log(
      `  CPU: ms per event of the server process (srv), of PostgreSQL (db: all its processes) and of the whole machine (all: servers, PostgreSQL, this load generator)`,
    );
    const perSecond = (r: HttpRun) => (r.acked / r.seconds).toFixed(0);
    console.log(
      `  rounds (events/s Switchboard / Express, PostgreSQL CPU ms per event): ` +
        switchboardRuns
          .map(
            (r, i) => `${perSecond(r)} / ${perSecond(expressRuns[i] ?? r)}, ${(sum(r.dbCpuMs) / r.events).toFixed(3)}`,
          )
          .join("; "),
    );
    const dbRoles = [...switchboardRun.dbCpuMs].filter(([, ms]) => ms > 0).sort((a, b) => b[1] - a[1]);
    console.log(
      `  Switchboard's PostgreSQL CPU per event by process: ${dbRoles.map(([role, ms]) => `${role} ${(ms / switchboardRun.events).toFixed(3)}`).join(", ")}`,
    );
    console.log(
      `  measured in ${switchboardRun.seconds.toFixed(1)} s (Switchboard) and ${expressRun.seconds.toFixed(1)} s (Express); Switchboard replies other than the echo flow's: ${switchboardRun.mismatches}`,
    );
    console.log(
      `  voice_events rows: ${storedEvents}; Switchboard events acknowledged (200/204, warm-up included): ${ackedEvents}${storedEvents === ackedEvents ? " (equal)" : " (DIFFERENT)"}`,
    );
    console.log(
      `  calls made from ended sessions (background jobs, on spare capacity): ${made} of ${WARMUP_SESSIONS + totalSessions}; ${drain.madeDuringRuns} during the measured runs, ` +
        `${drain.made} in ${drain.seconds.toFixed(1)} s after them` +
        (drain.seconds >= 1
          ? ` (${(drain.made / drain.seconds).toFixed(1)}/s at ${(drainLoad * 100).toFixed(0)} % machine CPU, server process ${(drainServerLoad * 100).toFixed(0)} % of a core); `
          : "; ") +
        (waiting ? `${waiting} jobs still queued during the WebSocket run` : "queue empty before the WebSocket run"),
    );
    console.log(
      `WebSocket (Switchboard): ${wsSessions} calls at once, one socket each, every event 200–600 ms after the previous reply`,
    );
    console.log(
      `  ${ws.sent} events in ${ws.seconds.toFixed(1)} s (${(ws.sent / ws.seconds).toFixed(0)}/s), ${ws.latencies.length} of ${answered} actions received; ` +
        `event→action ms: p50 ${percentile(ws.latencies, 50).toFixed(1)}, p95 ${percentile(ws.latencies, 95).toFixed(1)}, p99 ${percentile(ws.latencies, 99).toFixed(1)}, max ${(ws.latencies.at(-1) ?? 0).toFixed(1)}`,
    );
    console.log(
      `  CPU ms per event: server ${(wsServerMs / Math.max(ws.sent, 1)).toFixed(3)}, PostgreSQL ${wsDb.map(([role, v]) => `${role} ${(v / Math.max(ws.sent, 1)).toFixed(3)}`).join(", ")}`,
    );
    console.log(`  errors: ${wsErrors}${wsErrors ? ` ${JSON.stringify(Object.fromEntries(ws.errors))}` : ""}`);
    console.log(
      `Compile: ${compile.nodes}-node flow (${compile.edges} connections, ${compile.warnings} warnings, no errors), compileFlow with its validation, ${compileRuns} runs after warm-up`,
    );
    console.log(
      `  median ${compile.median.toFixed(2)} ms, max ${compile.max.toFixed(2)} ms (validation alone: median ${compile.validateMedian.toFixed(2)} ms)`,
    );
    console.log(
      `  reproduce: npx tsx bench/aiflow.ts --sessions ${totalSessions} --connections ${connections} --ws-sessions ${wsSessions}${rounds === 4 ? "" : ` --rounds ${rounds}`}${drainLimit === 30 ? "" : ` --drain ${drainLimit}`}`,
    );
    if (
      switchboardRun.events > switchboardRun.acked ||
      switchboardWarmup.events > switchboardWarmup.acked ||
      wsErrors > 0
    ) {
      console.log(`Switchboard's server log (last 3000 characters):\n${output.slice(-3000)}`);
    }
  } finally {
    for (const child of [server, express]) {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
    }
    rmSync(tmp, { recursive: true, force: true });
    await db.end();
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}

await main();
