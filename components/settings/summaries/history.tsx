"use client";

import { useActionState } from "react";

import { ActionForm } from "@/components/ui/action-form";
import { cn } from "@/components/ui/cn";
import { FormStatus } from "@/components/ui/form-status";
import { formatDateTime } from "@/components/ui/format";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/auth/org-action";
import type { SummarySettings } from "@/lib/summaries/settings";
import type { SettingsDiff } from "@/lib/summaries/settings-diff";

export type HistoryEntry = { settings: SummarySettings; diff: SettingsDiff };

type Props = {
  orgSlug: string;
  entries: HistoryEntry[];
  currentVersion: number;
  canEdit: boolean;
  restoreAction: (state: ActionState<{ saved?: number }>, form: FormData) => Promise<ActionState<{ saved?: number }>>;
};

const partClasses = {
  same: "",
  added: "bg-success-soft text-success",
  removed: "bg-danger-soft text-danger line-through",
} as const;

/** Every saved version, newest first, with what it changed and a way back to it. */
export function SettingsHistory({ orgSlug, entries, currentVersion, canEdit, restoreAction }: Props) {
  const [state, formAction] = useActionState(restoreAction, null);
  if (entries.length === 0)
    return (
      <p className="text-sm text-fg-muted">
        Nothing saved yet: the defaults apply (built-in summariser, no instructions).
      </p>
    );
  return (
    <div className="space-y-3">
      <FormStatus state={state} />
      <ol className="divide-y divide-border rounded-md border border-border" aria-label="Versions">
        {entries.map(({ settings: s, diff }) => (
          <li key={s.version} className="px-4 py-3">
            <details>
              <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                <span className="font-medium text-fg">Version {s.version}</span>
                {s.version === currentVersion && (
                  <span className="rounded-full bg-accent-soft px-2 py-0.5 text-xs text-accent">in force</span>
                )}
                <span className="text-fg-muted">
                  {s.authorLabel ?? "unknown"} · {formatDateTime(s.createdAt)}
                  {s.restoredFrom ? ` · restored from version ${s.restoredFrom}` : ""}
                </span>
              </summary>
              <div className="mt-3 space-y-3">
                {diff.hasInstructionChanges ? (
                  <p
                    className="rounded border border-border bg-surface-muted p-3 text-sm leading-relaxed whitespace-pre-wrap text-fg"
                    data-testid="instructions-diff"
                  >
                    {diff.instructions.map((part, i) => (
                      <span key={i} className={cn(partClasses[part.kind])}>
                        {part.value}
                      </span>
                    ))}
                  </p>
                ) : (
                  <p className="text-sm text-fg-muted">Instructions unchanged.</p>
                )}
                {diff.fields.length > 0 && (
                  <ul className="space-y-0.5 text-sm">
                    {diff.fields.map((f) => (
                      <li key={f.label}>
                        <span className="text-fg-muted">{f.label}:</span>{" "}
                        <span className="line-through">{f.before}</span> → <span className="text-fg">{f.after}</span>
                      </li>
                    ))}
                  </ul>
                )}
                {canEdit && s.version !== currentVersion && (
                  <ActionForm action={formAction}>
                    <input type="hidden" name="org" value={orgSlug} />
                    <input type="hidden" name="version" value={s.version} />
                    <input type="hidden" name="baseVersion" value={currentVersion} />
                    <SubmitButton size="sm" variant="secondary" pendingText="Restoring…">
                      Restore version {s.version}
                    </SubmitButton>
                  </ActionForm>
                )}
              </div>
            </details>
          </li>
        ))}
      </ol>
    </div>
  );
}
