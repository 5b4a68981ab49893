import { z } from "zod";

import { directions } from "@/lib/calls/model";
import { summaryStates } from "@/lib/db/schema";

// The inbox's state lives in the URL. Every parameter is read on its own: a bad one is dropped
// with a notice saying so, the rest still apply, and the page always renders.

export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 100;
export const PAGE_SIZE_MIN = 10;

export const sortKeys = ["time", "duration"] as const;
export const sortOrders = ["desc", "asc"] as const;

export type InboxParams = {
  q?: string;
  from?: Date;
  /** Inclusive day: calls before the end of this day. */
  to?: Date;
  provider?: string;
  integration?: string;
  direction?: (typeof directions)[number];
  channel?: string;
  tag?: string;
  language?: string;
  hasOpenItems: boolean;
  summary?: (typeof summaryStates)[number];
  sort: (typeof sortKeys)[number];
  order: (typeof sortOrders)[number];
  cursor?: string;
  size: number;
};

type Raw = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined): string | undefined => {
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined || v.trim() === "" ? undefined : v;
};

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .transform((v, ctx) => {
    const date = new Date(`${v}T00:00:00Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== v) {
      ctx.addIssue({ code: "custom", message: "not a date" });
      return z.NEVER;
    }
    return date;
  });

const fields = {
  q: z.string().max(500),
  from: day,
  to: day,
  provider: z.string().regex(/^[a-z]{2,20}$/),
  integration: z.uuid(),
  direction: z.enum(directions),
  channel: z.string().max(200),
  tag: z.string().max(100),
  language: z.string().max(35),
  summary: z.enum(summaryStates),
  sort: z.enum(sortKeys),
  order: z.enum(sortOrders),
  cursor: z.string().max(500),
};

const labels: Record<keyof typeof fields, string> = {
  q: "search text longer than 500 characters",
  from: "start date",
  to: "end date",
  provider: "source",
  integration: "integration",
  direction: "direction",
  channel: "channel",
  tag: "tag",
  language: "language",
  summary: "summary state",
  sort: "sort",
  order: "order",
  cursor: "page link",
};

/** Reads the inbox parameters; anything unusable is left out and named in `notices`. */
export function readInboxParams(raw: Raw): { params: InboxParams; notices: string[] } {
  const notices: string[] = [];
  const read = <S extends z.ZodType>(key: keyof typeof fields, schema: S): z.output<S> | undefined => {
    const value = first(raw[key]);
    if (value === undefined) return undefined;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    notices.push(`Ignored the ${labels[key]} "${value.slice(0, 60)}".`);
    return undefined;
  };

  const sizeRaw = first(raw.size);
  let size = PAGE_SIZE_DEFAULT;
  if (sizeRaw !== undefined) {
    const n = Number(sizeRaw);
    if (!Number.isInteger(n)) notices.push(`Ignored the page size "${sizeRaw.slice(0, 20)}".`);
    else size = Math.min(PAGE_SIZE_MAX, Math.max(PAGE_SIZE_MIN, n));
    if (Number.isInteger(n) && n !== size)
      notices.push(`Showing ${size} calls per page (between ${PAGE_SIZE_MIN} and ${PAGE_SIZE_MAX}).`);
  }

  const params: InboxParams = {
    q: read("q", fields.q)?.trim() || undefined,
    from: read("from", fields.from),
    to: read("to", fields.to),
    provider: read("provider", fields.provider),
    integration: read("integration", fields.integration),
    direction: read("direction", fields.direction),
    channel: read("channel", fields.channel),
    tag: read("tag", fields.tag),
    language: read("language", fields.language)?.toLowerCase(),
    hasOpenItems: first(raw.open) === "1",
    summary: read("summary", fields.summary),
    sort: read("sort", fields.sort) ?? "time",
    order: read("order", fields.order) ?? "desc",
    cursor: read("cursor", fields.cursor),
    size,
  };
  if (params.from && params.to && params.from > params.to) {
    notices.push("The start date was after the end date; they were swapped.");
    [params.from, params.to] = [params.to, params.from];
  }
  return { params, notices };
}

/** The URL query of a set of parameters (for links that keep the current state). */
export function inboxQueryString(
  params: Partial<InboxParams>,
  overrides: Record<string, string | undefined> = {},
): string {
  const entries: Record<string, string | undefined> = {
    q: params.q,
    from: params.from?.toISOString().slice(0, 10),
    to: params.to?.toISOString().slice(0, 10),
    provider: params.provider,
    integration: params.integration,
    direction: params.direction,
    channel: params.channel,
    tag: params.tag,
    language: params.language,
    open: params.hasOpenItems ? "1" : undefined,
    summary: params.summary,
    sort: params.sort === "time" ? undefined : params.sort,
    order: params.order === "desc" ? undefined : params.order,
    size: params.size === PAGE_SIZE_DEFAULT ? undefined : params.size?.toString(),
    cursor: params.cursor,
    ...overrides,
  };
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(entries)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}
