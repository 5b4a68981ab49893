import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

// What the benchmarks share: percentiles, CPU time from /proc, waiting for a server, running the admin CLI.

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
export const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
export const count = <K>(map: Map<K, number>, key: K, n = 1) => map.set(key, (map.get(key) ?? 0) + n);
export const sum = (map: Map<unknown, number>) => [...map.values()].reduce((a, b) => a + b, 0);

/** Busy CPU time of the whole machine so far (all cores, user + system), in ms. */
export function machineBusyMs(): number {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = fields;
  return ((user + nice + system + irq + softirq) * 1000) / 100; // USER_HZ is 100 on Linux
}

/** CPU time (user + system) of one process so far, in ms. */
export function processCpuMs(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime (fields 14, 15)
  } catch {
    return 0;
  }
}

/**
 * CPU time (user + system) so far of every running PostgreSQL process, in ms, by what it does:
 * "backend" (a client's connection), "autovacuum worker", "walwriter", "checkpointer", ...
 */
export function postgresCpuMs(): Map<string, number> {
  const byRole = new Map<string, number>();
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")) !== "postgres") continue;
      // "postgres: 15/main: walwriter", "postgres: 15/main: user db 127.0.0.1(5000) idle"
      const title = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").split(": ").slice(2).join(": ");
      const role =
        /^(autovacuum worker|autovacuum launcher|walwriter|checkpointer|background writer|logical replication)/.exec(
          title,
        )?.[1] ?? (title ? "backend" : "postmaster");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      byRole.set(role, (byRole.get(role) ?? 0) + ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
    } catch {
      // gone meanwhile
    }
  }
  return byRole;
}

/** What each role used between two readings of postgresCpuMs. */
export function cpuSince(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  return new Map([...after].map(([role, ms]) => [role, ms - (before.get(role) ?? 0)]));
}

export async function waitReady(child: ChildProcess, url: string, log: () => string) {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited:\n${log()}`);
    if (Date.now() - started > 60_000) throw new Error(`${url}: not ready after 60 s:\n${log()}`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(100);
  }
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(" ")} failed:\n${out}`))));
  });
}

export function capture(output: string, pattern: RegExp): string {
  const value = pattern.exec(output)?.[1];
  if (!value) throw new Error(`${pattern} not found in:\n${output}`);
  return value;
}
