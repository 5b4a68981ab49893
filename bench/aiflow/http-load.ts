// bench/aiflow: calls over keep-alive HTTP connections, each event after the previous reply.
import { count, cpuSince, machineBusyMs, postgresCpuMs, processCpuMs, sum } from "../support";
import type { Call } from "./calls";
import { KeepAliveConnection } from "./http-client";

export type HttpTarget = { name: string; port: number; path: string; token: string; pid: number | undefined };
export type HttpRun = {
  events: number;
  acked: number;
  seconds: number;
  latencies: number[];
  statuses: Map<number, number>;
  mismatches: number;
  serverCpuMs: number;
  /** PostgreSQL's processes, by role (backend, autovacuum worker, walwriter, ...). */
  dbCpuMs: Map<string, number>;
  machineCpuMs: number;
};

async function post(
  target: HttpTarget,
  connection: KeepAliveConnection,
  body: string,
): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const reply = await connection.post(target.path, { "X-API-TOKEN": target.token }, body);
  return { status: reply.status, ms: performance.now() - started };
}

/** Each connection runs calls one after the other, each event after the previous reply. */
export async function runCalls(target: HttpTarget, calls: Call[], connections: number): Promise<HttpRun> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let mismatches = 0;
  let next = 0;
  const cpuBefore = processCpuMs(target.pid);
  const busyBefore = machineBusyMs();
  const dbBefore = postgresCpuMs();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(connections, calls.length) }, async () => {
      let connection = new KeepAliveConnection(target.port);
      for (let i = next++; i < calls.length; i = next++) {
        for (const event of calls[i] ?? []) {
          const { status, ms } = await post(target, connection, event.body).catch(() => {
            connection.close();
            connection = new KeepAliveConnection(target.port);
            return { status: 0, ms: -1 };
          });
          count(statuses, status);
          if (ms >= 0) latencies.push(ms);
          if ((status === 200) !== event.answers) mismatches += 1;
        }
      }
      connection.close();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const acked = (statuses.get(200) ?? 0) + (statuses.get(204) ?? 0);
  return {
    events: sum(statuses),
    acked,
    seconds,
    latencies,
    statuses,
    mismatches,
    serverCpuMs: processCpuMs(target.pid) - cpuBefore,
    dbCpuMs: cpuSince(dbBefore, postgresCpuMs()),
    machineCpuMs: machineBusyMs() - busyBefore,
  };
}

/** Several runs of one server as one: counts, times and CPU added up, latencies pooled. */
export function mergeRuns(runs: HttpRun[]): HttpRun {
  const statuses = new Map<number, number>();
  for (const r of runs) for (const [status, n] of r.statuses) count(statuses, status, n);
  const total = (pick: (r: HttpRun) => number) => runs.reduce((n, r) => n + pick(r), 0);
  return {
    events: total((r) => r.events),
    acked: total((r) => r.acked),
    seconds: total((r) => r.seconds),
    latencies: runs.flatMap((r) => r.latencies).sort((a, b) => a - b),
    statuses,
    mismatches: total((r) => r.mismatches),
    serverCpuMs: total((r) => r.serverCpuMs),
    dbCpuMs: runs.reduce((all, r) => {
      for (const [role, ms] of r.dbCpuMs) count(all, role, ms);
      return all;
    }, new Map<string, number>()),
    machineCpuMs: total((r) => r.machineCpuMs),
  };
}
