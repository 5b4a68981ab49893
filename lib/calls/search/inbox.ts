import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";

import { queryRows } from "@/lib/db/raw";
import { calls, integrations, transcriptSegments, type CallParty } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

import { formatNumber } from "../phone";
import { filters, keyset, ordering, phraseConditions, textConditions, tsquery } from "./conditions";
import { encodeCursor } from "./cursor";
import type { InboxParams } from "./params";
import { isEmptyQuery, parseQuery, type ParsedQuery } from "./parse-query";

export type InboxRow = {
  id: string;
  startedAt: Date;
  durationSeconds: number | null;
  direction: string;
  provider: string;
  channel: string | null;
  headline: string | null;
  /** The start of the summary, for the row's second line. */
  summary: string | null;
  parties: Array<CallParty & { display: string }>;
  openActionItems: number;
  tags: string[];
  language: string | null;
  summaryState: string;
  integrationName: string | null;
  /** A transcript passage that matched, matches marked with \uE000 … \uE001. */
  snippet?: string;
};

export type InboxResult = {
  rows: InboxRow[];
  nextCursor?: string;
  /** Number of matching calls, counted up to COUNT_CAP. */
  total: { count: number; isAtLeast: boolean };
  /** What to highlight in the rows: searched words, phrases and number digits. */
  highlight: { words: string[]; numbers: string[] };
  notices: string[];
};

export const COUNT_CAP = 1000;
export const MARK_START = "\uE000";
export const MARK_END = "\uE001";

const rowColumns = {
  id: calls.id,
  startedAt: calls.startedAt,
  durationSeconds: calls.durationSeconds,
  direction: calls.direction,
  provider: calls.provider,
  channel: calls.channel,
  headline: calls.headline,
  summary: sql<string | null>`left(${calls.summary}, 300)`,
  parties: calls.parties,
  openActionItems: calls.openActionItems,
  tags: calls.tags,
  language: calls.language,
  summaryState: calls.summaryState,
  integrationName: integrations.name,
};

/**
 * For each call, the first transcript passage that matches, marked. A lateral subquery per call
 * stops at the first matching segment, so a common word costs a few segments per call, not all.
 */
async function transcriptSnippets(db: Db, orgId: string, ids: string[], q: ParsedQuery): Promise<Map<string, string>> {
  const query = tsquery(q, false);
  if (!query || ids.length === 0) return new Map();
  const options = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=24, MinWords=10, MaxFragments=1`;
  const rows = await queryRows(
    db,
    sql`select c.id as call_id, s.snippet
        from unnest(array[${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )}]::uuid[]) as c(id)
        cross join lateral (
          select ts_headline('switchboard', t.text, ${query}, ${options}) as snippet
          from ${transcriptSegments} t
          where t.org_id = ${orgId} and t.call_id = c.id and to_tsvector('switchboard', t.text) @@ ${query}
          order by t.seq limit 1
        ) s`,
    snippetRow,
  );
  return new Map(rows.map((r) => [r.call_id, r.snippet]));
}

const snippetRow = z.object({ call_id: z.string(), snippet: z.string() });

/** The WHERE conditions of a search (also used to export or delete all calls it finds). */
export function inboxConditions(
  orgId: string,
  params: InboxParams,
  notices: string[] = [],
): { where: SQL[]; q: ParsedQuery | undefined } {
  const q = searchedFor(params, notices);
  return { where: [...filters(orgId, params), ...textConditions(q)], q };
}

function searchedFor(params: InboxParams, notices: string[]): ParsedQuery | undefined {
  const q = params.q ? parseQuery(params.q) : undefined;
  if (q && isEmptyQuery(q) && q.excluded.length === 0) {
    notices.push(`Nothing to search for in "${params.q?.slice(0, 60)}": showing all calls.`);
    return undefined;
  }
  return q;
}

const hasTextSearch = (q: ParsedQuery | undefined): q is ParsedQuery =>
  Boolean(q && (q.words.length || q.phrases.length || q.numbers.length || q.excluded.length));

/** How many of the newest calls (in the page's order) a search reads before it changes plan. */
export const WINDOW = 2000;

type Found = { ids: string[]; total: { count: number; isAtLeast: boolean } };

function countMatches(db: Db, where: SQL[]) {
  return db.select({ n: sql<number>`count(*)::int` }).from(
    sql`(${db
      .select({ one: sql`1` })
      .from(calls)
      .where(and(...where))
      .limit(COUNT_CAP + 1)}) as capped`,
  );
}

const capped = (n: number) => ({ count: Math.min(n, COUNT_CAP), isAtLeast: n > COUNT_CAP });

const probeRow = z.object({ id: z.string().nullable(), matched: z.coerce.number(), window: z.coerce.number() });

/**
 * Reads the first WINDOW calls in the page's order (one index range) and searches just those: a
 * word most calls say fills a page within the first few dozen. Says too how many of the window
 * matched and whether the window was full, which bounds the total. Each call's words are read
 * once (the `hit` column); a call without a match comes back as one row with a null id.
 */
async function probeWindow(
  db: Db,
  params: InboxParams,
  base: SQL[],
  q: ParsedQuery,
  after: SQL | undefined,
  size: number,
) {
  const window = db
    .select({
      id: calls.id,
      t: sql`${calls.startedAt}`.as("t"),
      d: sql`${calls.durationSeconds}`.as("d"),
      hit: sql`${and(...textConditions(q))}`.as("hit"),
    })
    .from(calls)
    .where(and(...base, after))
    .orderBy(...ordering(params))
    .limit(size);
  const order = ordering(params, { time: sql`w.t`, duration: sql`w.d`, id: sql`w.id` });
  const rows = await queryRows(
    db,
    sql`with w as materialized (${window}),
          stats as (select count(*) as window, count(*) filter (where hit) as matched from w)
        select p.id, stats.matched, stats.window from stats left join lateral (
          select w.id from w where w.hit order by ${sql.join(order, sql`, `)} limit ${params.size + 1}
        ) p on true`,
    probeRow,
  );
  const ids = rows.flatMap((r) => (r.id ? [r.id] : []));
  return { ids, matched: rows[0]?.matched ?? 0, isWindowFull: (rows[0]?.window ?? 0) >= size };
}

/** Plans through the search indexes only: the planner's guesses about rare words are what this overrules. */
async function byIndex<T>(db: Db, run: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true), set_config('work_mem', '64MB', true)`,
    );
    return run(tx);
  });
}

