import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

import { isDatabaseDown, noteDatabaseError, probeDatabase, watchForStall } from "./availability";
import { fastRoutes, findRoute, sendJson, upgradeRoutes } from "./fast-path";
import { refuseUpgradeUnavailable, sendUnavailable } from "./unavailable";

// How server.ts (and the test server process) answers a request before and around Next.js: the
// fast routes, with a failure to reach the database turned into 503 instead of 500; while the
// database is down, a 503 for everything that needs it, at once.

/** Answers a fast route; false when the path is none (Next.js answers it). */
export function serveFastPath(req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
  const fast = findRoute(fastRoutes, pathname);
  if (!fast || !fast.route.methods.includes(req.method ?? "GET")) return false;
  if (fast.route.usesDatabase && isDatabaseDown()) {
    void sendUnavailable(req, res);
    return true;
  }
  // A database that stops answering (a partition) neither fails nor answers: after STALL_MS a
  // probe decides, and a request still waiting then is answered 503. What it started may still
  // finish later; its answer is dropped.
  const unwatch = fast.route.usesDatabase ? watchForStall(() => void sendUnavailable(req, res)) : () => undefined;
  fast.route
    .handle(req, res, fast.params)
    .catch((error: unknown) => {
      if (noteDatabaseError(error)) return sendUnavailable(req, res);
      if (res.headersSent) {
        // Answered already (503 after a stall), or half-way: a half-sent answer cannot be finished.
        if (!res.writableEnded) res.destroy();
        return;
      }
      console.error(error);
      sendJson(res, 500, { error: { code: "internal", message: "Something went wrong on our side." } });
    })
    .finally(unwatch);
  return true;
}

/** Answers a fast WebSocket upgrade; false when the path is none. */
export function serveUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, pathname: string): boolean {
  const route = findRoute(upgradeRoutes, pathname);
  if (!route) return false;
  if (isDatabaseDown()) {
    refuseUpgradeUnavailable(socket);
    return true;
  }
  route.route.handle(req, socket, head, route.params).catch((error: unknown) => {
    if (noteDatabaseError(error)) return refuseUpgradeUnavailable(socket);
    console.error(error);
    socket.destroy();
  });
  return true;
}

// Next.js's own files need no database; everything else it serves may.
const isStaticPath = (pathname: string) =>
  pathname.startsWith("/_next/static/") || pathname.startsWith("/_next/image") || /\.[a-z0-9]+$/i.test(pathname);

/** While the database is down, answers a request for Next.js with 503 (a page for people); false otherwise. */
export function refuseWhileDatabaseDown(req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
  if (!isDatabaseDown() || isStaticPath(pathname)) return false;
  void sendUnavailable(req, res);
  return true;
}

/**
 * Watches a request Next.js answers: a 5xx, or no answer within STALL_MS, probes the database, so
 * that while it is down the next requests get the fast 503. (Next.js's own answer is left alone:
 * it may still be writing it.)
 */
export function watchNextAnswer(res: ServerResponse): void {
  const unwatch = watchForStall(() => undefined);
  res.once("close", () => {
    unwatch();
    if (res.statusCode >= 500) void probeDatabase();
  });
}
