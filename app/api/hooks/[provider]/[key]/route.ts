// POST|PUT /api/hooks/[provider]/[key] – vendors deliver call results (served by server.ts's fast path first)
import { hookFromWebRequest } from "@/lib/hooks/adapters";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ provider: string; key: string }> };

const handler = async (request: Request, context: Context) => hookFromWebRequest(request, await context.params);

export { handler as POST, handler as PUT };
