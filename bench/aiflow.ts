// AI Flow: Switchboard's echo flow against the seed's complete Express example, event for event.
//   npx tsx bench/aiflow.ts [--sessions 4000] [--connections 50] [--ws-sessions 500] [--database-url postgres://user:pass@host/postgres]
// Compiles a 500-node flow (in this process, before anything else runs). Then starts `tsx server.ts`
// on a fresh database, creates an organisation, an AI Flow integration, imports the echo flow
// (lib/flows/examples/echo.ts) and routes +4930123456 to it, and starts
// bench/reference/express-aiflow.js beside it. The same scripted calls (session_start, four
// user_speak, assistant_speak and assistant_speech_ended, a silence, session_end) go to both over
// HTTP keep-alive connections, each connection one call after the other, each event after the
// previous reply; Express first, so Switchboard's background work (a call per ended session)
// cannot slow it. Every acknowledged Switchboard event must be in voice_events. Last, 500 calls
// at once over Switchboard's WebSocket, paced like real calls. This process is the load
// generator; both servers are child processes.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import postgres from "postgres";
import WebSocket from "ws";
import { buildStaleness } from "@/lib/server/ensure-build";
import { echoFlow } from "@/lib/flows/examples/echo";
import { compileFlow } from "@/lib/flows/compile";
import { hasErrors, validateFlow } from "@/lib/flows/validate";
import { FLOW_DOCUMENT_VERSION, flowDocumentSchema, type FlowDocument, type FlowDocumentInput } from "@/lib/flows/schema";
import { SESSION_TO_CALL_JOB } from "@/lib/aiflow/job-names";

