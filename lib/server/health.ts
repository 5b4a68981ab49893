import { getDatabase } from "@/lib/db/client";
import { RETRY_AFTER_SECONDS } from "@/lib/errors";

import { probeDatabase } from "./availability";

const startedAt = Date.now();

/** GET /api/health: the process is up. */
export function healthStatus() {
  return { status: "ok", uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) };
}

export type Readiness = { status: number; body: Record<string, unknown>; headers: Record<string, string> };

/**
 * GET /api/ready: the database answers a query within two seconds. Why it does not stays in the
 * server's log: the answer is public and names no address.
 */
export async function readinessStatus(): Promise<Readiness> {
  const started = performance.now();
  if (!(await probeDatabase())) {
    return {
      status: 503,
      body: { status: "unavailable", database: "unreachable" },
      headers: { "retry-after": String(RETRY_AFTER_SECONDS) },
    };
  }
  const handle = await getDatabase();
  return {
    status: 200,
    body: { status: "ready", database: handle.kind, latencyMs: Math.round(performance.now() - started) },
    headers: {},
  };
}
