"use client";

import { useState } from "react";

import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/components/ui/format";
import { summariseChanges } from "@/lib/flows/diff";
import type { FlowDocument } from "@/lib/flows/schema";

import type { DraftConflict } from "./types";

/**
 * Someone else saved this draft meanwhile: nothing of theirs or ours is lost until the admin
 * chooses. "Load theirs" drops our unsaved edits; "Review and overwrite" shows what ours
 * changes compared with theirs, then keeps ours.
 */
export function ConflictDialog({
  theirs,
  mine,
  onLoadTheirs,
  onOverwrite,
}: {
  theirs: DraftConflict;
  mine: FlowDocument;
  onLoadTheirs: () => void;
  onOverwrite: () => void;
}) {
  const [reviewing, setReviewing] = useState(false);
  const changes = summariseChanges(theirs.document, mine);
  return (
    <div
      role="alertdialog"
      aria-labelledby="conflict-title"
      aria-describedby="conflict-text"
      className="fixed inset-0 z-50 flex items-center justify-center bg-black/40 p-4"
    >
      <div className="w-full max-w-lg space-y-4 rounded-lg border border-border bg-surface p-5 shadow-xl">
        <h2 id="conflict-title" className="text-base font-semibold">
          This draft was changed by {theirs.updatedBy}
        </h2>
        <p id="conflict-text" className="text-sm text-fg-muted">
          {theirs.updatedBy} saved it at {formatDateTime(new Date(theirs.updatedAt))}, after you opened it. Your latest
          edits are not saved. Load their version (your unsaved edits are dropped), or review what yours changes and
          overwrite theirs.
        </p>
        {reviewing && (
          <div
            className="space-y-2 rounded-md border border-border bg-surface-muted p-3 text-sm"
            aria-label="Your changes compared with theirs"
          >
            <p className="font-medium">Compared with theirs, yours has: {changes.text}</p>
            {changes.added.length > 0 && <p>Added: {changes.added.join(", ")}</p>}
            {changes.removed.length > 0 && <p>Removed: {changes.removed.join(", ")}</p>}
            {changes.changed.length > 0 && <p>Changed: {changes.changed.join(", ")}</p>}
          </div>
        )}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onLoadTheirs}>
            Load their version
          </Button>
          {reviewing ? (
            <Button variant="danger" onClick={onOverwrite}>
              Overwrite with mine
            </Button>
          ) : (
            <Button variant="secondary" onClick={() => setReviewing(true)}>
              Review and overwrite…
            </Button>
          )}
        </div>
      </div>
    </div>
  );
}