const { values } = parseArgs({
  options: {
    sessions: { type: "string", default: "4000" },
    connections: { type: "string", default: "50" },
    "ws-sessions": { type: "string", default: "500" },
    "compile-runs": { type: "string", default: "50" },
    // How long to let the queued session→call jobs run before the WebSocket run (seconds).
    drain: { type: "string", default: "30" },
    "database-url": { type: "string", default: process.env.BENCH_DATABASE_URL ?? "postgres://postgres:postgres@localhost:5432/postgres" },
    port: { type: "string", default: "3950" },
    "express-port": { type: "string", default: "3951" },
    // Extra Node.js flags for Switchboard's server, e.g. --node-args=--cpu-prof to profile it.
    "node-args": { type: "string", default: "" },
  },
});
const totalSessions = Number(values.sessions);
const connections = Number(values.connections);
const wsSessions = Number(values["ws-sessions"]);
const compileRuns = Number(values["compile-runs"]);
const drainLimit = Number(values.drain);
const port = Number(values.port);
const expressPort = Number(values["express-port"]);
const root = path.resolve(import.meta.dirname, "..");
const startScript = z.object({ scripts: z.object({ start: z.string() }) }).parse(JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"))).scripts.start;

if (buildStaleness(root)) {
  console.error("Build first (npm run build): this measures the production server.");
  process.exit(1);
}

const FLOW_NUMBER = "+4930123456";
const WARMUP_SESSIONS = 25; // about 430 events per server
const WS_GAP_MS = 50; // after an event that gets no action: no frame to wait for
const WS_FRAME_TIMEOUT_MS = 10_000;

// ---- the calls ----

/** One event of a scripted call, and whether Switchboard's echo flow answers it with an action. */
type ScriptedEvent = { type: string; body: string; answers: boolean };
type Call = ScriptedEvent[];

const pick = <T>(list: readonly [T, ...T[]]): T => list[Math.floor(Math.random() * list.length)] ?? list[0];
type Texts = readonly [string, ...string[]];
// None of these contain "bye", "goodbye", "transfer" or "agent", not even inside a word.
const plainTexts: Texts = [
  "I am calling about my invoice from last month",
  "The parcel has not arrived yet",
  "Can you tell me when the delivery will come",
  "My customer number is 4711 0815",
  "I would like to change my address",
  "Ich rufe wegen meiner Rechnung an",
  "The order number is A 12345",
  "Yes that is correct",
  "Could you check the status of my order please",
  "I moved to Berlin last week and need a new contract",
];
const bargeInTexts: Texts = ["Wait, sorry, I meant the other invoice", "Hold on, that is not what I said", "No no, the delivery for my sister"];
const goodbyeTexts: Texts = ["Thank you, goodbye", "Okay bye", "That is all for today, bye bye"];
const transferTexts: Texts = ["Can I talk to an agent please", "Please transfer me to a human"];
const echoed = (text: string) => `You said: ${text}. How else can I help?`;

function scriptCall(): Call {
  const inbound = Math.random() < 0.8;
  const caller = `+49151${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
  const session = {
    id: randomUUID(),
    account_id: "bench-account",
    phone_number: FLOW_NUMBER,
    direction: inbound ? "inbound" : "outbound",
    from_phone_number: inbound ? caller : FLOW_NUMBER,
    to_phone_number: inbound ? FLOW_NUMBER : caller,
  };
  const call: Call = [];
  const add = (event: { type: string } & Record<string, unknown>, answers: boolean) => call.push({ type: event.type, body: JSON.stringify({ ...event, session }), answers });
  const spoke = (text: string) => add({ type: "assistant_speak", text, duration_ms: text.length * 65, speech_started_at: Date.now() }, false);
  const said = (text: string, bargedIn = false) => add({ type: "user_speak", text, ...(bargedIn ? { barged_in: true } : {}) }, true);
  const ended = (answers = false) => add({ type: "assistant_speech_ended" }, answers);

  const [first, third] = [pick(plainTexts), pick(plainTexts)];
  const second = pick(bargeInTexts);
  add({ type: "session_start" }, true);
  spoke("Welcome to AI Flow! How can I help you today?");
  ended();
  said(first);
  spoke(echoed(first));
  said(second, true); // the caller talks over the echo: no speech_ended for it
  spoke(echoed(second));
  ended();
  add({ type: "user_input_timeout" }, true); // the echo flow says its reprompt
  spoke("I didn't hear anything. Please respond.");
  ended();
  said(third);
  spoke(echoed(third));
  ended();
  if (Math.random() < 0.75) {
    said(pick(goodbyeTexts)); // the goodbye, then the hangup once it has been heard
    spoke("Goodbye! Have a great day!");
    ended(true);
  } else {
    said(pick(transferTexts)); // the transfer at once
  }
  add({ type: "session_end" }, false);
  return call;
}

// ---- helpers ----

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
const count = <K>(map: Map<K, number>, key: K, n = 1) => map.set(key, (map.get(key) ?? 0) + n);
const sum = (map: Map<unknown, number>) => [...map.values()].reduce((a, b) => a + b, 0);

/** Busy CPU time of the whole machine so far (all cores, user + system), in ms. */
function machineBusyMs(): number {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = fields;
  return ((user + nice + system + irq + softirq) * 1000) / 100; // USER_HZ is 100 on Linux
}

/** CPU time (user + system) of one process so far, in ms. */
function processCpuMs(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime (fields 14, 15)
  } catch {
    return 0;
  }
}

async function waitReady(child: ChildProcess, url: string, log: () => string) {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited:\n${log()}`);
    if (Date.now() - started > 60_000) throw new Error(`${url}: not ready after 60 s:\n${log()}`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(100);
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(" ")} failed:\n${out}`))));
  });
}

function capture(output: string, pattern: RegExp): string {
  const value = pattern.exec(output)?.[1];
  if (!value) throw new Error(`${pattern} not found in:\n${output}`);
  return value;
}

// ---- compile time of a large flow ----

/** A valid flow of `size` nodes: start, then say and ask nodes in turn, a hangup last; every exit connected. */
function largeFlow(size: number): FlowDocument {
  const nodes: FlowDocumentInput["nodes"] = [{ id: "n0", kind: "start", position: { x: 0, y: 0 }, text: "Welcome to {{called_number}}. This call may be recorded." }];
  const edges: FlowDocumentInput["edges"] = [];
  const connect = (from: number, exits: string[]) => exits.forEach((exit) => edges.push({ id: `e${from}-${exit}`, source: `n${from}`, sourceHandle: exit, target: `n${from + 1}` }));
  connect(0, ["next"]);
  for (let i = 1; i < size - 1; i++) {
    const position = { x: (i % 7) * 220, y: i * 140 };
    if (i % 2 === 1) {
      nodes.push({ id: `n${i}`, kind: "say", position, text: i === 1 ? "Thank you for calling, {{caller_number}}." : `Noted: {{answer_${i - 1}}}. Step ${i} of ${size}.` });
      connect(i, ["next"]);
    } else {
      nodes.push({
        id: `n${i}`,
        kind: "ask",
        position,
        text: `Question ${i}: is your order number correct, yes or no?`,
        reprompt: "Sorry, please say yes or no.",
        timeoutSeconds: 8,
        retries: 2,
        captureAs: `answer_${i}`,
        branches: [
          { id: "yes", match: "keywords", keywords: ["yes", "yeah", "correct", "ja"] },
          { id: "no", match: "keywords", keywords: ["no", "nope", "wrong", "nein"] },
          { id: "order", match: "regex", pattern: "order (\\d+)" },
          { id: "other", match: "anything", keywords: [] },
        ],
      });
      connect(i, ["yes", "no", "order", "other", "no_match", "no_input"]);
    }
  }
  nodes.push({ id: `n${size - 1}`, kind: "hangup", position: { x: 0, y: size * 140 }, goodbye: "Thank you, goodbye!" });
  return flowDocumentSchema.parse({ version: FLOW_DOCUMENT_VERSION, settings: { bargeIn: { strategy: "minimum_characters", minimum_characters: 3 }, globalPhrases: [] }, variables: [], nodes, edges });
}

function measureCompile(size: number, runs: number) {
  const doc = largeFlow(size);
  const issues = validateFlow(doc);
  if (hasErrors(issues)) throw new Error(`the ${size}-node flow is invalid: ${issues.find((i) => i.severity === "error")?.message}`);
  for (let i = 0; i < 20; i++) compileFlow(doc);
  const compile: number[] = [];
  const validate: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    compileFlow(doc);
    compile.push(performance.now() - t);
    t = performance.now();
    validateFlow(doc);
    validate.push(performance.now() - t);
  }
  return { nodes: doc.nodes.length, edges: doc.edges.length, warnings: issues.length, median: median(compile), max: Math.max(...compile), validateMedian: median(validate) };
}

// ---- HTTP ----

type HttpTarget = { name: string; port: number; path: string; token: string; pid: number | undefined; agent: http.Agent };
type HttpRun = { events: number; acked: number; seconds: number; latencies: number[]; statuses: Map<number, number>; mismatches: number; serverCpuMs: number; machineCpuMs: number };

function post(target: HttpTarget, body: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const headers = { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-api-token": target.token };
    const req = http.request({ host: "localhost", port: target.port, path: target.path, method: "POST", agent: target.agent, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Each connection runs calls one after the other, each event after the previous reply. */
async function runCalls(target: HttpTarget, calls: Call[]): Promise<HttpRun> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let mismatches = 0;
  let next = 0;
  const cpuBefore = processCpuMs(target.pid);
  const busyBefore = machineBusyMs();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(connections, calls.length) }, async () => {
      for (let i = next++; i < calls.length; i = next++) {
        for (const event of calls[i] ?? []) {
          const { status, ms } = await post(target, event.body).catch(() => ({ status: 0, ms: -1 }));
          count(statuses, status);
          if (ms >= 0) latencies.push(ms);
          if ((status === 200) !== event.answers) mismatches += 1;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const acked = (statuses.get(200) ?? 0) + (statuses.get(204) ?? 0);
  return { events: sum(statuses), acked, seconds, latencies, statuses, mismatches, serverCpuMs: processCpuMs(target.pid) - cpuBefore, machineCpuMs: machineBusyMs() - busyBefore };
}

// ---- WebSocket ----

type WsRun = { seconds: number; sent: number; frames: number; latencies: number[]; errors: Map<string, number> };

function openSocket(url: string, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { "X-API-TOKEN": token }, perMessageDeflate: false });
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}

const frameText = (data: WebSocket.RawData): string => (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data)).toString("utf8");

/**
 * One call on its own socket: each event 200–600 ms after the previous reply. An event that gets
 * an action waits for its frame (the latency measured); one that gets none is followed after a
 * fixed gap, which then counts as its reply.
 */
async function wsCall(ws: WebSocket, call: Call, stats: WsRun): Promise<void> {
  let waiter: ((text: string, at: number) => void) | undefined;
  ws.on("message", (data) => {
    const at = performance.now();
    stats.frames += 1;
    const w = waiter;
    waiter = undefined;
    if (w) w(frameText(data), at);
    else count(stats.errors, "frame for an event without action");
  });
  for (const event of call) {
    await sleep(200 + Math.random() * 400);
    if (ws.readyState !== WebSocket.OPEN) return void count(stats.errors, "socket closed during the call");
    const sent = performance.now();
    stats.sent += 1;
    if (!event.answers) {
      ws.send(event.body);
      await sleep(WS_GAP_MS);
      continue;
    }
    const frame = await new Promise<{ text: string; at: number } | undefined>((resolve) => {
      const timer = setTimeout(() => {
        waiter = undefined;
        resolve(undefined);
      }, WS_FRAME_TIMEOUT_MS);
      waiter = (text, at) => {
        clearTimeout(timer);
        resolve({ text, at });
      };
      ws.send(event.body);
    });
    if (!frame) {
      count(stats.errors, `no frame within ${WS_FRAME_TIMEOUT_MS / 1000} s`);
      continue;
    }
    stats.latencies.push(frame.at - sent);
    let parsed: unknown;
    try {
      parsed = JSON.parse(frame.text);
    } catch {
      count(stats.errors, "frame not JSON");
      continue;
    }
    if (typeof parsed !== "object" || parsed === null) count(stats.errors, "frame not an action");
    else if ("error" in parsed) count(stats.errors, `error frame: ${JSON.stringify(parsed).slice(0, 120)}`);
  }
}

async function runWebSocket(url: string, token: string, calls: Call[]): Promise<WsRun> {
  const stats: WsRun = { seconds: 0, sent: 0, frames: 0, latencies: [], errors: new Map() };
  const sockets = await Promise.all(
    calls.map(() =>
      openSocket(url, token).catch((error: unknown) => {
        count(stats.errors, `could not open: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }),
    ),
  );
  const started = performance.now();
  await Promise.all(calls.map((call, i) => {
    const ws = sockets[i];
    return ws ? wsCall(ws, call, stats) : Promise.resolve();
  }));
  stats.seconds = (performance.now() - started) / 1000;
  await Promise.all(
    sockets.map((ws) =>
      ws && ws.readyState === WebSocket.OPEN
        ? new Promise<void>((resolve) => {
            ws.once("close", () => resolve());
            ws.close(1000);
            setTimeout(() => {
              ws.terminate();
              resolve();
            }, 2000).unref();
          })
        : Promise.resolve(),
    ),
  );
  stats.latencies.sort((a, b) => a - b);
  return stats;
}

