// bench/aiflow: calls over keep-alive HTTP connections, each event after the previous reply.
import http from "node:http";
import { count, machineBusyMs, processCpuMs, sum } from "../support";
import type { Call } from "./calls";

export type HttpTarget = { name: string; port: number; path: string; token: string; pid: number | undefined; agent: http.Agent };
export type HttpRun = { events: number; acked: number; seconds: number; latencies: number[]; statuses: Map<number, number>; mismatches: number; serverCpuMs: number; machineCpuMs: number };

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
export async function runCalls(target: HttpTarget, calls: Call[], connections: number): Promise<HttpRun> {
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

