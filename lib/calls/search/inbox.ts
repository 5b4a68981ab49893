import { and, eq, gt, gte, isNotNull, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "@/lib/db/raw";
import type { Db } from "@/lib/db/types";
import { calls, integrations, transcriptSegments, type CallParty } from "@/lib/db/schema";
import { formatNumber } from "../phone";
import { decodeCursor, encodeCursor } from "./cursor";
import type { InboxParams } from "./params";
import { isEmptyQuery, parseQuery, wordsTsquery, type ParsedQuery } from "./parse-query";

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

function tsquery(q: ParsedQuery, withExclusions: boolean): SQL | undefined {
  const parts: SQL[] = [];
  if (q.words.length) parts.push(sql`to_tsquery('switchboard', ${wordsTsquery(q.words)})`);
  for (const phrase of q.phrases) parts.push(sql`phraseto_tsquery('switchboard', ${phrase.join(" ")})`);
  if (withExclusions) for (const word of q.excluded) parts.push(sql`!! to_tsquery('switchboard', ${word})`);
  return parts.length ? sql`(${sql.join(parts, sql` && `)})` : undefined;
}

function filters(orgId: string, params: InboxParams, q: ParsedQuery | undefined): SQL[] {
  const conditions: Array<SQL | undefined> = [
    eq(calls.orgId, orgId),
    params.from ? gte(calls.startedAt, params.from) : undefined,
    params.to ? lt(calls.startedAt, new Date(params.to.getTime() + 24 * 60 * 60 * 1000)) : undefined,
    params.provider ? eq(calls.provider, params.provider) : undefined,
    params.integration ? eq(calls.integrationId, params.integration) : undefined,
    params.direction ? eq(calls.direction, params.direction) : undefined,
    params.channel ? eq(calls.channel, params.channel) : undefined,
    params.tag ? sql`${calls.tags} @> array[${params.tag}]::text[]` : undefined,
    params.language ? eq(calls.language, params.language) : undefined,
    params.hasOpenItems ? gt(calls.openActionItems, 0) : undefined,
    params.summary ? eq(calls.summaryState, params.summary) : undefined,
  ];
  if (q) {
    const text = tsquery(q, true);
    if (text) conditions.push(sql`${calls.searchVector} @@ ${text}`);
    for (const digits of q.numbers) conditions.push(sql`${calls.searchNumbers} like ${`%${digits}%`}`);
  }
  return conditions.filter((c): c is SQL => c !== undefined);
}

/** Rows after the cursor, in the order of the matching index (see the calls schema). */
function keyset(params: InboxParams, cursorText: string | undefined, notices: string[]): SQL | undefined {
  if (!cursorText) return undefined;
  const cursor = decodeCursor(cursorText, params.sort);
  if (!cursor) {
    notices.push("That page link is not valid any more; showing the first page.");
    return undefined;
  }
  const isDesc = params.order === "desc";
  if (params.sort === "time") {
    const at = typeof cursor.value === "string" ? cursor.value : new Date(0).toISOString();
    return isDesc ? sql`(${calls.startedAt}, ${calls.id}) < (${at}::timestamptz, ${cursor.id}::uuid)` : sql`(${calls.startedAt}, ${calls.id}) > (${at}::timestamptz, ${cursor.id}::uuid)`;
  }
  // Unknown durations sort last going down, first going up.
  const d = calls.durationSeconds;
  if (cursor.value === null) {
    return isDesc ? and(isNull(d), lt(calls.id, cursor.id)) : or(and(isNull(d), gt(calls.id, cursor.id)), isNotNull(d));
  }
  return isDesc
    ? or(sql`(${d}, ${calls.id}) < (${cursor.value}::int, ${cursor.id}::uuid)`, isNull(d))
    : sql`(${d}, ${calls.id}) > (${cursor.value}::int, ${cursor.id}::uuid)`;
}

// Spelled out to match the indexes exactly (DESC NULLS LAST, and its mirror image): PostgreSQL
// only walks an index for ORDER BY when the NULLS placement matches too.
export const newestFirst = [sql`${calls.startedAt} desc nulls last`, sql`${calls.id} desc nulls last`];

function ordering(params: InboxParams): SQL[] {
  const column = params.sort === "time" ? calls.startedAt : calls.durationSeconds;
  return params.order === "desc"
    ? [sql`${column} desc nulls last`, sql`${calls.id} desc nulls last`]
    : [sql`${column} asc nulls first`, sql`${calls.id} asc nulls first`];
}

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
        from unnest(array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::uuid[]) as c(id)
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
export function inboxConditions(orgId: string, params: InboxParams, notices: string[] = []): { where: SQL[]; q: ParsedQuery | undefined } {
  let q = params.q ? parseQuery(params.q) : undefined;
  if (q && isEmptyQuery(q) && q.excluded.length === 0) {
    notices.push(`Nothing to search for in "${params.q?.slice(0, 60)}": showing all calls.`);
    q = undefined;
  }
  return { where: filters(orgId, params, q), q };
}

/** One page of an organisation's calls for the inbox: search, filters, sort and keyset paging. */
export async function searchInbox(db: Db, orgId: string, params: InboxParams, notices: string[] = []): Promise<InboxResult> {
  const { where, q } = inboxConditions(orgId, params, notices);
  const after = keyset(params, params.cursor, notices);

  const [found, [counted]] = await Promise.all([
    db
      .select(rowColumns)
      .from(calls)
      .leftJoin(integrations, and(eq(integrations.id, calls.integrationId), eq(integrations.orgId, calls.orgId)))
      .where(and(...where, after))
      .orderBy(...ordering(params))
      .limit(params.size + 1),
    db.select({ n: sql<number>`count(*)::int` }).from(sql`(${db.select({ one: sql`1` }).from(calls).where(and(...where)).limit(COUNT_CAP + 1)}) as capped`),
  ]);
  const page = found.slice(0, params.size);
  const snippets = q ? await transcriptSnippets(db, orgId, page.map((r) => r.id), q) : new Map<string, string>();
  const last = page.at(-1);
  const count = counted?.n ?? 0;
  return {
    rows: page.map((r) => ({
      ...r,
      parties: r.parties.map((p) => ({ ...p, display: p.name ?? (p.number ? formatNumber(p.number) : p.extension ?? p.role) })),
      snippet: snippets.get(r.id),
    })),
    nextCursor:
      found.length > params.size && last
        ? encodeCursor({ value: params.sort === "time" ? last.startedAt.toISOString() : last.durationSeconds, id: last.id })
        : undefined,
    total: { count: Math.min(count, COUNT_CAP), isAtLeast: count > COUNT_CAP },
    highlight: { words: q?.highlight ?? [], numbers: q?.numbers ?? [] },
    notices,
  };
}
