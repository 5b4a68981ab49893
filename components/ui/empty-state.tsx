import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

/** What a page shows before there is anything to show: what this is for, and what to do next. */
export function EmptyState({
  icon: Icon,
  title,
  children,
  action,
}: {
  icon: LucideIcon;
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="flex flex-col items-center rounded-lg border border-dashed border-border bg-surface px-6 py-14 text-center">
      <div className="mb-4 flex size-11 items-center justify-center rounded-full bg-accent-soft text-accent">
        <Icon className="size-5" aria-hidden />
      </div>
      <h2 className="text-base font-semibold text-fg">{title}</h2>
      <div className="mt-1.5 max-w-md text-sm text-fg-muted">{children}</div>
      {action && <div className="mt-5">{action}</div>}
    </div>
  );
}
