import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

import { databaseUnavailable, errorBody, RETRY_AFTER_SECONDS } from "@/lib/errors";

import { discardBody, hasUnreadBody } from "./discard-body";

// The answers while the database cannot be reached: 503 with Retry-After, as JSON for API clients
// and as a small page that reloads itself for people.

const json = JSON.stringify(errorBody(databaseUnavailable()));

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}"><title>Switchboard is unavailable</title></head>
<body style="font-family: system-ui, sans-serif; display: grid; place-items: center; min-height: 100vh; margin: 0">
<main style="text-align: center; max-width: 28rem; padding: 1.5rem">
<h1 style="font-size: 1.5rem">Switchboard is unavailable for a moment</h1>
<p>Its database cannot be reached. This page tries again every ${RETRY_AFTER_SECONDS} seconds; nothing you saved is lost.</p>
</main></body></html>`;

const wantsPage = (req: IncomingMessage) => req.method === "GET" && (req.headers.accept ?? "").includes("text/html");

/** Answers 503; a body still on its way is read and dropped first, so the answer is not lost in a reset. */
export async function sendUnavailable(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const isBodyLeft = hasUnreadBody(req);
  if (isBodyLeft) await discardBody(req);
  if (res.headersSent) return;
  const body = wantsPage(req) ? page : json;
  res.writeHead(503, {
    "content-type": wantsPage(req) ? "text/html; charset=utf-8" : "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    "retry-after": String(RETRY_AFTER_SECONDS),
    ...(isBodyLeft ? { connection: "close" } : {}),
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

/** The same answer to a WebSocket upgrade. */
export function refuseUpgradeUnavailable(socket: Duplex): void {
  socket.end(
    `HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(json)}\r\nRetry-After: ${RETRY_AFTER_SECONDS}\r\nConnection: close\r\n\r\n${json}`,
  );
}
