"use client";

import type { FlowNodeKind } from "@/lib/flows/schema";

import { PALETTE_MIME } from "./canvas";
import { kindInfo, paletteKinds } from "./kinds";

/** The node kinds: drag one onto the canvas, or click (or press Enter) to add it in view. */
export function Palette({ onAdd }: { onAdd: (kind: FlowNodeKind) => void }) {
  return (
    <nav aria-label="Node palette" className="space-y-1">
      <h2 className="px-1 text-xs font-semibold tracking-wide text-fg-muted uppercase">Add a step</h2>
      <ul className="space-y-1">
        {paletteKinds.map((kind) => {
          const info = kindInfo[kind];
          const Icon = info.icon;
          return (
            <li key={kind}>
              <button
                type="button"
                draggable
                data-kind={kind}
                title={info.hint}
                onDragStart={(e) => {
                  e.dataTransfer.setData(PALETTE_MIME, kind);
                  e.dataTransfer.effectAllowed = "copy";
                }}
                onClick={() => onAdd(kind)}
                className="flex w-full cursor-grab items-center gap-2 rounded-md border border-border bg-surface px-2 py-1.5 text-left text-sm hover:border-accent hover:bg-accent-soft active:cursor-grabbing"
              >
                <span className={`flex size-6 shrink-0 items-center justify-center rounded text-white ${info.tone}`}>
                  <Icon className="size-3.5" aria-hidden />
                </span>
                <span className="min-w-0">
                  <span className="block truncate font-medium">{info.label}</span>
                  <span className="block truncate text-xs text-fg-muted">{info.hint}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
