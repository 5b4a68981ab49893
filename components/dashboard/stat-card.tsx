import type { LucideIcon } from "lucide-react";
import Link from "next/link";

/** One figure of the dashboard, linking to the calls behind it. */
export function StatCard({
  label,
  value,
  hint,
  href,
  icon: Icon,
}: {
  label: string;
  value: string;
  hint: string;
  href: string;
  icon: LucideIcon;
}) {
  return (
    <Link
      href={href}
      className="group rounded-lg border border-border bg-surface p-4 shadow-sm transition-colors hover:border-accent/50"
    >
      <div className="flex items-center justify-between text-sm text-fg-muted">
        {label}
        <Icon className="size-4" aria-hidden />
      </div>
      <p className="mt-2 text-2xl font-semibold tabular-nums text-fg group-hover:text-accent">{value}</p>
      <p className="mt-1 text-xs text-fg-muted">{hint}</p>
    </Link>
  );
}
