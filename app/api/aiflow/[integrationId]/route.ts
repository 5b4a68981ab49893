// POST /api/aiflow/[integrationId] – AI Flow events in, actions out (served by server.ts's fast path first)
import { aiFlowFromWebRequest } from "@/lib/aiflow/adapters";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ integrationId: string }> };

export const POST = async (request: Request, context: Context) => aiFlowFromWebRequest(request, await context.params);
