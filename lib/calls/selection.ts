import { and, eq, inArray, type SQL } from "drizzle-orm";
import { z } from "zod";

import { calls } from "@/lib/db/schema";

import { inboxConditions } from "./search/inbox";
import { readInboxParams } from "./search/params";

// Bulk actions work on the rows a user ticked, or on every call the current search finds. The
// search travels as the inbox's own query string, so "all" means exactly what the page showed.

export const MAX_SELECTED_IDS = 1000;

export type Selection = { kind: "ids"; ids: string[] } | { kind: "search"; query: string };

export const selectionSchema = z.union([
  z.object({ ids: z.string().max(MAX_SELECTED_IDS * 37) }).transform((v, ctx): Selection => {
    const ids = v.ids.split(",").filter(Boolean);
    if (ids.length === 0 || ids.length > MAX_SELECTED_IDS || !ids.every((id) => z.uuid().safeParse(id).success)) {
      ctx.addIssue({ code: "custom", message: `Select between 1 and ${MAX_SELECTED_IDS} calls.` });
      return z.NEVER;
    }
    return { kind: "ids", ids };
  }),
  z
    .object({ search: z.string().max(4000) })
    .transform((v): Selection => ({ kind: "search", query: v.search.replace(/^\?/, "") })),
]);

/** The WHERE conditions that pick the selected calls of one organisation. */
export function selectionConditions(orgId: string, selection: Selection): SQL[] {
  if (selection.kind === "ids") {
    const condition = and(eq(calls.orgId, orgId), inArray(calls.id, selection.ids));
    return condition ? [condition] : [eq(calls.orgId, orgId)];
  }
  const { params } = readInboxParams(Object.fromEntries(new URLSearchParams(selection.query)));
  return inboxConditions(orgId, { ...params, cursor: undefined }).where;
}
