import { and, asc, desc, eq } from "drizzle-orm";

import { sessionEventCount } from "@/lib/aiflow/session-latest";
import { flows, voiceEvents, voiceSessions, type VoiceSessionStatus } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { isUuid } from "@/lib/ids";

// What the flow editor replays: the calls a flow answered, and each event of one call with the
// actions the flow returned, in the order they happened.

export type FlowSessionRow = {
  id: string;
  /** AI Flow's session id. */
  externalId: string;
  flowVersion: number | null;
  callerNumber: string | null;
  phoneNumber: string | null;
  startedAt: Date;
  endedAt: Date | null;
  status: VoiceSessionStatus;
  /** Events handled so far. */
  events: number;
  /** The inbox call the session became, once it has ended. */
  callId: string | null;
};

export type SessionRecording = {
  session: FlowSessionRow & { flowId: string | null };
  events: Array<{
    seq: number;
    type: string;
    event: unknown;
    actions: unknown[];
    receivedAt: Date;
    durationMs: number;
  }>;
};

const sessionColumns = {
  id: voiceSessions.id,
  externalId: voiceSessions.externalId,
  flowVersion: voiceSessions.flowVersion,
  callerNumber: voiceSessions.callerNumber,
  phoneNumber: voiceSessions.phoneNumber,
  startedAt: voiceSessions.startedAt,
  endedAt: voiceSessions.endedAt,
  status: voiceSessions.status,
  events: sessionEventCount,
  callId: voiceSessions.callId,
};

/** The flow's most recent sessions, newest first (voice_sessions_flow_idx answers this). */
export async function listFlowSessions(
  db: Db,
  orgId: string,
  flowId: string,
  options: { limit?: number } = {},
): Promise<FlowSessionRow[]> {
  if (!isUuid(flowId)) return [];
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), 500);
  return db
    .select(sessionColumns)
    .from(voiceSessions)
    .where(and(eq(voiceSessions.orgId, orgId), eq(voiceSessions.flowId, flowId)))
    .orderBy(desc(voiceSessions.startedAt))
    .limit(limit);
}

/** One session with every event and the actions returned, in order; undefined for another organisation's. */
export async function getSessionRecording(
  db: Db,
  orgId: string,
  sessionId: string,
): Promise<SessionRecording | undefined> {
  if (!isUuid(sessionId)) return undefined;
  const [session] = await db
    .select({ ...sessionColumns, flowId: voiceSessions.flowId })
    .from(voiceSessions)
    .where(and(eq(voiceSessions.orgId, orgId), eq(voiceSessions.id, sessionId)));
  if (!session) return undefined;
  const events = await db
    .select({
      seq: voiceEvents.seq,
      type: voiceEvents.type,
      event: voiceEvents.event,
      actions: voiceEvents.actions,
      receivedAt: voiceEvents.receivedAt,
      durationMs: voiceEvents.durationMs,
    })
    .from(voiceEvents)
    .where(and(eq(voiceEvents.orgId, orgId), eq(voiceEvents.sessionId, session.id)))
    .orderBy(asc(voiceEvents.seq));
  return { session, events };
}

/** The flow and version that answered a call made from an AI Flow session (for the call page). */
export async function flowOfCall(
  db: Db,
  orgId: string,
  callId: string,
): Promise<{ flowId: string; flowName: string; version: number | null } | undefined> {
  const [row] = await db
    .select({ flowId: flows.id, flowName: flows.name, version: voiceSessions.flowVersion })
    .from(voiceSessions)
    .innerJoin(flows, and(eq(flows.orgId, voiceSessions.orgId), eq(flows.id, voiceSessions.flowId)))
    .where(and(eq(voiceSessions.orgId, orgId), eq(voiceSessions.callId, callId)))
    .limit(1);
  return row;
}
