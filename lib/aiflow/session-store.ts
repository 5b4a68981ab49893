import { sql } from "drizzle-orm";
import { z } from "zod";

import { queryRows, rawStatement } from "@/lib/db/raw";
import type { Db } from "@/lib/db/types";
import type { SessionState } from "@/lib/flows/session-state";

import type { AiFlowAction } from "./protocol";

// Voice sessions live in the database: a reply is sent only after the event (with its actions,
// timing and the session's state after it) is committed. Commits of concurrent events are
// grouped: while one batch is being written, the next collects, and goes as one statement.
// Each event is written under the next seq of the state it was handled on; when another process
// has written that seq already, the write comes back refused and the event is handled again on
// the fresh state.

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
  event: {
    type: string;
    body: unknown;
    text?: string;
    actions: readonly AiFlowAction[];
    receivedAt: Date;
    durationMs: number;
  };
};

/** Audio is logged by size and not kept a thousand times over in the event log. */
function loggedActions(actions: readonly AiFlowAction[]): readonly unknown[] {
  if (!actions.some((a) => a.type === "audio")) return actions;
  return actions.map((a) =>
    a.type === "audio" ? { ...a, audio: `[${Math.round((a.audio.length * 3) / 4)} bytes of WAV]` } : a,
  );
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
  // In session order, so that two processes writing the same sessions take their locks alike.
  const ordered = [...writes].sort((a, b) => (a.session.id < b.session.id ? -1 : a.session.id > b.session.id ? 1 : 0));
  const rows = `[${ordered.map(rowJson).join(",")}]`;
  const applied = await rawStatement(db)(WRITE_BATCH, [rows]);
  return new Set(applied.map((r) => (typeof r === "object" && r !== null ? String(Reflect.get(r, "id")) : "")));
}

// The statement is the database function aiflow_write_events (drizzle/0005_voice-events-state.sql):
// its plan is made once per connection instead of for every batch.
const WRITE_BATCH = "SELECT aiflow_write_events($1::json) AS id";

const FOREIGN_KEY_VIOLATION = "23503";
const sqlState = (error: unknown): string => {
  const code: unknown = typeof error === "object" && error !== null ? Reflect.get(error, "code") : undefined;
  return typeof code === "string" ? code : "";
};
/** Errors one write of a batch can cause alone: a foreign key, bad data (class 22), a deadlock. */
const isOneWritesFault = (error: unknown): boolean => {
  const code = sqlState(error);
  return code === FOREIGN_KEY_VIOLATION || code === "40P01" || code.startsWith("22");
};

type Pending = { write: SessionWrite; resolve: (applied: boolean) => void; reject: (error: unknown) => void };

/**
 * Group commit: submit() resolves once the write is committed (true) or refused as stale
 * (false). At most `maxInFlight` statements run at once; everything that arrives meanwhile
 * goes in the next one, up to `maxBatch` writes. One at a time: bench/aiflow measured two
 * statements at once no faster over HTTP and with a WebSocket p99 half again as high.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private inFlight = 0;
  /** Batches written and writes in them, for the benchmark's report. */
  readonly stats = { batches: 0, writes: 0 };

  constructor(
    private readonly db: Db,
    private readonly maxInFlight = 1,
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
      const applied = await writeBatch(
        this.db,
        batch.map((p) => p.write),
      );
      this.stats.batches += 1;
      this.stats.writes += batch.length;
      for (const p of batch) p.resolve(applied.has(p.write.session.id));
    } catch (error) {
      if (batch.length > 1 && isOneWritesFault(error)) {
        // One write spoilt the batch (its session deleted meanwhile, text the database refuses, a
        // deadlock with another process): the others are written one by one, and only it fails.
        for (const p of batch) await this.flush([p]);
        return;
      }
      const [only] = batch;
      // A running session deleted meanwhile: the event is handled again and finds no session.
      if (only && batch.length === 1 && !only.write.isNew && sqlState(error) === FOREIGN_KEY_VIOLATION)
        only.resolve(false);
      else for (const p of batch) p.reject(error);
    }
  }
}

const loadedRow = z.object({
  id: z.string(),
  orgId: z.string(),
  integrationId: z.string(),
  externalId: z.string(),
  flowId: z.string().nullable(),
  flowVersion: z.number().nullable(),
  seq: z.number(),
  // json comes back as text from postgres.js (Drizzle leaves its parsing to the columns), parsed from PGlite.
  state: z
    .unknown()
    .transform((v): unknown => (typeof v === "string" ? JSON.parse(v) : v))
    .pipe(
      z.custom<SessionState>(
        (v) => typeof v === "object" && v !== null && Reflect.get(v, "v") === 1,
        "is not a session state",
      ),
    ),
  startedAt: z.union([z.date(), z.string()]).transform((v) => new Date(v)),
  isEnded: z.boolean(),
});

/**
 * A session as the next event needs it: the state after its newest event (before 0005: the
 * session row's). A session closed without session_end (made into a call after hours of silence)
 * comes back ended too: it takes no more events.
 */
export async function loadSession(db: Db, integrationId: string, externalId: string): Promise<LiveSession | undefined> {
  const [row] = await queryRows(
    db,
    sql`
      SELECT s.id::text AS "id", s.org_id::text AS "orgId", s.integration_id::text AS "integrationId", s.external_id AS "externalId",
             s.flow_id::text AS "flowId", s.flow_version AS "flowVersion", s.started_at AS "startedAt",
             CASE WHEN e.state IS NULL THEN s.seq ELSE e.seq END AS "seq",
             CASE WHEN e.state IS NULL THEN s.state::json ELSE e.state END AS "state",
             s.status = 'ended' AS "isEnded"
      FROM voice_sessions s
      LEFT JOIN LATERAL (
        SELECT v.seq, v.state FROM voice_events v WHERE v.org_id = s.org_id AND v.session_id = s.id ORDER BY v.seq DESC LIMIT 1
      ) e ON true
      WHERE s.integration_id = ${integrationId} AND s.external_id = ${externalId}`,
    loadedRow,
  );
  if (!row) return undefined;
  const { isEnded, ...session } = row;
  return isEnded && !session.state.ended ? { ...session, state: { ...session.state, ended: true } } : session;
}
