// GET /api/ready – the database answers (also answered by server.ts before Next.js)
import { readinessStatus } from "@/lib/server/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const ready = await readinessStatus();
  return Response.json(ready.body, {
    status: ready.status,
    headers: { ...ready.headers, "cache-control": "no-store" },
  });
}
