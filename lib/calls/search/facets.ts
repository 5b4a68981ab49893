import { eq, sql } from "drizzle-orm";

import { calls, integrations } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

import { newestFirst } from "./conditions";

export type InboxFacets = {
  providers: string[];
  integrations: Array<{ id: string; name: string; provider: string }>;
  channels: string[];
  tags: string[];
  languages: string[];
};

// Suggestions for the filter inputs, taken from the newest calls (an index range, cheap at any
// size) rather than the whole history. Any other value can still be typed.
const SAMPLE = 5000;

export async function inboxFacets(db: Db, orgId: string): Promise<InboxFacets> {
  const recent = db
    .select({ provider: calls.provider, channel: calls.channel, tags: calls.tags, language: calls.language })
    .from(calls)
    .where(eq(calls.orgId, orgId))
    .orderBy(...newestFirst)
    .limit(SAMPLE)
    .as("recent");
  const [facets, integrationRows] = await Promise.all([
    db
      .select({
        providers: sql<string[]>`coalesce(array_agg(distinct ${recent.provider}), '{}')`,
        channels: sql<
          string[]
        >`coalesce(array_agg(distinct ${recent.channel}) filter (where ${recent.channel} is not null), '{}')`,
        languages: sql<
          string[]
        >`coalesce(array_agg(distinct ${recent.language}) filter (where ${recent.language} is not null), '{}')`,
        tags: sql<
          string[]
        >`coalesce((select array_agg(t order by n desc, t) from (select t, count(*) n from ${recent}, unnest(${recent.tags}) t group by t order by n desc limit 100) x), '{}')`,
      })
      .from(recent),
    db
      .select({ id: integrations.id, name: integrations.name, provider: integrations.provider })
      .from(integrations)
      .where(eq(integrations.orgId, orgId))
      .orderBy(integrations.name),
  ]);
  const row = facets[0];
  return {
    providers: row?.providers ?? [],
    channels: (row?.channels ?? []).slice(0, 100),
    tags: row?.tags ?? [],
    languages: row?.languages ?? [],
    integrations: integrationRows,
  };
}
