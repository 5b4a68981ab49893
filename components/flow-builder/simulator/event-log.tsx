"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { asLogged } from "@/lib/flows/simulate";

import type { LogEntry } from "./use-sim-call";

// Every event sent and every reply, as the JSON that would cross the wire (audio as its size).

function titleOf(entry: LogEntry): string {
  if (entry.kind === "event") return `→ ${entry.event.type}`;
  if (entry.kind === "effect")
    return `⚙ ${entry.effect.kind === "ai" ? "AI reply" : "HTTP request"}${entry.isOffline ? " (offline)" : ""}`;
  const types = entry.actions.map((a) => a.type).join(", ");
  return `← ${types || "no action (204)"}${entry.violations.length > 0 ? ` · ${entry.violations.length} dropped` : ""}`;
}

function bodyOf(entry: LogEntry): unknown {
  if (entry.kind === "event") return entry.event;
  if (entry.kind === "effect") return { effect: entry.effect, result: entry.result };
  const reply = entry.actions.map(asLogged);
  const body = reply.length === 1 ? reply[0] : reply;
  return entry.violations.length > 0 ? { reply: body, dropped: entry.violations } : body;
}

const json = (value: unknown) => JSON.stringify(value, null, 2) ?? "";

function CopyButton({ text, label }: { text: string; label: string }) {
  const [isCopied, setCopied] = useState(false);
  return (
    <Button
      variant="ghost"
      size="sm"
      className="h-7 px-2"
      aria-label={label}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        } catch {
          // No clipboard (plain http on another host): nothing to do, the JSON stays selectable.
        }
      }}
    >
      {isCopied ? <Check className="size-3.5" aria-hidden /> : <Copy className="size-3.5" aria-hidden />}
      {isCopied ? "Copied" : "Copy"}
    </Button>
  );
}

export function EventLog({ entries }: { entries: readonly LogEntry[] }) {
  const all = json(entries.map((e) => ({ [titleOf(e)]: bodyOf(e) })));
  return (
    <section aria-labelledby="sim-log" className="space-y-1.5">
      <div className="flex items-center justify-between">
        <h3 id="sim-log" className="text-sm font-semibold text-fg">
          Event log
        </h3>
        {entries.length > 0 && <CopyButton text={all} label="Copy the whole log" />}
      </div>
      {entries.length === 0 ? (
        <p className="text-xs text-fg-muted">Every event and reply of the call appears here.</p>
      ) : (
        <ol className="space-y-1">
          {entries.map((entry) => {
            const text = json(bodyOf(entry));
            const title = titleOf(entry);
            return (
              <li key={entry.id}>
                <details className="group rounded-md border border-border bg-surface">
                  <summary className="flex cursor-pointer items-center gap-2 px-2 py-1 font-mono text-xs text-fg select-none">
                    <span className="text-fg-muted">{entry.id}</span>
                    <span
                      className={entry.kind === "reply" && entry.violations.length > 0 ? "text-warning" : undefined}
                    >
                      {title}
                    </span>
                  </summary>
                  <div className="border-t border-border">
                    <div className="flex justify-end px-1 pt-1">
                      <CopyButton text={text} label={`Copy entry ${entry.id}`} />
                    </div>
                    <pre className="max-h-72 overflow-auto px-2 pb-2 font-mono text-[11px] leading-snug text-fg">
                      {text}
                    </pre>
                  </div>
                </details>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
