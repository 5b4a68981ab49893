"use client";

import { CheckCircle2, CircleAlert, TriangleAlert } from "lucide-react";

import type { FlowIssue } from "@/lib/flows/validate";

/** Errors first, then warnings; clicking one selects its node and brings it into view. */
export function IssuesPanel({ issues, onJump }: { issues: readonly FlowIssue[]; onJump: (nodeId: string) => void }) {
  if (issues.length === 0)
    return (
      <p className="flex items-center gap-2 text-sm text-success">
        <CheckCircle2 className="size-4" aria-hidden /> No problems: this draft can be published.
      </p>
    );
  const sorted = [...issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  const errors = issues.filter((i) => i.severity === "error").length;
  return (
    <div className="space-y-2">
      <p className="text-sm text-fg-muted">
        {errors} error{errors === 1 ? "" : "s"}, {issues.length - errors} warning
        {issues.length - errors === 1 ? "" : "s"}
        {errors > 0 ? " · errors stop publishing" : ""}
      </p>
      <ul className="space-y-1" aria-label="Problems">
        {sorted.map((issue, i) => {
          const Icon = issue.severity === "error" ? CircleAlert : TriangleAlert;
          const body = (
            <>
              <Icon className="mt-0.5 size-3.5 shrink-0" aria-hidden />
              <span>{issue.message}</span>
            </>
          );
          const tone = issue.severity === "error" ? "text-danger" : "text-warning";
          return (
            <li key={`${issue.code}-${issue.nodeId ?? ""}-${i}`}>
              {issue.nodeId ? (
                <button
                  type="button"
                  className={`flex w-full gap-1.5 rounded px-1 py-0.5 text-left text-xs hover:bg-surface-muted ${tone}`}
                  onClick={() => issue.nodeId && onJump(issue.nodeId)}
                >
                  {body}
                </button>
              ) : (
                <p className={`flex gap-1.5 px-1 py-0.5 text-xs ${tone}`}>{body}</p>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
