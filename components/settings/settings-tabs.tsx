"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import { cn } from "@/components/ui/cn";

const tabs = [
  { href: "", label: "General", isAdminOnly: false },
  { href: "/members", label: "Members", isAdminOnly: false },
  { href: "/integrations", label: "Integrations", isAdminOnly: true },
  { href: "/summaries", label: "Summaries", isAdminOnly: false },
  { href: "/audit", label: "Audit log", isAdminOnly: true },
];

export function SettingsTabs({ orgSlug, isAdmin }: { orgSlug: string; isAdmin: boolean }) {
  const pathname = usePathname();
  const base = `/${orgSlug}/settings`;
  return (
    <nav aria-label="Settings" className="mb-6 border-b border-border">
      <ul className="-mb-px flex gap-5 overflow-x-auto">
        {tabs
          .filter((tab) => isAdmin || !tab.isAdminOnly)
          .map((tab) => {
            const href = `${base}${tab.href}`;
            const isActive = tab.href === "" ? pathname === base : pathname.startsWith(href);
            return (
              <li key={tab.label}>
                <Link
                  href={href}
                  aria-current={isActive ? "page" : undefined}
                  className={cn(
                    "block border-b-2 px-0.5 pb-2.5 text-sm font-medium whitespace-nowrap",
                    isActive ? "border-accent text-accent" : "border-transparent text-fg-muted hover:text-fg",
                  )}
                >
                  {tab.label}
                </Link>
              </li>
            );
          })}
      </ul>
    </nav>
  );
}
