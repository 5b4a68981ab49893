// GET /api/health – the process is up (also answered by server.ts before Next.js)
import { healthStatus } from "@/lib/server/health";

export const dynamic = "force-dynamic";

export function GET() {
  return Response.json(healthStatus(), { headers: { "cache-control": "no-store" } });
}
