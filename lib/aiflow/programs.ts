import { and, eq } from "drizzle-orm";

import { flows, flowVersions } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { compileFlow, type Program } from "@/lib/flows/compile";
import { createRuntime } from "@/lib/flows/runtime";
import { FLOW_DOCUMENT_VERSION, type FlowDocument } from "@/lib/flows/schema";
import type { FlowRuntime } from "@/lib/flows/session-state";
import { processSingleton } from "@/lib/process-singleton";

import { compactNumber, type AiFlowFallback } from "./config";
import type { AiFlowIntegration } from "./verify-token";

// Which program answers a session. Published versions never change, so their runtimes are kept
// for the life of the process; which version is live can change, so that is remembered briefly.

type Caches = { runtimes: Map<string, FlowRuntime>; live: Map<string, { version: number | null; expires: number }> };
const isCaches = (v: unknown): v is Caches => typeof v === "object" && v !== null && "runtimes" in v && "live" in v;
const caches = () =>
  processSingleton("aiflow-programs", isCaches, (): Caches => ({ runtimes: new Map(), live: new Map() }));

const LIVE_TTL_MS = 2000;

/** After a publish: new sessions of this process start on the new version at once. */
export function forgetLiveVersion(flowId: string): void {
  caches().live.delete(flowId);
}

export async function liveVersionOf(db: Db, orgId: string, flowId: string): Promise<number | null> {
  const cached = caches().live.get(flowId);
  if (cached && cached.expires > Date.now()) return cached.version;
  const [row] = await db
    .select({ live: flows.liveVersion })
    .from(flows)
    .where(and(eq(flows.orgId, orgId), eq(flows.id, flowId)));
  const version = row?.live ?? null;
  caches().live.set(flowId, { version, expires: Date.now() + LIVE_TTL_MS });
  return version;
}

export async function runtimeForVersion(
  db: Db,
  orgId: string,
  flowId: string,
  version: number,
): Promise<FlowRuntime | undefined> {
  const key = `${flowId}:${version}`;
  const cached = caches().runtimes.get(key);
  if (cached) return cached;
  const [row] = await db
    .select({ program: flowVersions.program })
    .from(flowVersions)
    .where(and(eq(flowVersions.orgId, orgId), eq(flowVersions.flowId, flowId), eq(flowVersions.version, version)));
  if (!row) return undefined;
  const runtime = createRuntime(row.program);
  if (caches().runtimes.size > 5000) caches().runtimes.clear();
  caches().runtimes.set(key, runtime);
  return runtime;
}

/** The integration's answer for a number without a flow: a message and hangup, or a transfer. */
export function fallbackDocument(fallback: AiFlowFallback): FlowDocument {
  const start = { id: "start", kind: "start" as const, position: { x: 0, y: 0 } };
  if (fallback.kind === "transfer") {
    return {
      version: FLOW_DOCUMENT_VERSION,
      settings: { globalPhrases: [] },
      variables: [],
      nodes: [
        start,
        {
          id: "transfer",
          kind: "transfer",
          position: { x: 0, y: 100 },
          target: fallback.target,
          callerIdName: fallback.callerIdName,
          callerIdNumber: fallback.callerIdNumber,
        },
      ],
      edges: [{ id: "e1", source: "start", sourceHandle: "next", target: "transfer" }],
    };
  }
  return {
    version: FLOW_DOCUMENT_VERSION,
    settings: { globalPhrases: [] },
    variables: [],
    nodes: [
      { ...start, text: fallback.text },
      { id: "hangup", kind: "hangup", position: { x: 0, y: 100 } },
    ],
    edges: [{ id: "e1", source: "start", sourceHandle: "next", target: "hangup" }],
  };
}

export function fallbackRuntime(integration: AiFlowIntegration): FlowRuntime {
  const key = `fallback:${integration.id}:${JSON.stringify(integration.config.fallback)}`;
  const cached = caches().runtimes.get(key);
  if (cached) return cached;
  // Numbers are checked when the fallback is saved; compile without the publish-time checks.
  const program: Program = compileFlow(fallbackDocument(integration.config.fallback), { skipValidation: true });
  const runtime = createRuntime(program);
  caches().runtimes.set(key, runtime);
  return runtime;
}

export type SessionProgram = { flowId: string | null; flowVersion: number | null; runtime: FlowRuntime };

/** The flow routed to the number a new session called, on its live version, or the fallback. */
export async function programForNumber(
  db: Db,
  integration: AiFlowIntegration,
  number: string | undefined,
): Promise<SessionProgram> {
  const compact = compactNumber(number);
  const route = compact ? integration.config.routes.find((r) => r.number === compact) : undefined;
  if (route) {
    const version = await liveVersionOf(db, integration.orgId, route.flowId);
    const runtime =
      version === null ? undefined : await runtimeForVersion(db, integration.orgId, route.flowId, version);
    if (runtime && version !== null) return { flowId: route.flowId, flowVersion: version, runtime };
  }
  return { flowId: null, flowVersion: null, runtime: fallbackRuntime(integration) };
}

/** The program a running session started on: it keeps that version to its end. */
export async function programOfSession(
  db: Db,
  integration: AiFlowIntegration,
  session: { flowId: string | null; flowVersion: number | null },
): Promise<FlowRuntime> {
  if (session.flowId && session.flowVersion !== null) {
    const runtime = await runtimeForVersion(db, integration.orgId, session.flowId, session.flowVersion);
    if (runtime) return runtime;
  }
  return fallbackRuntime(integration);
}
