"use client";

import { Download, Trash2 } from "lucide-react";
import { DropdownMenu } from "radix-ui";
import { useActionState, useEffect, useEffectEvent, useId, useState } from "react";

import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormStatus } from "@/components/ui/form-status";
import type { ActionState } from "@/lib/auth/org-action";

import { downloadExport, type ExportProgress } from "./bulk-export";
import { BulkRegenerate } from "./bulk-regenerate";

type Props = {
  orgSlug: string;
  selectedIds: string[];
  /** Set when every call of the current search is selected, not just the page. */
  allMatching?: { query: string; count: number; isAtLeast: boolean };
  canDelete: boolean;
  deleteAction: (state: ActionState, form: FormData) => Promise<ActionState>;
  regenerateAction: (
    state: ActionState<{ batchId: string; total: number }>,
    form: FormData,
  ) => Promise<ActionState<{ batchId: string; total: number }>>;
  /** After a delete: the selection is gone. */
  onDone: () => void;
  /** After a regenerate: the rows changed, the selection stays (with the outcome beside it). */
  onChanged: () => void;
};

const formats = [
  { id: "csv", label: "CSV (spreadsheet)" },
  { id: "json", label: "JSON (normalised calls)" },
  { id: "vcon", label: "vCon (JSON Lines)" },
];

const itemClasses =
  "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-surface-muted";

export function BulkActions({
  orgSlug,
  selectedIds,
  allMatching,
  canDelete,
  deleteAction,
  regenerateAction,
  onDone,
  onChanged,
}: Props) {
  const [progress, setProgress] = useState<ExportProgress | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [deleteState, deleteFormAction] = useActionState(deleteAction, null);
  const deleteFormId = useId();
  const count = allMatching ? allMatching.count : selectedIds.length;
  const countText = allMatching?.isAtLeast ? `${count.toLocaleString("en")}+` : count.toLocaleString("en");
  const target: { search: string } | { ids: string } = allMatching
    ? { search: allMatching.query }
    : { ids: selectedIds.join(",") };

  // onDone is new on every render of the parent: run it once per finished delete, not per render.
  const finishDelete = useEffectEvent(onDone);
  useEffect(() => {
    if (deleteState?.ok) finishDelete();
  }, [deleteState]);

  if (count === 0 && !progress && !deleteState) {
    return <p className="text-sm text-fg-muted">Select calls to export or delete them.</p>;
  }

  async function runExport(format: string) {
    setError(undefined);
    const query = new URLSearchParams({ format });
    if ("search" in target) query.set("search", target.search);
    else query.set("ids", target.ids);
    try {
      await downloadExport(`/${orgSlug}/calls/export?${query}`, format, setProgress);
    } catch (e) {
      setError(e instanceof Error ? e.message : "The export failed.");
    } finally {
      setTimeout(() => setProgress(undefined), 1500);
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2" role="region" aria-label="Bulk actions">
      {count > 0 && <span className="text-sm font-medium">{countText} selected</span>}
      <DropdownMenu.Root>
        <DropdownMenu.Trigger asChild>
          <Button variant="secondary" size="sm" disabled={count === 0 || progress !== undefined}>
            <Download className="size-4" aria-hidden /> Export
          </Button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content
            align="start"
            sideOffset={4}
            className="z-50 min-w-52 rounded-md border border-border bg-surface p-1 shadow-lg"
          >
            {formats.map((f) => (
              <DropdownMenu.Item key={f.id} className={itemClasses} onSelect={() => void runExport(f.id)}>
                {f.label}
              </DropdownMenu.Item>
            ))}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      {canDelete && (
        <BulkRegenerate
          orgSlug={orgSlug}
          target={target}
          count={count}
          countText={countText}
          action={regenerateAction}
          onDone={onChanged}
        />
      )}
      {canDelete && (
        <>
          <ActionForm id={deleteFormId} action={deleteFormAction}>
            <input type="hidden" name="org" value={orgSlug} />
            {"search" in target ? (
              <input type="hidden" name="search" value={target.search} />
            ) : (
              <input type="hidden" name="ids" value={target.ids} />
            )}
          </ActionForm>
          <ConfirmDialog
            formId={deleteFormId}
            title={`Delete ${countText} call${count === 1 ? "" : "s"}?`}
            description="Their transcripts and every payload received go too. This cannot be undone; export them first if you may need them."
            confirmLabel="Delete"
            trigger={
              <Button variant="ghost" size="sm" disabled={count === 0} className="text-danger">
                <Trash2 className="size-4" aria-hidden /> Delete
              </Button>
            }
          />
        </>
      )}
      {progress && (
        <span className="flex items-center gap-2 text-sm" role="status">
          <span className="h-2 w-32 overflow-hidden rounded-full bg-surface-muted">
            <span
              className="block h-full bg-accent transition-all"
              style={{ width: `${progress.total ? (progress.done / progress.total) * 100 : 0}%` }}
            />
          </span>
          Exporting {progress.done.toLocaleString("en")} of {progress.total.toLocaleString("en")}
        </span>
      )}
      {error && (
        <span className="text-sm text-danger" role="alert">
          {error}
        </span>
      )}
      <FormStatus state={deleteState} />
    </div>
  );
}
