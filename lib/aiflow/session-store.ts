import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { voiceSessions } from "@/lib/db/schema";
import { rawStatement } from "@/lib/db/raw";
import type { SessionState } from "@/lib/flows/session-state";
import type { AiFlowAction } from "./protocol";

// Voice sessions live in the database: a reply is sent only after the session's new state and
// the event (with its actions and timing) are committed. Commits of concurrent events are
// grouped: while one batch is being written, the next collects, and goes as one statement.
// Each write names the seq it read; a session another process moved on is not overwritten:
// that write comes back refused and the event is handled again on the fresh state.

export type LiveSession = {
  id: string;
  orgId: string;
  integrationId: string;
  externalId: string;
  flowId: string | null;
  flowVersion: number | null;
  seq: number;
  state: SessionState;
  startedAt: Date;
};

export type SessionWrite = {
  session: LiveSession;
  isNew: boolean;
  details?: { phoneNumber?: string; callerNumber?: string; direction?: string };
  isEnded: boolean;
  endReason?: string;
  /** `text`: the event's JSON as it arrived (stored as is); `body`: the parsed event, stored when there is no text. */
  event: { type: string; body: unknown; text?: string; actions: readonly AiFlowAction[]; receivedAt: Date; durationMs: number };
};

/** Audio is logged by size and not kept a thousand times over in the event log. */
function loggedActions(actions: readonly AiFlowAction[]): readonly unknown[] {
  if (!actions.some((a) => a.type === "audio")) return actions;
  return actions.map((a) => (a.type === "audio" ? { ...a, audio: `[${Math.round((a.audio.length * 3) / 4)} bytes of WAV]` } : a));
}

/**
 * One write as a JSON object for the batch. What only a new session needs (its number, caller,
 * flow) is left out of the others; the event goes in as the text it arrived as, when there is one.
 */
function rowJson(w: SessionWrite): string {
  const row = {
    id: w.session.id,
    org_id: w.session.orgId,
    seq: w.session.seq,
    state: w.session.state,
    received_at: w.event.receivedAt.toISOString(),
    type: w.event.type,
    actions: loggedActions(w.event.actions),
    duration_ms: w.event.durationMs,
    ...(w.isEnded ? { ended: true, end_reason: w.endReason ?? null } : {}),
    ...(w.isNew
      ? {
          is_new: true,
          integration_id: w.session.integrationId,
          external_id: w.session.externalId,
          flow_id: w.session.flowId,
          flow_version: w.session.flowVersion,
          phone_number: w.details?.phoneNumber ?? null,
          caller_number: w.details?.callerNumber ?? null,
          direction: w.details?.direction ?? null,
          started_at: w.session.startedAt.toISOString(),
        }
      : {}),
  };
  const json = JSON.stringify(row);
  return `${json.slice(0, -1)},"event":${w.event.text ?? JSON.stringify(w.event.body)}}`;
}

/** Writes a batch in one statement; answers which sessions' writes were applied. */
export async function writeBatch(db: Db, writes: readonly SessionWrite[]): Promise<Set<string>> {
  const rows = `[${writes.map(rowJson).join(",")}]`;
  const applied = await rawStatement(db)(WRITE_BATCH, [rows]);
  return new Set(applied.map((r) => (typeof r === "object" && r !== null ? String(Reflect.get(r, "id")) : "")));
}

const WRITE_BATCH = `
      WITH b AS (
        SELECT * FROM jsonb_to_recordset($1::jsonb) AS b(
          id uuid, org_id uuid, integration_id uuid, external_id text, flow_id uuid, flow_version int,
          phone_number text, caller_number text, direction text, state jsonb, seq int, is_new boolean,
          ended boolean, end_reason text, started_at timestamptz, received_at timestamptz,
          type text, event jsonb, actions jsonb, duration_ms real)
      ),
      ins AS (
        INSERT INTO voice_sessions (id, org_id, integration_id, external_id, flow_id, flow_version, phone_number, caller_number, direction,
                                    state, seq, status, started_at, last_event_at, ended_at, end_reason)
        SELECT id, org_id, integration_id, external_id, flow_id, flow_version, phone_number, caller_number, direction,
               state, seq, CASE WHEN ended IS TRUE THEN 'ended' ELSE 'active' END, started_at, received_at, CASE WHEN ended IS TRUE THEN received_at END, end_reason
        FROM b WHERE is_new IS TRUE
        ON CONFLICT (integration_id, external_id) DO NOTHING
        RETURNING id
      ),
      upd AS (
        UPDATE voice_sessions s
        SET state = b.state, seq = b.seq, last_event_at = b.received_at,
            status = CASE WHEN b.ended IS TRUE THEN 'ended' ELSE s.status END,
            ended_at = CASE WHEN b.ended IS TRUE THEN b.received_at ELSE s.ended_at END,
            end_reason = COALESCE(b.end_reason, s.end_reason)
        FROM b
        WHERE b.is_new IS NOT TRUE AND s.id = b.id AND s.org_id = b.org_id AND s.seq = b.seq - 1
        RETURNING s.id
      ),
      ok AS (SELECT id FROM ins UNION ALL SELECT id FROM upd),
      ev AS (
        INSERT INTO voice_events (org_id, session_id, seq, type, event, actions, received_at, duration_ms)
        SELECT b.org_id, b.id, b.seq, b.type, b.event, b.actions, b.received_at, b.duration_ms FROM b JOIN ok USING (id)
      )
      SELECT id::text AS id FROM ok`;

type Pending = { write: SessionWrite; resolve: (applied: boolean) => void; reject: (error: unknown) => void };

/**
 * Group commit: submit() resolves once the write is committed (true) or refused as stale
 * (false). At most `maxInFlight` statements run at once; everything that arrives meanwhile
 * goes in the next one, up to `maxBatch` writes.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private inFlight = 0;
  /** Batches written and writes in them, for the benchmark's report. */
  readonly stats = { batches: 0, writes: 0 };

  constructor(
    private readonly db: Db,
    private readonly maxInFlight = 2,
    private readonly maxBatch = 500,
  ) {}

  submit(write: SessionWrite): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.queue.push({ write, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight += 1;
      void this.flush(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async flush(batch: Pending[]): Promise<void> {
    try {
      const applied = await writeBatch(this.db, batch.map((p) => p.write));
      this.stats.batches += 1;
      this.stats.writes += batch.length;
      for (const p of batch) p.resolve(applied.has(p.write.session.id));
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }
}

const sessionColumns = {
  id: voiceSessions.id,
  orgId: voiceSessions.orgId,
  integrationId: voiceSessions.integrationId,
  externalId: voiceSessions.externalId,
  flowId: voiceSessions.flowId,
  flowVersion: voiceSessions.flowVersion,
  seq: voiceSessions.seq,
  state: voiceSessions.state,
  startedAt: voiceSessions.startedAt,
};

export async function loadSession(db: Db, integrationId: string, externalId: string): Promise<LiveSession | undefined> {
  const [row] = await db
    .select(sessionColumns)
    .from(voiceSessions)
    .where(and(eq(voiceSessions.integrationId, integrationId), eq(voiceSessions.externalId, externalId)));
  return row;
}
