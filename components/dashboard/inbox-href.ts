/**
 * Links into the inbox with its URL filters (see lib/calls/search/params.ts). Kept free of lib
 * imports so the chart, a client component, can build day links without pulling in the schema.
 */
export type InboxFilter = {
  /** Inclusive UTC days, YYYY-MM-DD. */
  from?: string;
  to?: string;
  provider?: string;
  direction?: "inbound" | "outbound" | "internal" | "unknown";
  tag?: string;
  hasOpenItems?: boolean;
  integration?: string;
  sort?: "duration";
};

export function inboxHref(orgSlug: string, filter: InboxFilter): string {
  const search = new URLSearchParams();
  const entries: Array<[string, string | undefined]> = [
    ["from", filter.from],
    ["to", filter.to],
    ["provider", filter.provider],
    ["direction", filter.direction],
    ["tag", filter.tag],
    ["open", filter.hasOpenItems ? "1" : undefined],
    ["integration", filter.integration],
    ["sort", filter.sort],
  ];
  for (const [key, value] of entries) if (value) search.set(key, value);
  const query = search.toString();
  return `/${orgSlug}/calls${query ? `?${query}` : ""}`;
}
