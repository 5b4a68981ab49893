"use client";

import { useCallback, useEffect, useRef, useState } from "react";

import type { FlowDocument } from "@/lib/flows/schema";

import type { DraftSaveResult } from "./types";

export type SaveStatus =
  | { kind: "saved"; at: string; by: string }
  | { kind: "unsaved" }
  | { kind: "saving" }
  | { kind: "conflict"; theirs: { revision: number; updatedAt: string; updatedBy: string; document: FlowDocument } }
  | { kind: "error"; message: string };

const DELAY_MS = 1200;

type Save = (document: FlowDocument, baseRevision: number, force: boolean) => Promise<DraftSaveResult>;

/**
 * Saves the draft a moment after each edit, one save at a time, each based on the revision the
 * last save returned. A save refused because someone else saved meanwhile stops autosaving and
 * reports the conflict; nothing is overwritten until the admin chooses to.
 */
export function useAutosave(
  document: FlowDocument,
  initial: { revision: number; updatedAt: string; updatedBy: string },
  save: Save,
  enabled: boolean,
) {
  const [status, setStatus] = useState<SaveStatus>({ kind: "saved", at: initial.updatedAt, by: initial.updatedBy });
  const revision = useRef(initial.revision);
  const saved = useRef(document);
  const inFlight = useRef<Promise<void> | null>(null);
  const latest = useRef(document);
  const blocked = useRef(false);
  useEffect(() => {
    latest.current = document;
  }, [document]);

  const flush = useCallback(
    async (force = false): Promise<void> => {
      // One save at a time: a flush during a save waits for it, then saves what is left.
      while (inFlight.current) await inFlight.current;
      if (blocked.current && !force) return;
      const doc = latest.current;
      if (doc === saved.current && !force) return;
      let done = () => {};
      inFlight.current = new Promise<void>((resolve) => (done = resolve));
      setStatus({ kind: "saving" });
      try {
        const result = await save(doc, revision.current, force);
        if (result.ok) {
          revision.current = result.revision;
          saved.current = doc;
          blocked.current = false;
          setStatus(
            latest.current === doc
              ? { kind: "saved", at: result.updatedAt, by: result.updatedBy }
              : { kind: "unsaved" },
          );
        } else if ("conflict" in result) {
          blocked.current = true;
          revision.current = result.conflict.revision;
          setStatus({ kind: "conflict", theirs: result.conflict });
        } else {
          setStatus({ kind: "error", message: result.error });
        }
      } catch (error) {
        setStatus({ kind: "error", message: error instanceof Error ? error.message : "The draft could not be saved." });
      } finally {
        inFlight.current = null;
        done();
      }
    },
    [save],
  );

  useEffect(() => {
    if (!enabled || blocked.current || document === saved.current) return;
    setStatus((s) => (s.kind === "saving" ? s : { kind: "unsaved" }));
    const timer = setTimeout(() => void flush(), DELAY_MS);
    return () => clearTimeout(timer);
  }, [document, enabled, flush, status.kind]);

  /** Takes the other admin's draft: it becomes the saved state. */
  const adopt = useCallback(
    (theirs: { revision: number; updatedAt: string; updatedBy: string; document: FlowDocument }) => {
      revision.current = theirs.revision;
      saved.current = theirs.document;
      latest.current = theirs.document;
      blocked.current = false;
      setStatus({ kind: "saved", at: theirs.updatedAt, by: theirs.updatedBy });
    },
    [],
  );

  /** Overwrites theirs with ours, based on the revision the admin has seen. */
  const overwrite = useCallback(() => flush(true), [flush]);

  const hasUnsaved = status.kind !== "saved";
  return { status, flush, adopt, overwrite, hasUnsaved, revision };
}
