"use client";

import { KeyRound, LogOut, UserRound } from "lucide-react";
import { signOut } from "next-auth/react";
import Link from "next/link";
import { DropdownMenu } from "radix-ui";

const itemClasses =
  "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm text-fg outline-none data-[highlighted]:bg-surface-muted";

export function UserMenu({ user }: { user: { email: string; name: string | null } }) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className="flex w-full items-center gap-2 rounded-md px-2 py-2 text-left hover:bg-surface-muted"
        aria-label="User menu"
      >
        <span className="flex size-7 items-center justify-center rounded-full bg-surface-muted text-fg-muted">
          <UserRound className="size-4" aria-hidden />
        </span>
        <span className="min-w-0 flex-1">
          {user.name && <span className="block truncate text-sm font-medium text-fg">{user.name}</span>}
          <span className="block truncate text-xs text-fg-muted">{user.email}</span>
        </span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          side="top"
          align="start"
          sideOffset={6}
          className="z-50 min-w-56 rounded-md border border-border bg-surface p-1 shadow-lg"
        >
          <DropdownMenu.Item asChild className={itemClasses}>
            <Link href="/account/password">
              <KeyRound className="size-4" aria-hidden /> Change password
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <DropdownMenu.Item className={itemClasses} onSelect={() => void signOut({ callbackUrl: "/sign-in" })}>
            <LogOut className="size-4" aria-hidden /> Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
