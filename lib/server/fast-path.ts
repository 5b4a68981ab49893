import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

import { aiFlowFromNodeRequest } from "@/lib/aiflow/adapters";
import { aiFlowUpgrade } from "@/lib/aiflow/ws";
import { hookFromNodeRequest } from "@/lib/hooks/adapters";

import { healthStatus, readinessStatus } from "./health";

// Routes the custom server answers itself, before Next.js: plain Node costs a fraction of
// Next's routing per request. The AI Flow endpoints (HTTP events and the WebSocket upgrade)
// register here; every route also exists as a Next.js route handler backed by the same lib
// function, so `next start` and serverless deployments keep working.

export type FastRoute = {
  methods: readonly string[];
  /** Answered 503 at once while the database is down (lib/server/availability.ts). */
  usesDatabase: boolean;
  match: (pathname: string) => Record<string, string> | undefined;
  handle: (req: IncomingMessage, res: ServerResponse, params: Record<string, string>) => Promise<void>;
};

export type UpgradeRoute = {
  match: (pathname: string) => Record<string, string> | undefined;
  handle: (req: IncomingMessage, socket: Duplex, head: Buffer, params: Record<string, string>) => Promise<void>;
};

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return; // answered 503 already, after the database stalled
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(payload),
    "cache-control": "no-store",
  });
  res.end(payload);
}

const exact = (path: string) => (pathname: string) => (pathname === path ? {} : undefined);

const safeDecode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return "";
  }
};

const hookPath = /^\/api\/hooks\/([a-z]+)\/([^/]+)$/;
const aiFlowPath = /^\/api\/aiflow\/([^/]+)$/;
const aiFlowWsPath = /^\/api\/aiflow\/([^/]+)\/ws$/;

export const fastRoutes: FastRoute[] = [
  {
    methods: ["GET", "HEAD"],
    usesDatabase: false,
    match: exact("/api/health"),
    handle: async (_req, res) => sendJson(res, 200, healthStatus()),
  },
  {
    methods: ["GET", "HEAD"],
    // It probes the database itself, down or not: that is its job.
    usesDatabase: false,
    match: exact("/api/ready"),
    handle: async (_req, res) => {
      const ready = await readinessStatus();
      sendJson(res, ready.status, ready.body, ready.headers);
    },
  },
  {
    methods: ["POST", "PUT"],
    usesDatabase: true,
    match: (pathname) => {
      const m = hookPath.exec(pathname);
      return m?.[1] && m[2] ? { provider: m[1], key: safeDecode(m[2]) } : undefined;
    },
    handle: async (req, res, params) => {
      const result = await hookFromNodeRequest(req, params);
      for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
      sendJson(res, result.status, result.body);
    },
  },
  {
    methods: ["POST"],
    usesDatabase: true,
    match: (pathname) => {
      const m = aiFlowPath.exec(pathname);
      return m?.[1] ? { integrationId: safeDecode(m[1]) } : undefined;
    },
    handle: aiFlowFromNodeRequest,
  },
];

export const upgradeRoutes: UpgradeRoute[] = [
  {
    match: (pathname) => {
      const m = aiFlowWsPath.exec(pathname);
      return m?.[1] ? { integrationId: safeDecode(m[1]) } : undefined;
    },
    handle: aiFlowUpgrade,
  },
];

export function findRoute<R extends { match: FastRoute["match"] }>(
  routes: R[],
  pathname: string,
): { route: R; params: Record<string, string> } | undefined {
  for (const route of routes) {
    const params = route.match(pathname);
    if (params) return { route, params };
  }
  return undefined;
}
