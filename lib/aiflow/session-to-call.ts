import { and, asc, eq, isNull, lt, or } from "drizzle-orm";

import type { NormalisedCall, Segment } from "@/lib/calls/model";
import { upsertCall } from "@/lib/calls/upsert-call";
import { canonicalJson, sha256Hex } from "@/lib/canonical-json";
import { flows, integrations, voiceEvents, voiceSessions } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { requestAutoSummary } from "@/lib/summaries/auto-summary";

import { plainTextOfSsml } from "./protocol";
import { sessionLastEventAt } from "./session-latest";

// A finished voice session becomes a call in the inbox: provider "aiflow", the caller and the
// number called, the conversation from user_speak and assistant_speak (or, when the platform
// sent no assistant_speak, what we told it to say), and the flow version that answered.

type EventRow = { seq: number; type: string; event: unknown; actions: unknown[]; receivedAt: Date };

const textOf = (value: unknown, key: string): string | undefined => {
  if (value === null || typeof value !== "object") return undefined;
  const v: unknown = Reflect.get(value, key);
  return typeof v === "string" ? v : undefined;
};

export function transcriptOf(events: readonly EventRow[], startedAt: Date): Segment[] {
  const at = (d: Date) => Math.max(0, d.getTime() - startedAt.getTime());
  const hasAssistantSpeak = events.some((e) => e.type === "assistant_speak");
  const segments: Segment[] = [];
  for (const e of events) {
    if (e.type === "user_speak" || e.type === "user_barge_in") {
      const text = (textOf(e.event, "text") ?? textOf(e.event, "transcript") ?? "").trim();
      if (text) segments.push({ speaker: "Caller", speakerRole: "caller", startMs: at(e.receivedAt), text });
    } else if (e.type === "assistant_speak") {
      const text = (textOf(e.event, "text") ?? plainTextOfSsml(textOf(e.event, "ssml") ?? "")).trim();
      if (text) segments.push({ speaker: "Assistant", speakerRole: "assistant", startMs: at(e.receivedAt), text });
    }
    if (!hasAssistantSpeak) {
      for (const action of e.actions) {
        if (textOf(action, "type") !== "speak") continue;
        const text = (textOf(action, "text") ?? plainTextOfSsml(textOf(action, "ssml") ?? "")).trim();
        if (text) segments.push({ speaker: "Assistant", speakerRole: "assistant", startMs: at(e.receivedAt), text });
      }
    }
  }
  return segments;
}

export type SessionCall = { callId: string; summaryId?: string };

/** Turns an ended (or abandoned) session into its call; a session that already has one keeps it. */
export async function sessionToCall(db: Db, orgId: string, sessionId: string): Promise<SessionCall | undefined> {
  const [session] = await db
    .select({
      id: voiceSessions.id,
      integrationId: voiceSessions.integrationId,
      externalId: voiceSessions.externalId,
      flowId: voiceSessions.flowId,
      flowVersion: voiceSessions.flowVersion,
      flowName: flows.name,
      integrationName: integrations.name,
      phoneNumber: voiceSessions.phoneNumber,
      callerNumber: voiceSessions.callerNumber,
      direction: voiceSessions.direction,
      startedAt: voiceSessions.startedAt,
      lastEventAt: sessionLastEventAt,
      endedAt: voiceSessions.endedAt,
      endReason: voiceSessions.endReason,
      callId: voiceSessions.callId,
    })
    .from(voiceSessions)
    .innerJoin(integrations, eq(integrations.id, voiceSessions.integrationId))
    .leftJoin(flows, and(eq(flows.id, voiceSessions.flowId), eq(flows.orgId, voiceSessions.orgId)))
    .where(and(eq(voiceSessions.orgId, orgId), eq(voiceSessions.id, sessionId)));
  if (!session) return undefined;
  if (session.callId) return { callId: session.callId };
  const events = await db
    .select({
      seq: voiceEvents.seq,
      type: voiceEvents.type,
      event: voiceEvents.event,
      actions: voiceEvents.actions,
      receivedAt: voiceEvents.receivedAt,
    })
    .from(voiceEvents)
    .where(and(eq(voiceEvents.orgId, orgId), eq(voiceEvents.sessionId, sessionId)))
    .orderBy(asc(voiceEvents.seq));

  const endedAt = session.endedAt ?? session.lastEventAt;
  const answeredBy = session.flowName
    ? `${session.flowName} (version ${session.flowVersion ?? "?"})`
    : `${session.integrationName} (no flow for this number)`;
  const call: NormalisedCall = {
    vendorCallId: session.externalId,
    direction: session.direction === "outbound" ? "outbound" : "inbound",
    startedAt: session.startedAt,
    endedAt,
    durationSeconds: Math.max(0, Math.round((endedAt.getTime() - session.startedAt.getTime()) / 1000)),
    channel: session.integrationName,
    note: `Answered by the voice flow ${answeredBy}.${session.endReason ? ` Ended: ${session.endReason}.` : session.endedAt ? "" : " The platform never sent session_end."}`,
    parties: [
      ...(session.callerNumber ? [{ role: "caller" as const, number: session.callerNumber }] : []),
      ...(session.phoneNumber ? [{ role: "callee" as const, number: session.phoneNumber }] : []),
      { role: "assistant" as const, name: session.flowName ?? session.integrationName },
    ],
    transcript: transcriptOf(events, session.startedAt),
    actionItems: [],
    smallTalk: [],
    smartAnswers: [],
    tags: ["ai-flow"],
  };
  const body = {
    session: {
      id: session.externalId,
      flowId: session.flowId,
      flowVersion: session.flowVersion,
      endReason: session.endReason,
    },
    events: events.length,
  };
  const result = await upsertCall(db, {
    orgId,
    integrationId: session.integrationId,
    provider: "aiflow",
    call,
    payload: { body, contentType: "application/json", hash: sha256Hex(canonicalJson(body)) },
  });
  await db
    .update(voiceSessions)
    .set({
      callId: result.id,
      ...(session.endedAt ? {} : { status: "ended" as const, endedAt, endReason: "no session_end" }),
    })
    .where(and(eq(voiceSessions.orgId, orgId), eq(voiceSessions.id, sessionId)));
  const summaryId = result.needsSummary ? await requestAutoSummary(db, orgId, result.id) : undefined;
  return { callId: result.id, ...(summaryId ? { summaryId } : {}) };
}

/** Sessions to turn into calls: ended a while ago and missed (a crash), or silent for hours. */
export async function sessionsWithoutCall(db: Db, now = new Date()): Promise<Array<{ orgId: string; id: string }>> {
  const ended = new Date(now.getTime() - 60_000);
  const abandoned = new Date(now.getTime() - 2 * 60 * 60 * 1000);
  return db
    .select({ orgId: voiceSessions.orgId, id: voiceSessions.id })
    .from(voiceSessions)
    .where(
      and(
        isNull(voiceSessions.callId),
        or(
          and(eq(voiceSessions.status, "ended"), lt(voiceSessions.lastEventAt, ended)),
          lt(sessionLastEventAt, abandoned),
        ),
      ),
    )
    .orderBy(asc(voiceSessions.startedAt))
    .limit(1000);
}
