-- Each AI Flow event now carries the session's state after it (the session row is written only at
-- its start and end), and the event log is stored as json: written once, read back whole. One
-- statement, so the table is rewritten once. Sessions running across the upgrade continue: their
-- older events have no state and the session row has theirs. Stop processes of the previous
-- version before starting this one: they would still write the session row per event.
ALTER TABLE "voice_events"
  ALTER COLUMN "event" SET DATA TYPE json USING "event"::json,
  ALTER COLUMN "actions" SET DATA TYPE json USING "actions"::json,
  ADD COLUMN "state" json;--> statement-breakpoint
-- The AI Flow group commit (lib/aiflow/session-store.ts): one call writes a batch of events and
-- answers the sessions whose event was written. New sessions are inserted (a session_start
-- repeated from another process finds its row there and is not written); every event is appended
-- with the state after it, unless an event with its seq is there already (another process got
-- there first); a session_end also closes the session row. An event whose session is gone (its
-- organisation deleted meanwhile) fails the batch on its foreign key, and the caller writes that
-- batch's events one by one (no check here: it would read the sessions table for every batch).
-- A function, so that its plan is made once and
-- kept (a generic plan): planning this statement afresh for each batch costs a third of its time.
CREATE OR REPLACE FUNCTION aiflow_write_events(batch json) RETURNS SETOF text
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $fn$
BEGIN
  RETURN QUERY
    WITH b AS (
      SELECT * FROM json_to_recordset(batch) AS b(
        id uuid, org_id uuid, integration_id uuid, external_id text, flow_id uuid, flow_version int,
        phone_number text, caller_number text, direction text, state json, seq int, is_new boolean,
        ended boolean, end_reason text, started_at timestamptz, received_at timestamptz,
        type text, event json, actions json, duration_ms real)
    ),
    ins AS (
      INSERT INTO voice_sessions (id, org_id, integration_id, external_id, flow_id, flow_version, phone_number, caller_number, direction,
                                  state, seq, status, started_at, last_event_at, ended_at, end_reason)
      SELECT id, org_id, integration_id, external_id, flow_id, flow_version, phone_number, caller_number, direction,
             state::jsonb, seq, CASE WHEN ended IS TRUE THEN 'ended' ELSE 'active' END, started_at, received_at,
             CASE WHEN ended IS TRUE THEN received_at END, end_reason
      FROM b WHERE is_new IS TRUE
      ON CONFLICT (integration_id, external_id) DO NOTHING
      RETURNING id
    ),
    ev AS (
      INSERT INTO voice_events (org_id, session_id, seq, type, event, actions, state, received_at, duration_ms)
      SELECT org_id, id, seq, type, event, actions, state, received_at, duration_ms FROM b
      WHERE is_new IS NOT TRUE OR id IN (SELECT id FROM ins)
      ON CONFLICT (org_id, session_id, seq) DO NOTHING
      RETURNING session_id
    ),
    fin AS (
      UPDATE voice_sessions s
      SET status = 'ended', state = b.state::jsonb, seq = b.seq, last_event_at = b.received_at, ended_at = b.received_at,
          end_reason = COALESCE(b.end_reason, s.end_reason)
      FROM b
      WHERE b.ended IS TRUE AND b.is_new IS NOT TRUE AND s.id = b.id AND s.org_id = b.org_id AND b.id IN (SELECT session_id FROM ev)
    )
    SELECT session_id::text FROM ev;
END
$fn$;
