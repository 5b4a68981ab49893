"use client";

import { ArrowLeft, ClipboardPaste, Copy, LayoutGrid, Redo2, Undo2 } from "lucide-react";
import Link from "next/link";

import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/components/ui/format";

import type { SaveStatus } from "./use-autosave";

type Props = {
  backHref: string;
  name: string;
  liveVersion: number | null;
  status: SaveStatus;
  readOnly: boolean;
  canUndo: boolean;
  canRedo: boolean;
  canCopy: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onCopy: () => void;
  onPaste: () => void;
  onLayout: () => void;
  onRetry: () => void;
};

const mod = "Ctrl/⌘+";

function Tool({
  label,
  shortcut,
  onClick,
  disabled,
  children,
}: {
  label: string;
  shortcut: string;
  onClick: () => void;
  disabled?: boolean;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={`${label} (${shortcut})`}
      disabled={disabled}
      onClick={onClick}
      className="rounded-md p-1.5 text-fg hover:bg-surface-muted disabled:opacity-40"
    >
      {children}
    </button>
  );
}

export function SaveIndicator({ status, onRetry }: { status: SaveStatus; onRetry: () => void }) {
  switch (status.kind) {
    case "saved":
      return (
        <span className="text-xs text-fg-muted" role="status">
          Draft saved {formatDateTime(new Date(status.at))}
        </span>
      );
    case "unsaved":
      return (
        <span className="text-xs text-fg-muted" role="status">
          Unsaved changes…
        </span>
      );
    case "saving":
      return (
        <span className="text-xs text-fg-muted" role="status">
          Saving…
        </span>
      );
    case "conflict":
      return (
        <span className="text-xs text-danger" role="status">
          Not saved: changed by {status.theirs.updatedBy}
        </span>
      );
    case "error":
      return (
        <span className="text-xs text-danger" role="status">
          Not saved: {status.message}{" "}
          <button type="button" className="underline" onClick={onRetry}>
            Retry
          </button>
        </span>
      );
  }
}

export function Toolbar(p: Props) {
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-border bg-surface px-3 py-2">
      <Link href={p.backHref} className="inline-flex items-center gap-1 text-sm text-fg-muted hover:text-fg">
        <ArrowLeft className="size-4" aria-hidden /> Flows
      </Link>
      <h1 className="truncate text-base font-semibold">{p.name}</h1>
      {p.liveVersion ? (
        <Badge tone="success">Version {p.liveVersion} live</Badge>
      ) : (
        <Badge tone="warning">Not published</Badge>
      )}
      {p.readOnly ? <Badge>Read-only</Badge> : <SaveIndicator status={p.status} onRetry={p.onRetry} />}
      <div className="ml-auto flex items-center gap-0.5" role="toolbar" aria-label="Editing">
        {!p.readOnly && (
          <>
            <Tool label="Undo" shortcut={`${mod}Z`} onClick={p.onUndo} disabled={!p.canUndo}>
              <Undo2 className="size-4" aria-hidden />
            </Tool>
            <Tool label="Redo" shortcut={`${mod}Shift+Z`} onClick={p.onRedo} disabled={!p.canRedo}>
              <Redo2 className="size-4" aria-hidden />
            </Tool>
            <Tool label="Copy" shortcut={`${mod}C`} onClick={p.onCopy} disabled={!p.canCopy}>
              <Copy className="size-4" aria-hidden />
            </Tool>
            <Tool label="Paste" shortcut={`${mod}V`} onClick={p.onPaste}>
              <ClipboardPaste className="size-4" aria-hidden />
            </Tool>
            <Tool label="Tidy up layout" shortcut={`${mod}Shift+L`} onClick={p.onLayout}>
              <LayoutGrid className="size-4" aria-hidden />
            </Tool>
          </>
        )}
      </div>
    </div>
  );
}
