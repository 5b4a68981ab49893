"use client";

import { Search, X } from "lucide-react";
import Link from "next/link";
import { useRef } from "react";

import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClasses } from "@/components/ui/field";
import type { InboxFacets } from "@/lib/calls/search/facets";

export type FilterValues = Record<string, string | undefined>;

type Props = { orgSlug: string; values: FilterValues; facets: InboxFacets; isFiltered: boolean };

const small = cn(inputClasses, "h-8 text-sm");

/**
 * The search box and filters as one GET form: the URL holds the state, so links, reload and the
 * back button keep it. Menus apply at once; text fields on Enter.
 */
export function InboxFilters({ orgSlug, values, facets, isFiltered }: Props) {
  const form = useRef<HTMLFormElement>(null);
  const submit = () => form.current?.requestSubmit();
  const select = (
    name: string,
    label: string,
    options: Array<{ value: string; label: string }>,
    anyLabel: string | null = "Any",
  ) => (
    <label className="flex flex-col gap-1 text-xs font-medium text-fg-muted">
      {label}
      <select name={name} defaultValue={values[name] ?? ""} className={small} onChange={submit}>
        {anyLabel && <option value="">{anyLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
  const text = (name: string, label: string, suggestions: string[]) => (
    <label className="flex flex-col gap-1 text-xs font-medium text-fg-muted">
      {label}
      <input
        name={name}
        defaultValue={values[name] ?? ""}
        list={`${name}-suggestions`}
        className={small}
        placeholder="Any"
        maxLength={200}
      />
      <datalist id={`${name}-suggestions`}>
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
    </label>
  );

  return (
    // autoComplete off: otherwise the browser puts back what was typed last when the back button
    // returns to a page, over the values of the search that page shows.
    <form ref={form} method="get" action={`/${orgSlug}/calls`} className="space-y-3" role="search" autoComplete="off">
      <div className="flex gap-2">
        <div className="relative flex-1">
          <Search
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-fg-muted"
            aria-hidden
          />
          <input
            id="inbox-search"
            name="q"
            type="search"
            defaultValue={values.q ?? ""}
            maxLength={500}
            aria-label="Search calls"
            placeholder='Search words, "a phrase", -without, or a phone number'
            className={cn(inputClasses, "h-10 pl-9")}
          />
        </div>
        <button type="submit" className={buttonClasses("primary", "md", "h-10")}>
          Search
        </button>
        {isFiltered && (
          <Link href={`/${orgSlug}/calls`} className={buttonClasses("ghost", "md", "h-10")}>
            <X className="size-4" aria-hidden /> Clear
          </Link>
        )}
      </div>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <label className="flex flex-col gap-1 text-xs font-medium text-fg-muted">
          From
          <input type="date" name="from" defaultValue={values.from ?? ""} className={small} onChange={submit} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-fg-muted">
          To
          <input type="date" name="to" defaultValue={values.to ?? ""} className={small} onChange={submit} />
        </label>
        {select(
          "provider",
          "Source",
          facets.providers.map((p) => ({ value: p, label: p })),
        )}
        {select(
          "integration",
          "Integration",
          facets.integrations.map((i) => ({ value: i.id, label: i.name })),
        )}
        {select(
          "direction",
          "Direction",
          ["inbound", "outbound", "internal", "unknown"].map((d) => ({ value: d, label: d })),
        )}
        {select("summary", "Summary", [
          { value: "vendor", label: "From the vendor" },
          { value: "processed", label: "Generated" },
          { value: "created", label: "Being generated" },
          { value: "failed", label: "Failed" },
          { value: "none", label: "None" },
        ])}
        {text("channel", "Channel", facets.channels)}
        {text("tag", "Tag", facets.tags)}
        {text("language", "Language", facets.languages)}
        {select(
          "sort",
          "Sort by",
          [
            { value: "time", label: "Time" },
            { value: "duration", label: "Duration" },
          ],
          null,
        )}
        {select(
          "order",
          "Order",
          [
            { value: "desc", label: "Newest / longest first" },
            { value: "asc", label: "Oldest / shortest first" },
          ],
          null,
        )}
        <label className="flex items-center gap-2 self-end pb-1.5 text-sm text-fg">
          <input type="checkbox" name="open" value="1" defaultChecked={values.open === "1"} onChange={submit} /> Open
          action items
        </label>
      </div>
    </form>
  );
}
