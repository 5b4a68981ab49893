"use client";

import { useCallback, useRef, useState } from "react";

const LIMIT = 200;
const COALESCE_MS = 1000;

type History<T> = { past: T[]; present: T; future: T[] };

/**
 * A value with undo and redo. Edits that share a `coalesce` key within a second (typing in one
 * field) become one step; `replace` sets a value without a step (a reload from the server).
 */
export function useUndoable<T>(initial: T) {
  const [history, setHistory] = useState<History<T>>({ past: [], present: initial, future: [] });
  const last = useRef<{ key: string; at: number } | null>(null);

  const apply = useCallback((update: (value: T) => T, coalesce?: string) => {
    const now = Date.now();
    const merge = coalesce !== undefined && last.current?.key === coalesce && now - last.current.at < COALESCE_MS;
    last.current = coalesce === undefined ? null : { key: coalesce, at: now };
    setHistory((h) => {
      const next = update(h.present);
      if (next === h.present) return h;
      return { past: merge ? h.past : [...h.past.slice(-LIMIT + 1), h.present], present: next, future: [] };
    });
  }, []);

  const undo = useCallback(() => {
    last.current = null;
    setHistory((h) => {
      const previous = h.past.at(-1);
      if (previous === undefined) return h;
      return { past: h.past.slice(0, -1), present: previous, future: [h.present, ...h.future] };
    });
  }, []);

  const redo = useCallback(() => {
    last.current = null;
    setHistory((h) => {
      const [next, ...rest] = h.future;
      if (next === undefined) return h;
      return { past: [...h.past, h.present], present: next, future: rest };
    });
  }, []);

  const replace = useCallback((value: T) => {
    last.current = null;
    setHistory({ past: [], present: value, future: [] });
  }, []);

  return {
    value: history.present,
    apply,
    undo,
    redo,
    replace,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
  };
}
