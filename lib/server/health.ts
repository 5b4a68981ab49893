import { sql } from "drizzle-orm";
import { getDatabase } from "@/lib/db/client";

const startedAt = Date.now();

/** GET /api/health: the process is up. */
export function healthStatus() {
  return { status: "ok", uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) };
}

/** GET /api/ready: the database answers a query within two seconds. */
export async function readinessStatus(): Promise<{ status: number; body: Record<string, unknown> }> {
  const started = performance.now();
  try {
    const handle = await getDatabase();
    await Promise.race([
      handle.db.execute(sql`select 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error("database did not answer within 2 s")), 2000).unref()),
    ]);
    return { status: 200, body: { status: "ready", database: handle.kind, latencyMs: Math.round(performance.now() - started) } };
  } catch (error) {
    return { status: 503, body: { status: "unavailable", error: error instanceof Error ? error.message : "database unavailable" } };
  }
}
