import type { IncomingMessage, ServerResponse } from "node:http";
import { getDb } from "@/lib/db/client";
import { handleAiFlowHttp, type AiFlowHttpResponse } from "./handle-event";

const contentLength = (value: string | null | undefined) => {
  const n = value ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
};

function readNodeBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, result: AiFlowHttpResponse) {
  if (result.body === undefined) {
    res.writeHead(result.status, { "cache-control": "no-store" });
    res.end();
    return;
  }
  const payload = JSON.stringify(result.body);
  res.writeHead(result.status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(payload), "cache-control": "no-store" });
  res.end(payload);
}

/** For the custom server's fast path. */
export async function aiFlowFromNodeRequest(req: IncomingMessage, res: ServerResponse, params: Record<string, string>): Promise<void> {
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
  send(res, result);
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
    readBody: async (limit) => {
      const text = await request.text();
      return Buffer.byteLength(text) > limit ? undefined : text;
    },
    arrivedAt,
  });
  if (result.body === undefined) return new Response(null, { status: result.status, headers: { "cache-control": "no-store" } });
  return Response.json(result.body, { status: result.status, headers: { "cache-control": "no-store" } });
}
