import { sql } from "drizzle-orm";
import { z } from "zod";

import { queryRows } from "@/lib/db/raw";
import type { Db } from "@/lib/db/types";
import { newId } from "@/lib/ids";

import type { CallFields } from "./merge";
import type { Segment } from "./model";
import { countOpenItems, type SearchDocument } from "./prepare";

// The hot path of ingestion: a call seen for the first time (most deliveries). One statement
// inserts the call, its transcript and its payload, or nothing when the vendor call id exists:
// atomic without a transaction, one round trip instead of five, and the transcript travels as one
// JSON parameter whatever its length. Column names follow lib/db/schema/calls.ts.

export type NewCall = {
  orgId: string;
  integrationId: string | null;
  provider: string;
  vendorCallId: string;
  fields: CallFields;
  search: SearchDocument;
  transcript: Segment[];
  payload: { text: string; contentType: string | null; hash: string };
};

const iso = (d: Date | null) => d?.toISOString() ?? null;
// Built once: zod compiles each object schema on first use.
const idRow = z.object({ id: z.string() });
const json = (value: unknown) => JSON.stringify(value);

/** The new call's id, or undefined when a call with this vendor id already exists. */
export async function insertNewCall(db: Db, call: NewCall): Promise<string | undefined> {
  const f = call.fields;
  const segments = json(
    call.transcript.map((s, seq) => ({
      seq,
      speaker: s.speaker ?? null,
      speaker_role: s.speakerRole ?? null,
      start_ms: s.startMs ?? null,
      end_ms: s.endMs ?? null,
      text: s.text,
    })),
  );
  const rows = await queryRows(
    db,
    sql`
      with new_call as (
        insert into calls (id, org_id, integration_id, provider, vendor_call_id, direction, started_at, ended_at, duration_seconds,
          channel, headline, summary, summary_html, note, language, parties, action_items, small_talk, smart_answers, tags,
          vendor_updated_at, search_vector, search_numbers, open_action_items, summary_state)
        values (${newId()}, ${call.orgId}, ${call.integrationId}, ${call.provider}, ${call.vendorCallId}, ${f.direction},
          coalesce(${iso(f.startedAt)}::timestamptz, now()), ${iso(f.endedAt)}::timestamptz, ${f.durationSeconds}::int, ${f.channel}, ${f.headline},
          ${f.summary}, ${f.summaryHtml}, ${f.note}, ${f.language}, ${json(f.parties)}::jsonb, ${json(f.actionItems)}::jsonb,
          ${json(f.smallTalk)}::jsonb, ${json(f.smartAnswers)}::jsonb, array(select jsonb_array_elements_text(${json(f.tags)}::jsonb)),
          ${iso(f.vendorUpdatedAt)}::timestamptz, to_tsvector('switchboard', ${call.search.text}), ${call.search.numbers},
          ${countOpenItems(f.actionItems)}::int, ${f.summary ? "vendor" : "none"})
        on conflict (org_id, provider, vendor_call_id) do nothing
        returning id, org_id
      ),
      segments as (
        insert into transcript_segments (org_id, call_id, seq, speaker, speaker_role, start_ms, end_ms, text)
        select c.org_id, c.id, s.seq, s.speaker, s.speaker_role, s.start_ms, s.end_ms, s.text
        from new_call c, jsonb_to_recordset(${segments}::jsonb)
          as s(seq int, speaker text, speaker_role text, start_ms int, end_ms int, text text)
      ),
      payload as (
        insert into call_payloads (id, org_id, call_id, integration_id, provider, content_type, body, content_hash)
        select ${newId()}, c.org_id, c.id, ${call.integrationId}, ${call.provider}, ${call.payload.contentType},
          ${call.payload.text}::jsonb, ${call.payload.hash}
        from new_call c
      )
      select id from new_call`,
    idRow,
  );
  return rows[0]?.id;
}

/**
 * An exact repeat of a payload already stored for this call (vendors retry): counted, and the
 * call's id returned, in one statement. Undefined when the payload is new to the call.
 */
export async function countRepeat(
  db: Db,
  key: { orgId: string; provider: string; vendorCallId: string; hash: string },
): Promise<string | undefined> {
  const rows = await queryRows(
    db,
    sql`
      update call_payloads p set times_received = p.times_received + 1, last_received_at = now()
      from calls c
      where c.org_id = ${key.orgId} and c.provider = ${key.provider} and c.vendor_call_id = ${key.vendorCallId}
        and p.org_id = c.org_id and p.call_id = c.id and p.content_hash = ${key.hash}
      returning c.id`,
    idRow,
  );
  return rows[0]?.id;
}
