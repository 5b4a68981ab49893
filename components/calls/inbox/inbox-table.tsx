"use client";

import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type RowSelectionState,
  type VisibilityState,
} from "@tanstack/react-table";
import { Columns3 } from "lucide-react";
import { useRouter } from "next/navigation";
import { DropdownMenu } from "radix-ui";
import { useEffect, useMemo, useRef, useState } from "react";

import { cn } from "@/components/ui/cn";
import type { ActionState } from "@/lib/auth/org-action";
import type { InboxRow } from "@/lib/calls/search/inbox";

import { BulkActions } from "./bulk-actions";
import { defaultVisibility, inboxColumns, type Highlighting } from "./columns";
import { useStoredState } from "./use-stored-state";

type Props = {
  orgSlug: string;
  rows: InboxRow[];
  highlight: Highlighting;
  /** The current search as a query string (without the page cursor), for "all matching" actions. */
  searchQuery: string;
  total: { count: number; isAtLeast: boolean };
  canDelete: boolean;
  deleteAction: (state: ActionState, form: FormData) => Promise<ActionState>;
  regenerateAction: (
    state: ActionState<{ batchId: string; total: number }>,
    form: FormData,
  ) => Promise<ActionState<{ batchId: string; total: number }>>;
};

const isVisibility = (value: unknown): value is VisibilityState =>
  value !== null && typeof value === "object" && Object.values(value).every((v) => typeof v === "boolean");

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

/** The inbox list: selectable rows, column choice, and j/k/enter/x keys like a mail client. */
export function InboxTable({
  orgSlug,
  rows,
  highlight,
  searchQuery,
  total,
  canDelete,
  deleteAction,
  regenerateAction,
}: Props) {
  const router = useRouter();
  const [visibility, setVisibility] = useStoredState<VisibilityState>(
    "switchboard.inbox.columns",
    defaultVisibility,
    isVisibility,
  );
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [isAllMatching, setAllMatching] = useState(false);
  const [focused, setFocused] = useState(-1);
  const rowRefs = useRef<Array<HTMLTableRowElement | null>>([]);
  const columns = useMemo(() => inboxColumns(orgSlug, highlight), [orgSlug, highlight]);

  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
    state: { columnVisibility: visibility, rowSelection: selection },
    onColumnVisibilityChange: (updater) => setVisibility(typeof updater === "function" ? updater(visibility) : updater),
    onRowSelectionChange: (updater) => {
      setAllMatching(false);
      setSelection(typeof updater === "function" ? updater(selection) : updater);
    },
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === "/" && !isTyping(event.target)) {
        event.preventDefault();
        document.getElementById("inbox-search")?.focus();
        return;
      }
      if (isTyping(event.target) || rows.length === 0) return;
      const move = (index: number) => {
        const next = Math.max(0, Math.min(rows.length - 1, index));
        setFocused(next);
        rowRefs.current[next]?.focus();
      };
      if (event.key === "j" || event.key === "ArrowDown") {
        event.preventDefault();
        move(focused + 1);
      } else if (event.key === "k" || event.key === "ArrowUp") {
        event.preventDefault();
        move(focused - 1);
      } else if ((event.key === "Enter" || event.key === "o") && focused >= 0 && rows[focused])
        router.push(`/${orgSlug}/calls/${rows[focused]?.id}`);
      else if (event.key === "x" && focused >= 0) table.getRowModel().rows[focused]?.toggleSelected();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [rows, focused, orgSlug, router, table]);

  const selectedIds = Object.keys(selection).filter((id) => selection[id]);
  const isPageSelected = rows.length > 0 && selectedIds.length === rows.length;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <BulkActions
          orgSlug={orgSlug}
          selectedIds={isAllMatching ? [] : selectedIds}
          allMatching={
            isAllMatching ? { query: searchQuery, count: total.count, isAtLeast: total.isAtLeast } : undefined
          }
          canDelete={canDelete}
          deleteAction={deleteAction}
          regenerateAction={regenerateAction}
          onChanged={() => router.refresh()}
          onDone={() => {
            setSelection({});
            setAllMatching(false);
            router.refresh();
          }}
        />
        <DropdownMenu.Root>
          <DropdownMenu.Trigger className="ml-auto inline-flex items-center gap-1.5 rounded-md border border-border bg-surface px-2.5 py-1.5 text-sm hover:bg-surface-muted">
            <Columns3 className="size-4" aria-hidden /> Columns
          </DropdownMenu.Trigger>
          <DropdownMenu.Portal>
            <DropdownMenu.Content
              align="end"
              sideOffset={4}
              className="z-50 min-w-44 rounded-md border border-border bg-surface p-1 shadow-lg"
            >
              {table
                .getAllLeafColumns()
                .filter((c) => c.getCanHide())
                .map((column) => (
                  <DropdownMenu.CheckboxItem
                    key={column.id}
                    checked={column.getIsVisible()}
                    onCheckedChange={(value) => column.toggleVisibility(value)}
                    onSelect={(e) => e.preventDefault()}
                    className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-surface-muted"
                  >
                    <span className="w-4 text-accent">{column.getIsVisible() ? "✓" : ""}</span>
                    {typeof column.columnDef.header === "string" ? column.columnDef.header : column.id}
                  </DropdownMenu.CheckboxItem>
                ))}
            </DropdownMenu.Content>
          </DropdownMenu.Portal>
        </DropdownMenu.Root>
      </div>
      {isPageSelected && (total.count > rows.length || total.isAtLeast) && (
        <p className="rounded-md bg-accent-soft px-3 py-2 text-sm text-fg">
          {isAllMatching ? (
            <>
              All {total.isAtLeast ? `${total.count.toLocaleString("en")}+` : total.count.toLocaleString("en")} calls of
              this search are selected.{" "}
              <button
                type="button"
                className="font-medium text-accent hover:underline"
                onClick={() => setAllMatching(false)}
              >
                Select only this page
              </button>
            </>
          ) : (
            <>
              The {rows.length} calls on this page are selected.{" "}
              <button
                type="button"
                className="font-medium text-accent hover:underline"
                onClick={() => setAllMatching(true)}
              >
                Select all {total.isAtLeast ? `${total.count.toLocaleString("en")}+` : total.count.toLocaleString("en")}{" "}
                calls of this search
              </button>
            </>
          )}
        </p>
      )}
      <div className="overflow-x-auto rounded-lg border border-border bg-surface shadow-sm">
        <table className="w-full text-sm" aria-label="Calls">
          <thead className="border-b border-border text-left text-xs font-medium text-fg-muted uppercase">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <th key={header.id} className="px-3 py-2.5 font-medium whitespace-nowrap">
                    {flexRender(header.column.columnDef.header, header.getContext())}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-border">
            {table.getRowModel().rows.map((row, index) => (
              <tr
                key={row.id}
                ref={(el) => {
                  rowRefs.current[index] = el;
                }}
                tabIndex={0}
                aria-selected={row.getIsSelected()}
                data-testid="inbox-row"
                onFocus={() => setFocused(index)}
                onClick={(e) => {
                  if (e.target instanceof HTMLElement && e.target.closest("a, input, button")) return;
                  router.push(`/${orgSlug}/calls/${row.id}`);
                }}
                className={cn(
                  "cursor-pointer align-top outline-none hover:bg-surface-muted focus:bg-accent-soft",
                  row.getIsSelected() && "bg-accent-soft/60",
                )}
              >
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="px-3 py-2.5">
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-fg-muted">
        Keys: <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>Enter</kbd> opens, <kbd>x</kbd> selects, <kbd>/</kbd> searches.
      </p>
    </div>
  );
}
