"use client";

import { Check, ChevronsUpDown, Plus } from "lucide-react";
import Link from "next/link";
import { DropdownMenu } from "radix-ui";

export type SwitcherOrg = { slug: string; name: string; role: string };

const itemClasses =
  "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm text-fg outline-none data-[highlighted]:bg-surface-muted";

export function OrgSwitcher({
  current,
  role,
  orgs,
}: {
  current: { slug: string; name: string };
  role: string;
  orgs: SwitcherOrg[];
}) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className="flex w-full items-center gap-2 rounded-md border border-border bg-surface px-2.5 py-2 text-left hover:bg-surface-muted"
        aria-label={`Organisation: ${current.name}. Switch organisation`}
      >
        <span className="flex size-7 shrink-0 items-center justify-center rounded bg-accent-soft text-xs font-semibold text-accent uppercase">
          {current.name.slice(0, 2)}
        </span>
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-medium text-fg">{current.name}</span>
          <span className="block text-xs text-fg-muted capitalize">{role}</span>
        </span>
        <ChevronsUpDown className="size-4 text-fg-muted" aria-hidden />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="start"
          sideOffset={6}
          className="z-50 min-w-56 rounded-md border border-border bg-surface p-1 shadow-lg"
        >
          <DropdownMenu.Label className="px-2 py-1.5 text-xs font-medium text-fg-muted">
            Organisations
          </DropdownMenu.Label>
          {orgs.map((o) => (
            <DropdownMenu.Item key={o.slug} asChild className={itemClasses}>
              <Link href={`/${o.slug}/dashboard`}>
                <span className="flex-1 truncate">{o.name}</span>
                {o.slug === current.slug && <Check className="size-4 text-accent" aria-label="current" />}
              </Link>
            </DropdownMenu.Item>
          ))}
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <DropdownMenu.Item asChild className={itemClasses}>
            <Link href="/orgs/new">
              <Plus className="size-4" aria-hidden /> New organisation
            </Link>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
