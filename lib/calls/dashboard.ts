import { and, count, eq, gte, lt, sql } from "drizzle-orm";
import { z } from "zod";

import { queryRows } from "@/lib/db/raw";
import { calls, integrations, memberships } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

import { directions } from "./model";

// The dashboard reads only the last WINDOW_DAYS UTC days of calls, through the
// (org_id, started_at) index, so its cost follows recent traffic, not the size of the archive.
// Everything is aggregated in SQL; the rows that come back are at most days × providers × directions.

export const WINDOW_DAYS = 30;
export const TOP_TAGS = 8;
export const LAST_DELIVERIES = 5;

const DAY_MS = 24 * 60 * 60 * 1000;

export type Direction = (typeof directions)[number];

export type DashboardDay = {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  total: number;
  /** Calls per provider; providers without calls that day are left out. */
  byProvider: Record<string, number>;
};

export type LastDelivery = {
  id: string;
  name: string;
  provider: string;
  isEnabled: boolean;
  lastEventAt: Date | null;
  acceptedCount: number;
  refusedCount: number;
};

export type DashboardFigures = {
  /** First and last UTC day of the window, both inclusive, YYYY-MM-DD. */
  from: string;
  to: string;
  /** Whether the organisation has any call at all, also older than the window. */
  hasCalls: boolean;
  integrationCount: number;
  memberCount: number;
  calls: number;
  /** Every day of the window, oldest first, days without calls included. */
  days: DashboardDay[];
  /** Providers with calls in the window, most calls first. */
  providers: Array<{ provider: string; calls: number }>;
  directions: Record<Direction, number>;
  /** Over the calls whose duration is known; null when none is. */
  averageDurationSeconds: number | null;
  openActionItems: number;
  callsWithOpenItems: number;
  topTags: Array<{ tag: string; calls: number }>;
  /** Integrations, most recent delivery first; never-used ones last. */
  lastDeliveries: LastDelivery[];
};

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The window: WINDOW_DAYS whole UTC days ending with today, as a half-open timestamp range. */
export function dashboardWindow(now: Date): { since: Date; until: Date; days: string[] } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const since = new Date(today - (WINDOW_DAYS - 1) * DAY_MS);
  const days = Array.from({ length: WINDOW_DAYS }, (_, i) => isoDay(new Date(since.getTime() + i * DAY_MS)));
  return { since, until: new Date(today + DAY_MS), days };
}

const utcDay = sql<string>`to_char(${calls.startedAt} at time zone 'UTC', 'YYYY-MM-DD')`;

/** One pass over the window: counts, durations and open items per day, provider and direction. */
function activity(db: Db, orgId: string, since: Date, until: Date) {
  return db
    .select({
      day: utcDay,
      provider: calls.provider,
      direction: calls.direction,
      calls: count(),
      withDuration: count(calls.durationSeconds),
      durationTotal: sql`coalesce(sum(${calls.durationSeconds}), 0)`.mapWith(Number),
      openItems: sql`coalesce(sum(${calls.openActionItems}), 0)`.mapWith(Number),
      callsWithOpenItems: sql`count(*) filter (where ${calls.openActionItems} > 0)`.mapWith(Number),
    })
    .from(calls)
    .where(and(eq(calls.orgId, orgId), gte(calls.startedAt, since), lt(calls.startedAt, until)))
    .groupBy(utcDay, calls.provider, calls.direction);
}

const tagRow = z.object({ tag: z.string(), calls: z.coerce.number() });

function topTags(db: Db, orgId: string, since: Date, until: Date) {
  return queryRows(
    db,
    sql`select t.tag, count(*)::int as calls
        from ${calls} cross join lateral unnest(${calls.tags}) as t(tag)
        where ${calls.orgId} = ${orgId} and ${calls.startedAt} >= ${since.toISOString()}::timestamptz
          and ${calls.startedAt} < ${until.toISOString()}::timestamptz
        group by t.tag order by calls desc, t.tag limit ${TOP_TAGS}`,
    tagRow,
  );
}

function lastDeliveries(db: Db, orgId: string): Promise<LastDelivery[]> {
  return db
    .select({
      id: integrations.id,
      name: integrations.name,
      provider: integrations.provider,
      isEnabled: integrations.isEnabled,
      lastEventAt: integrations.lastEventAt,
      acceptedCount: integrations.acceptedCount,
      refusedCount: integrations.refusedCount,
    })
    .from(integrations)
    .where(eq(integrations.orgId, orgId))
    .orderBy(sql`${integrations.lastEventAt} desc nulls last`, sql`${integrations.createdAt} desc`)
    .limit(LAST_DELIVERIES);
}

const setupRow = z.object({ hasCalls: z.boolean(), integrations: z.coerce.number(), members: z.coerce.number() });

/** What the "Get started" steps need; `exists` stops at the first index entry. */
async function setup(db: Db, orgId: string) {
  const [row] = await queryRows(
    db,
    sql`select exists (select 1 from ${calls} where ${calls.orgId} = ${orgId}) as "hasCalls",
        (select count(*)::int from ${integrations} where ${integrations.orgId} = ${orgId}) as integrations,
        (select count(*)::int from ${memberships} where ${memberships.orgId} = ${orgId}) as members`,
    setupRow,
  );
  return row ?? { hasCalls: false, integrations: 0, members: 0 };
}

/** Everything the dashboard shows for one organisation, as of `now`. */
export async function dashboardFigures(db: Db, orgId: string, now = new Date()): Promise<DashboardFigures> {
  const { since, until, days } = dashboardWindow(now);
  const [rows, tags, deliveries, setupFigures] = await Promise.all([
    activity(db, orgId, since, until),
    topTags(db, orgId, since, until),
    lastDeliveries(db, orgId),
    setup(db, orgId),
  ]);

  const perDay = new Map(days.map((day): [string, DashboardDay] => [day, { day, total: 0, byProvider: {} }]));
  const perProvider = new Map<string, number>();
  const directionCounts: Record<Direction, number> = { inbound: 0, outbound: 0, internal: 0, unknown: 0 };
  let total = 0;
  let withDuration = 0;
  let durationTotal = 0;
  let openActionItems = 0;
  let callsWithOpenItems = 0;
  for (const row of rows) {
    const day = perDay.get(row.day);
    if (day) {
      day.total += row.calls;
      day.byProvider[row.provider] = (day.byProvider[row.provider] ?? 0) + row.calls;
    }
    perProvider.set(row.provider, (perProvider.get(row.provider) ?? 0) + row.calls);
    // The column is free text in SQL; anything unexpected counts as unknown rather than vanishing.
    const direction = directions.find((d) => d === row.direction) ?? "unknown";
    directionCounts[direction] += row.calls;
    total += row.calls;
    withDuration += row.withDuration;
    durationTotal += row.durationTotal;
    openActionItems += row.openItems;
    callsWithOpenItems += row.callsWithOpenItems;
  }

  return {
    from: days[0] ?? isoDay(since),
    to: days[days.length - 1] ?? isoDay(since),
    hasCalls: total > 0 || setupFigures.hasCalls,
    integrationCount: setupFigures.integrations,
    memberCount: setupFigures.members,
    calls: total,
    days: [...perDay.values()],
    providers: [...perProvider]
      .map(([provider, n]) => ({ provider, calls: n }))
      .sort((a, b) => b.calls - a.calls || a.provider.localeCompare(b.provider)),
    directions: directionCounts,
    averageDurationSeconds: withDuration > 0 ? Math.round(durationTotal / withDuration) : null,
    openActionItems,
    callsWithOpenItems,
    topTags: tags,
    lastDeliveries: deliveries,
  };
}
