"use client";

import { LayoutDashboard, PhoneIncoming, Settings, Workflow, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";

import { cn } from "@/components/ui/cn";

const items: Array<{ href: string; label: string; icon: LucideIcon }> = [
  { href: "dashboard", label: "Dashboard", icon: LayoutDashboard },
  { href: "calls", label: "Calls", icon: PhoneIncoming },
  { href: "flows", label: "Flows", icon: Workflow },
  { href: "settings", label: "Settings", icon: Settings },
];

export function SidebarNav({ orgSlug }: { orgSlug: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main">
      <ul className="space-y-0.5">
        {items.map(({ href, label, icon: Icon }) => {
          const target = `/${orgSlug}/${href}`;
          const isActive = pathname === target || pathname.startsWith(`${target}/`);
          return (
            <li key={href}>
              <Link
                href={target}
                aria-current={isActive ? "page" : undefined}
                className={cn(
                  "flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm font-medium transition-colors",
                  isActive ? "bg-accent-soft text-accent" : "text-fg-muted hover:bg-surface-muted hover:text-fg",
                )}
              >
                <Icon className="size-4" aria-hidden />
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