// ---- the run ----

async function main() {
  const compile = measureCompile(500, compileRuns);

  const admin = postgres(values["database-url"], { max: 1, onnotice: () => undefined });
  const dbName = `sb_bench_aiflow_${Date.now()}`;
  await admin.unsafe(`create database ${dbName}`);
  const url = new URL(values["database-url"]);
  url.pathname = `/${dbName}`;
  const env = { ...process.env, DATABASE_URL: url.toString(), PORT: String(port), APP_URL: `http://localhost:${port}`, APP_SECRET: "bench-secret-bench-secret-bench-secret-0000" };
  const tmp = mkdtempSync(path.join(os.tmpdir(), "sb-bench-aiflow-"));
  let output = "";
  let expressOutput = "";
  // The command of `npm start`, run directly so that extra Node flags (profiling) can be added.
  const startArgs = startScript.split(" ").filter(Boolean).slice(1);
  const nodeArgs = values["node-args"].split(" ").filter(Boolean);
  const server = spawn(process.execPath, [...nodeArgs, ...startArgs], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
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
  const agents: http.Agent[] = [];
  const db = postgres(url.toString(), { max: 1, onnotice: () => undefined });
  try {
    await waitReady(server, `http://localhost:${port}/api/ready`, () => output);
    await waitReady(express, `http://localhost:${expressPort}/health`, () => expressOutput);

    // `npm run admin -- …` is `tsx lib/cli/admin.ts …`, with the server's database and secret.
    const tsx = path.join(root, "node_modules/.bin/tsx");
    const adminCli = (...args: string[]) => run(tsx, ["lib/cli/admin.ts", ...args], env);
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
    await adminCli("route-number", "--org", "bench", "--integration", integrationId, "--number", FLOW_NUMBER, "--flow", flowId);

    const agent = () => {
      const a = new http.Agent({ keepAlive: true, maxSockets: connections });
      agents.push(a);
      return a;
    };
    const switchboard: HttpTarget = { name: "Switchboard", port, path: endpoint.pathname, token, pid: server.pid, agent: agent() };
    const reference: HttpTarget = { name: "Express (seed)", port: expressPort, path: "/webhook", token: secret, pid: express.pid, agent: agent() };

    const calls = Array.from({ length: totalSessions }, scriptCall);
    const events = calls.reduce((n, c) => n + c.length, 0);
    const [eventsBefore] = await db`select count(*)::int as n from voice_events`;

    // Express first: Switchboard's background work (a call for each ended session) must not slow it.
    await runCalls(reference, Array.from({ length: WARMUP_SESSIONS }, scriptCall));
    const expressRun = await runCalls(reference, calls);
    const switchboardWarmup = await runCalls(switchboard, Array.from({ length: WARMUP_SESSIONS }, scriptCall));
    const switchboardRun = await runCalls(switchboard, calls);
    const [stored] = await db`select count(*)::int as n from voice_events`;
    const storedEvents = (stored?.n ?? 0) - (eventsBefore?.n ?? 0);
    const ackedEvents = switchboardWarmup.acked + switchboardRun.acked;

    // Each ended session becomes a call in a background job. Give the queue up to --drain seconds
    // before the WebSocket run, and report its rate and the machine's load meanwhile.
    const callsMade = async () => (await db`select count(*)::int as n from calls where provider = 'aiflow'`)[0]?.n ?? 0;
    const queued = async () =>
      (await db`select count(*)::int as n from pgboss.job where name = ${SESSION_TO_CALL_JOB} and state in ('created', 'retry', 'active')`)[0]?.n ?? 0;
    const madeBefore = await callsMade();
    const drainStarted = performance.now();
    const drainBusyBefore = machineBusyMs();
    const drainServerBefore = processCpuMs(server.pid);
    let waiting = await queued();
    while (waiting > 0 && performance.now() - drainStarted < drainLimit * 1000) {
      await sleep(500);
      waiting = await queued();
    }
    const drainSeconds = (performance.now() - drainStarted) / 1000;
    const drainLoad = (machineBusyMs() - drainBusyBefore) / (drainSeconds * 1000 * os.availableParallelism());
    const drainServerLoad = (processCpuMs(server.pid) - drainServerBefore) / (drainSeconds * 1000);
    const made = await callsMade();

    const wsCalls = Array.from({ length: wsSessions }, scriptCall);
    const ws = await runWebSocket(`ws://localhost:${port}${endpoint.pathname}/ws`, token, wsCalls);

    const ms = (v: number | undefined) => (v ?? 0).toFixed(1).padStart(7);
    const row = (name: string, r: HttpRun) =>
      `  ${name.padEnd(16)} ${(r.acked / r.seconds).toFixed(0).padStart(8)} ${ms(percentile(r.latencies, 50))} ${ms(percentile(r.latencies, 95))} ${ms(percentile(r.latencies, 99))} ${ms(r.latencies.at(-1))} ${String(r.events - r.acked).padStart(7)}  ${(r.serverCpuMs / r.events).toFixed(3).padStart(8)}  ${(r.machineCpuMs / r.events).toFixed(3).padStart(8)}   ${JSON.stringify(Object.fromEntries(r.statuses))}`;
    const p = (r: HttpRun, q: number) => percentile(r.latencies, q);
    const wsErrors = sum(ws.errors);
    const answered = wsCalls.reduce((n, c) => n + c.filter((e) => e.answers).length, 0);

    console.log(`bench/aiflow: echo flow (lib/flows/examples/echo.ts) vs the seed's Express example, production server on PostgreSQL`);
    console.log(`HTTP: ${totalSessions} calls, ${events} events (${(events / totalSessions).toFixed(1)} per call), ${connections} keep-alive connections, after ${WARMUP_SESSIONS} warm-up calls each`);
    console.log(`  ${"server".padEnd(16)} ${"events/s".padStart(8)} ${"p50 ms".padStart(7)} ${"p95 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"max ms".padStart(7)} ${"errors".padStart(7)}  ${"srv CPU".padStart(8)}  ${"all CPU".padStart(8)}   statuses`);
    console.log(row(switchboard.name, switchboardRun));
    console.log(row(reference.name, expressRun));
    console.log(
      `  Switchboard / Express: events/s ${(switchboardRun.acked / switchboardRun.seconds / (expressRun.acked / expressRun.seconds)).toFixed(2)}×, ` +
        `p50 ${(p(switchboardRun, 50) / p(expressRun, 50)).toFixed(1)}×, p99 ${(p(switchboardRun, 99) / p(expressRun, 99)).toFixed(1)}× the latency; ` +
        `server CPU per event ${(switchboardRun.serverCpuMs / switchboardRun.events / (expressRun.serverCpuMs / expressRun.events)).toFixed(1)}×`,
    );
    console.log(`  CPU: ms per event of the server process (srv) and of the whole machine (all: servers, PostgreSQL, this load generator)`);
    console.log(`  measured in ${switchboardRun.seconds.toFixed(1)} s (Switchboard) and ${expressRun.seconds.toFixed(1)} s (Express); Switchboard replies other than the echo flow's: ${switchboardRun.mismatches}`);
    console.log(`  voice_events rows: ${storedEvents}; Switchboard events acknowledged (200/204, warm-up included): ${ackedEvents}${storedEvents === ackedEvents ? " (equal)" : " (DIFFERENT)"}`);
    console.log(
      `  calls made from ended sessions (background jobs): ${made} of ${WARMUP_SESSIONS + totalSessions} by ${drainSeconds.toFixed(0)} s after the run` +
        (drainSeconds >= 1 ? `, ${((made - madeBefore) / drainSeconds).toFixed(1)}/s while waiting at ${(drainLoad * 100).toFixed(0)} % machine CPU (server process ${(drainServerLoad * 100).toFixed(0)} % of a core); ` : "; ") +
        (waiting ? `${waiting} jobs still queued during the WebSocket run` : "queue empty before the WebSocket run"),
    );
    console.log(`WebSocket (Switchboard): ${wsSessions} calls at once, one socket each, every event 200–600 ms after the previous reply`);
    console.log(
      `  ${ws.sent} events in ${ws.seconds.toFixed(1)} s (${(ws.sent / ws.seconds).toFixed(0)}/s), ${ws.latencies.length} of ${answered} actions received; ` +
        `event→action ms: p50 ${percentile(ws.latencies, 50).toFixed(1)}, p95 ${percentile(ws.latencies, 95).toFixed(1)}, p99 ${percentile(ws.latencies, 99).toFixed(1)}, max ${(ws.latencies.at(-1) ?? 0).toFixed(1)}`,
    );
    console.log(`  errors: ${wsErrors}${wsErrors ? ` ${JSON.stringify(Object.fromEntries(ws.errors))}` : ""}`);
    console.log(`Compile: ${compile.nodes}-node flow (${compile.edges} connections, ${compile.warnings} warnings, no errors), compileFlow with its validation, ${compileRuns} runs after warm-up`);
    console.log(`  median ${compile.median.toFixed(2)} ms, max ${compile.max.toFixed(2)} ms (validation alone: median ${compile.validateMedian.toFixed(2)} ms)`);
    console.log(`  reproduce: npx tsx bench/aiflow.ts --sessions ${totalSessions} --connections ${connections} --ws-sessions ${wsSessions}${drainLimit === 30 ? "" : ` --drain ${drainLimit}`}`);
    if (switchboardRun.events > switchboardRun.acked || switchboardWarmup.events > switchboardWarmup.acked || wsErrors > 0) {
      console.log(`Switchboard's server log (last 3000 characters):\n${output.slice(-3000)}`);
    }
  } finally {
    for (const child of [server, express]) {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
    }
    for (const a of agents) a.destroy();
    rmSync(tmp, { recursive: true, force: true });
    await db.end();
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}

await main();
