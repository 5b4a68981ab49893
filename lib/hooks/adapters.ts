import type { IncomingMessage } from "node:http";

import { getDb } from "@/lib/db/client";
import { enqueueSummaries } from "@/lib/summaries/queue";

import { handleHook, type HookResponse } from "./handle-hook";

async function* webBody(stream: ReadableStream<Uint8Array> | null): AsyncIterable<Uint8Array> {
  if (!stream) return;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

const contentLength = (value: string | null | undefined) => {
  const n = value ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
};

/**
 * Queues the summary a delivery asked for. The call is committed already, so a failure here must
 * not fail the delivery: the sweeper sends every waiting summary again.
 */
async function queueSummary(result: HookResponse): Promise<HookResponse> {
  if (result.summaryRequest) {
    const { orgId, summaryId } = result.summaryRequest;
    await enqueueSummaries(orgId, [summaryId]).catch((error: unknown) =>
      console.error("[hooks] could not queue a summary", error),
    );
  }
  return result;
}

/** For the Next.js route handler (next start, serverless). */
export async function hookFromWebRequest(
  request: Request,
  params: { provider: string; key: string },
): Promise<Response> {
  const result = await queueSummary(
    await handleHook(await getDb(), {
      ...params,
      method: request.method,
      contentType: request.headers.get("content-type") ?? undefined,
      contentLength: contentLength(request.headers.get("content-length")),
      body: webBody(request.body),
    }),
  );
  return Response.json(result.body, {
    status: result.status,
    headers: { "cache-control": "no-store", ...result.headers },
  });
}

/** For the custom server's fast path: the same handler without Next's routing cost. */
export async function hookFromNodeRequest(req: IncomingMessage, params: Record<string, string>): Promise<HookResponse> {
  return queueSummary(
    await handleHook(await getDb(), {
      provider: params.provider ?? "",
      key: params.key ?? "",
      method: req.method ?? "GET",
      contentType: req.headers["content-type"],
      contentLength: contentLength(req.headers["content-length"]),
      body: req,
    }),
  );
}
