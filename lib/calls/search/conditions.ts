import { and, eq, gt, gte, isNotNull, isNull, lt, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";

import { calls } from "@/lib/db/schema";

import { decodeCursor } from "./cursor";
import type { InboxParams } from "./params";
import { wordsTsquery, type ParsedQuery } from "./parse-query";

// The pieces of an inbox query: filters, the words and numbers searched, the page cursor and the
// order, each matching the indexes declared on the calls table.

/**
 * The words, phrases and (optionally) exclusions as one tsquery. `phrases: "words"` asks only for
 * a phrase's words in any order: the search index answers that exactly, while word order needs
 * each call's own vector (see phraseConditions).
 */
export function tsquery(
  q: ParsedQuery,
  withExclusions: boolean,
  phrases: "exact" | "words" = "exact",
): SQL | undefined {
  const parts: SQL[] = [];
  if (q.words.length) parts.push(sql`to_tsquery('switchboard', ${wordsTsquery(q.words)})`);
  for (const phrase of q.phrases) {
    parts.push(
      phrases === "exact"
        ? sql`phraseto_tsquery('switchboard', ${phrase.join(" ")})`
        : sql`plainto_tsquery('switchboard', ${phrase.join(" ")})`,
    );
  }
  if (withExclusions) for (const word of q.excluded) parts.push(sql`!! to_tsquery('switchboard', ${word})`);
  return parts.length ? sql`(${sql.join(parts, sql` && `)})` : undefined;
}

/** Each phrase in word order, checked against a search vector (a column of a subquery too). */
export function phraseConditions(q: ParsedQuery, vector: SQLWrapper): SQL[] {
  return q.phrases.map((phrase) => sql`${vector} @@ phraseto_tsquery('switchboard', ${phrase.join(" ")})`);
}

/** The filter conditions of a search, without its words and numbers. */
export function filters(orgId: string, params: InboxParams): SQL[] {
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
  return conditions.filter((c): c is SQL => c !== undefined);
}

/** The conditions on a call's words and numbers (`phrases` as in tsquery). */
export function textConditions(q: ParsedQuery | undefined, phrases: "exact" | "words" = "exact"): SQL[] {
  if (!q) return [];
  const conditions: SQL[] = [];
  const text = tsquery(q, true, phrases);
  if (text) conditions.push(sql`${calls.searchVector} @@ ${text}`);
  for (const digits of q.numbers) conditions.push(sql`${calls.searchNumbers} like ${`%${digits}%`}`);
  return conditions;
}

/** Rows after the cursor, in the order of the matching index (see the calls schema). */
export function keyset(params: InboxParams, cursorText: string | undefined, notices: string[]): SQL | undefined {
  if (!cursorText) return undefined;
  const cursor = decodeCursor(cursorText, params.sort);
  if (!cursor) {
    notices.push("That page link is not valid any more; showing the first page.");
    return undefined;
  }
  const isDesc = params.order === "desc";
  if (params.sort === "time") {
    const at = typeof cursor.value === "string" ? cursor.value : new Date(0).toISOString();
    return isDesc
      ? sql`(${calls.startedAt}, ${calls.id}) < (${at}::timestamptz, ${cursor.id}::uuid)`
      : sql`(${calls.startedAt}, ${calls.id}) > (${at}::timestamptz, ${cursor.id}::uuid)`;
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

export function ordering(
  params: InboxParams,
  columns: { time: SQLWrapper; duration: SQLWrapper; id: SQLWrapper } = {
    time: calls.startedAt,
    duration: calls.durationSeconds,
    id: calls.id,
  },
): SQL[] {
  const column = params.sort === "time" ? columns.time : columns.duration;
  return params.order === "desc"
    ? [sql`${column} desc nulls last`, sql`${columns.id} desc nulls last`]
    : [sql`${column} asc nulls first`, sql`${columns.id} asc nulls first`];
}