/**
 * Matches too sparse for the window: found through the search indexes, sorted, counted. A phrase
 * is looked up by its words (which the index answers exactly), and word order is checked only on
 * the sorted candidates until the page is full, not on every call that has the words.
 */
async function searchByIndex(
  db: Db,
  params: InboxParams,
  base: SQL[],
  q: ParsedQuery,
  after: SQL | undefined,
): Promise<Found> {
  const candidates = db
    .select({
      id: calls.id,
      t: sql`${calls.startedAt}`.as("t"),
      d: sql`${calls.durationSeconds}`.as("d"),
      v: sql`${calls.searchVector}`.as("v"),
    })
    .from(calls)
    .where(and(...base, ...textConditions(q, "words"), after))
    .orderBy(...ordering(params));
  const phrases = phraseConditions(q, sql`c.v`);
  const order = ordering(params, { time: sql`c.t`, duration: sql`c.d`, id: sql`c.id` });
  const [found, [counted]] = await Promise.all([
    byIndex(db, (tx) =>
      queryRows(
        tx,
        // OFFSET 0 keeps the phrase check out of the subquery: it runs after the sort.
        sql`select c.id from (${candidates} offset 0) as c ${phrases.length ? sql`where ${sql.join(phrases, sql` and `)}` : sql``}
            order by ${sql.join(order, sql`, `)} limit ${params.size + 1}`,
        idRow,
      ),
    ),
    byIndex(db, (tx) => countMatches(tx, [...base, ...textConditions(q)])),
  ]);
  return { ids: found.map((r) => r.id), total: capped(counted?.n ?? 0) };
}

const idRow = z.object({ id: z.string() });

/**
 * A search picks its plan by what it finds, not by the planner's guess. It searches the newest
 * WINDOW calls first; when they fill the page (common words) or are all there is, that is the
 * answer, and the total is what the window counted ("at least" when there is more). Only when
 * the window comes up short does it go through the search indexes.
 */
async function findSearch(
  db: Db,
  params: InboxParams,
  base: SQL[],
  q: ParsedQuery,
  after: SQL | undefined,
  window: number,
): Promise<Found> {
  const [probe, first] = await Promise.all([
    probeWindow(db, params, base, q, after, window),
    // The total always describes the whole search, not what follows the cursor.
    after ? probeWindow(db, { ...params, size: 0 }, base, q, undefined, window) : undefined,
  ]);
  const whole = first ?? probe;
  if (probe.ids.length > params.size || !probe.isWindowFull) {
    if (!whole.isWindowFull || whole.matched > COUNT_CAP) return { ids: probe.ids, total: capped(whole.matched) };
    return { ids: probe.ids, total: { count: whole.matched, isAtLeast: true } };
  }
  return searchByIndex(db, params, base, q, after);
}

async function findAll(db: Db, params: InboxParams, where: SQL[], after: SQL | undefined): Promise<Found> {
  const [found, [counted]] = await Promise.all([
    db
      .select({ id: calls.id })
      .from(calls)
      .where(and(...where, after))
      .orderBy(...ordering(params))
      .limit(params.size + 1),
    countMatches(db, where),
  ]);
  return { ids: found.map((r) => r.id), total: capped(counted?.n ?? 0) };
}

async function loadRows(db: Db, orgId: string, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .select(rowColumns)
    .from(calls)
    .leftJoin(integrations, and(eq(integrations.id, calls.integrationId), eq(integrations.orgId, calls.orgId)))
    .where(and(eq(calls.orgId, orgId), inArray(calls.id, ids)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * One page of an organisation's calls for the inbox: search, filters, sort and keyset paging.
 * `window` is WINDOW but for tests, which reach every plan with a handful of calls.
 */
export async function searchInbox(
  db: Db,
  orgId: string,
  params: InboxParams,
  notices: string[] = [],
  window = WINDOW,
): Promise<InboxResult> {
  const q = searchedFor(params, notices);
  const base = filters(orgId, params);
  const after = keyset(params, params.cursor, notices);
  const { ids, total } = hasTextSearch(q)
    ? await findSearch(db, params, base, q, after, window)
    : await findAll(db, params, base, after);
  const pageIds = ids.slice(0, params.size);
  const [page, snippets] = await Promise.all([
    loadRows(db, orgId, pageIds),
    q ? transcriptSnippets(db, orgId, pageIds, q) : new Map<string, string>(),
  ]);
  const last = page.at(-1);
  return {
    rows: page.map((r) => ({
      ...r,
      parties: r.parties.map((p) => ({
        ...p,
        display: p.name ?? (p.number ? formatNumber(p.number) : (p.extension ?? p.role)),
      })),
      snippet: snippets.get(r.id),
    })),
    nextCursor:
      ids.length > params.size && last
        ? encodeCursor({
            value: params.sort === "time" ? last.startedAt.toISOString() : last.durationSeconds,
            id: last.id,
          })
        : undefined,
    total,
    highlight: { words: q?.highlight ?? [], numbers: q?.numbers ?? [] },
    notices,
  };
}
