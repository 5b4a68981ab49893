import { sql } from "drizzle-orm";

import { voiceSessions } from "@/lib/db/schema";

// A session row is written at its start and end; while it runs, its newest event says how far it
// got. These read that event (one step down voice_events' primary key), falling back to the
// session row's own columns for a session without events. The outer columns are written out with
// their table's name: Drizzle leaves it off in a select from one table, and inside the subquery
// a bare "org_id" would be voice_events' own.

const outer = (column: string) => sql.raw(`"voice_sessions"."${column}"`);

/** How many events the session has had. */
export const sessionEventCount = sql<number>`coalesce((
  select max(e.seq) from voice_events e where e.org_id = ${outer("org_id")} and e.session_id = ${outer("id")}
), ${outer("seq")})`.mapWith(Number);

/** When the session's newest event arrived. */
export const sessionLastEventAt = sql<Date>`coalesce((
  select e.received_at from voice_events e where e.org_id = ${outer("org_id")} and e.session_id = ${outer("id")} order by e.seq desc limit 1
), ${outer("last_event_at")})`.mapWith(voiceSessions.lastEventAt);
