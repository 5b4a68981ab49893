"use client";

import { Menu, X } from "lucide-react";
import { usePathname } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";

import { cn } from "@/components/ui/cn";
import { Logo } from "@/components/ui/logo";

import { OrgSwitcher, type SwitcherOrg } from "./org-switcher";
import { SidebarNav } from "./sidebar-nav";
import { UserMenu } from "./user-menu";

type Props = {
  org: { slug: string; name: string };
  role: string;
  orgs: SwitcherOrg[];
  user: { email: string; name: string | null };
  children: ReactNode;
};

/** Sidebar with organisation switcher, navigation and user menu; a drawer below laptop width. */
export function AppShell({ org, role, orgs, user, children }: Props) {
  const pathname = usePathname();
  // The drawer belongs to the page it was opened on: navigating closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const isOpen = openOn === pathname;
  // The flow editor uses the whole width for its canvas.
  const wide = /^\/[^/]+\/flows\/[0-9a-f-]{36}$/.test(pathname);
  const setOpen = (open: boolean) => setOpenOn(open ? pathname : null);
  useEffect(() => {
    document.cookie = `sb_org=${encodeURIComponent(org.slug)}; path=/; max-age=31536000; samesite=lax`;
  }, [org.slug]);

  const sidebar = (
    <div className="flex h-full flex-col gap-4 px-3 py-4">
      <div className="px-2">
        <Logo />
      </div>
      <OrgSwitcher current={org} role={role} orgs={orgs} />
      <SidebarNav orgSlug={org.slug} />
      <div className="mt-auto">
        <UserMenu user={user} />
      </div>
    </div>
  );

  return (
    <div className="min-h-screen lg:grid lg:grid-cols-[15rem_1fr]">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-surface focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <aside
        className="hidden border-r border-border bg-surface lg:sticky lg:top-0 lg:block lg:h-screen"
        aria-label="Sidebar"
      >
        {sidebar}
      </aside>
      <header className="sticky top-0 z-30 flex items-center gap-3 border-b border-border bg-surface px-4 py-2.5 lg:hidden">
        <button
          type="button"
          className="rounded-md p-1.5 text-fg hover:bg-surface-muted"
          onClick={() => setOpen(true)}
          aria-label="Open navigation"
          aria-expanded={isOpen}
        >
          <Menu className="size-5" aria-hidden />
        </button>
        <Logo />
        <span className="truncate text-sm text-fg-muted">· {org.name}</span>
      </header>
      <div
        className={cn("fixed inset-0 z-40 lg:hidden", isOpen ? "block" : "hidden")}
        role="dialog"
        aria-modal="true"
        aria-label="Navigation"
      >
        <div className="absolute inset-0 bg-black/40" onClick={() => setOpen(false)} />
        <aside className="absolute inset-y-0 left-0 w-64 border-r border-border bg-surface">
          <button
            type="button"
            className="absolute top-3 right-3 rounded-md p-1.5 hover:bg-surface-muted"
            onClick={() => setOpen(false)}
            aria-label="Close navigation"
          >
            <X className="size-5" aria-hidden />
          </button>
          {sidebar}
        </aside>
      </div>
      <main id="main" className={cn("min-w-0", wide ? "p-2 lg:p-3" : "px-4 py-6 sm:px-8 lg:py-8")}>
        <div className={wide ? "" : "mx-auto max-w-6xl"}>{children}</div>
      </main>
    </div>
  );
}
