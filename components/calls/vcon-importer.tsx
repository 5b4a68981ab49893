"use client";

import { FileUp } from "lucide-react";
import { useRef, useState } from "react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ActionState } from "@/lib/auth/org-action";
import type { ImportOutcome } from "@/lib/calls/import-vcon";

type Action = (state: ActionState<ImportOutcome>, form: FormData) => Promise<ActionState<ImportOutcome>>;
type Item = { label: string; content: string; outcome?: ImportOutcome };

const MAX_BYTES = 25 * 1024 * 1024;

/** One file is one vCon, unless it is JSON Lines (.jsonl/.ndjson, or one JSON object per line). */
async function documentsOf(file: File): Promise<Item[]> {
  if (file.size > MAX_BYTES * 4)
    return [
      { label: file.name, content: "", outcome: { status: "refused", error: "The file is larger than 100 MB." } },
    ];
  const text = await file.text();
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  const isJsonLines =
    /\.(jsonl|ndjson)$/i.test(file.name) ||
    (lines.length > 1 && lines.every((l) => l.trim().startsWith("{") && l.trim().endsWith("}")));
  if (!isJsonLines) return [{ label: file.name, content: text }];
  return lines.map((line, i) => ({ label: `${file.name}, line ${i + 1}`, content: line }));
}

const tone = { imported: "success", updated: "accent", unchanged: "neutral", refused: "danger" } as const;

async function importOne(item: Item, orgSlug: string, action: Action): Promise<ImportOutcome> {
  if (item.content.length > MAX_BYTES) return { status: "refused", error: "The document is larger than 25 MB." };
  const form = new FormData();
  form.set("org", orgSlug);
  form.set("content", item.content);
  try {
    const state = await action(null, form);
    if (state?.ok && state.data) return state.data;
    return { status: "refused", error: state && !state.ok ? state.error : "No answer from the server." };
  } catch {
    return { status: "refused", error: "The server could not import this document. Try again." };
  }
}

/** Uploads vCon files one document at a time, with a progress bar and a result per document. */
export function VconImporter({ orgSlug, action }: { orgSlug: string; action: Action }) {
  const [items, setItems] = useState<Item[]>([]);
  const [isRunning, setRunning] = useState(false);
  const [isDragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const done = items.filter((i) => i.outcome).length;

  async function run(files: File[]) {
    if (isRunning || files.length === 0) return;
    setRunning(true);
    const queue = (await Promise.all(files.map(documentsOf))).flat();
    setItems([...queue]);
    for (let i = 0; i < queue.length; i++) {
      const item = queue[i];
      if (!item || item.outcome) continue;
      queue[i] = { ...item, content: "", outcome: await importOne(item, orgSlug, action) };
      setItems([...queue]);
    }
    setRunning(false);
  }

  const counts = new Map<string, number>();
  for (const item of items)
    if (item.outcome) counts.set(item.outcome.status, (counts.get(item.outcome.status) ?? 0) + 1);

  return (
    <div className="space-y-5">
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void run([...e.dataTransfer.files]);
        }}
        className={cn(
          "flex flex-col items-center rounded-lg border-2 border-dashed bg-surface px-6 py-10 text-center",
          isDragging ? "border-accent" : "border-border",
        )}
      >
        <FileUp className="size-6 text-fg-muted" aria-hidden />
        <label htmlFor="vcon-files" className="mt-2 text-sm text-fg">
          Drop .vcon, .json or .jsonl files here, or
        </label>
        <input
          ref={input}
          id="vcon-files"
          type="file"
          multiple
          accept=".vcon,.json,.jsonl,.ndjson,application/json"
          className="sr-only"
          onChange={(e) => void run([...(e.currentTarget.files ?? [])])}
        />
        <Button variant="secondary" className="mt-3" disabled={isRunning} onClick={() => input.current?.click()}>
          Choose files
        </Button>
        <p className="mt-2 text-xs text-fg-muted">
          Up to 25 MB per document. A vCon imported before (same uuid) is updated, not duplicated.
        </p>
      </div>

      {items.length > 0 && (
        <div className="space-y-3">
          <div>
            <div className="flex justify-between text-sm">
              <span>{isRunning ? "Importing…" : "Done"}</span>
              <span className="tabular-nums text-fg-muted">
                {done} of {items.length}
              </span>
            </div>
            <div
              className="mt-1 h-2 overflow-hidden rounded-full bg-surface-muted"
              role="progressbar"
              aria-label="Import progress"
              aria-valuemin={0}
              aria-valuemax={items.length}
              aria-valuenow={done}
            >
              <div className="h-full bg-accent transition-all" style={{ width: `${(done / items.length) * 100}%` }} />
            </div>
            <p className="mt-2 text-sm text-fg-muted" data-testid="import-summary">
              {[...counts].map(([status, n]) => `${n} ${status}`).join(" · ")}
            </p>
          </div>
          <ul className="divide-y divide-border rounded-lg border border-border bg-surface" aria-label="Import results">
            {items.map((item, i) => (
              <li
                key={`${item.label}-${i}`}
                className="flex flex-wrap items-start justify-between gap-3 px-4 py-2.5 text-sm"
              >
                <span className="min-w-0 break-all">{item.label}</span>
                {item.outcome ? (
                  <span className="flex max-w-xl flex-col items-end gap-1 text-right">
                    <Badge tone={tone[item.outcome.status]}>{item.outcome.status}</Badge>
                    {item.outcome.status === "refused" && (
                      <span className="text-xs text-danger">{item.outcome.error}</span>
                    )}
                  </span>
                ) : (
                  <Badge>waiting</Badge>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
