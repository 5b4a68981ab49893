import type { IncomingMessage, ServerResponse } from "node:http";

import { getDb } from "@/lib/db/client";
import { discardBody, hasUnreadBody } from "@/lib/server/discard-body";

import { handleAiFlowHttp, type AiFlowHttpResponse } from "./handle-event";

const contentLength = (value: string | null | undefined) => {
  const n = value ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
};

/** The body as text, or undefined once it passes `limit` (send() discards the rest). */
function readNodeBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

async function readWebBody(request: Request, limit: number): Promise<string | undefined> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks).toString("utf8");
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
}

async function send(req: IncomingMessage, res: ServerResponse, result: AiFlowHttpResponse) {
  // Refused before the whole body arrived (too large, wrong token): the rest is read and dropped
  // first, so the answer is not lost in a reset, and the connection closes after it.
  const isClosing = result.status === 413 || hasUnreadBody(req);
  if (hasUnreadBody(req)) await discardBody(req);
  if (res.headersSent) return; // answered 503 already, after the database stalled
  const headers = { "cache-control": "no-store", ...(isClosing ? { connection: "close" } : {}) };
  if (result.body === undefined) {
    res.writeHead(result.status, headers);
    res.end();
    return;
  }
  const payload = JSON.stringify(result.body);
  res.writeHead(result.status, {
    ...headers,
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(payload),
  });
  res.end(payload);
}

/** For the custom server's fast path. */
export async function aiFlowFromNodeRequest(
  req: IncomingMessage,
  res: ServerResponse,
  params: Record<string, string>,
): Promise<void> {
  const arrivedAt = performance.now();
  const token = req.headers["x-api-token"];
  const result = await handleAiFlowHttp(await getDb(), {
    integrationId: params.integrationId ?? "",
    method: req.method ?? "POST",
    token: typeof token === "string" ? token : undefined,
    contentType: req.headers["content-type"],
    contentLength: contentLength(req.headers["content-length"]),
    readBody: (limit) => readNodeBody(req, limit),
    arrivedAt,
  });
  await send(req, res, result);
}

/** For the Next.js route handler (next start, serverless). */
export async function aiFlowFromWebRequest(request: Request, params: { integrationId: string }): Promise<Response> {
  const arrivedAt = performance.now();
  const result = await handleAiFlowHttp(await getDb(), {
    integrationId: params.integrationId,
    method: request.method,
    token: request.headers.get("x-api-token") ?? undefined,
    contentType: request.headers.get("content-type") ?? undefined,
    contentLength: contentLength(request.headers.get("content-length")),
    readBody: (limit) => readWebBody(request, limit),
    arrivedAt,
  });
  if (result.body === undefined)
    return new Response(null, { status: result.status, headers: { "cache-control": "no-store" } });
  return Response.json(result.body, { status: result.status, headers: { "cache-control": "no-store" } });
}
