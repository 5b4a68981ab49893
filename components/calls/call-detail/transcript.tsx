"use client";

import { ChevronDown, ChevronUp, Search } from "lucide-react";
import { memo, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClasses } from "@/components/ui/field";

import { findInLines, foldText, splitByRanges, type MatchRange } from "./transcript-find";
import type { TranscriptLine } from "./transcript-lines";

const NO_RANGES: MatchRange[] = [];

type BubbleProps = { line: TranscriptLine; ranges: MatchRange[]; currentStart: number | undefined };

// Memoised so that typing re-renders only the bubbles whose matches changed, not all 2,000.
const Bubble = memo(function Bubble({ line, ranges, currentStart }: BubbleProps) {
  const isRight = line.side === "right";
  return (
    <li
      className={cn(
        "flex [contain-intrinsic-size:auto_4.5rem] [content-visibility:auto]",
        isRight ? "justify-end" : "justify-start",
      )}
      data-side={line.side}
      data-testid="transcript-line"
    >
      <div className={cn("max-w-[80%] min-w-0", isRight && "text-right")}>
        <p className="px-1 text-xs text-fg-muted">
          <span className="font-medium text-fg">{line.speaker}</span>
          {line.time && <span className="ml-2 tabular-nums">{line.time}</span>}
        </p>
        <p
          className={cn(
            "mt-0.5 rounded-2xl px-3.5 py-2 text-left text-sm break-words whitespace-pre-wrap",
            isRight
              ? "rounded-tr-sm bg-accent-soft text-fg"
              : "rounded-tl-sm border border-border bg-surface-muted text-fg",
          )}
        >
          {ranges.length === 0
            ? line.text
            : splitByRanges(line.text, ranges).map((piece) =>
                piece.isMatch ? (
                  <mark
                    key={piece.start}
                    data-current-match={piece.start === currentStart || undefined}
                    className={cn(
                      "rounded-sm px-0.5 text-fg",
                      piece.start === currentStart
                        ? "bg-warning text-surface"
                        : "bg-warning-soft ring-1 ring-warning/40",
                    )}
                  >
                    {piece.text}
                  </mark>
                ) : (
                  <span key={piece.start}>{piece.text}</span>
                ),
              )}
        </p>
      </div>
    </li>
  );
});

/** The transcript as a conversation, with find-in-transcript (case- and accent-insensitive). */
export function Transcript({ lines }: { lines: TranscriptLine[] }) {
  const [query, setQuery] = useState("");
  const [cursor, setCursor] = useState({ query: "", index: 0 });
  const searched = useDeferredValue(query);
  const folded = useMemo(() => lines.map((l) => foldText(l.text)), [lines]);
  const found = useMemo(() => findInLines(folded, searched), [folded, searched]);
  const total = found.order.length;
  // The cursor belongs to one query; a new query starts again at its first match.
  const index = cursor.query === searched && total > 0 ? Math.min(cursor.index, total - 1) : 0;
  const current = total > 0 ? found.order[index] : undefined;
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    const list = listRef.current;
    const mark = list?.querySelector<HTMLElement>("[data-current-match]");
    if (!list || !mark) return;
    // Centre the match in the transcript box, then move the page only as far as it takes to
    // show it, so the reader does not lose their place on the page.
    const box = list.getBoundingClientRect();
    const at = mark.getBoundingClientRect();
    list.scrollTop += at.top - box.top - list.clientHeight / 2 + at.height / 2;
    mark.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [current?.line, current?.start]);

  const step = (delta: number) => {
    if (total === 0) return;
    setCursor({ query: searched, index: (index + delta + total) % total });
  };

  return (
    <div>
      <div className="flex items-center gap-2 border-b border-border px-5 py-3">
        <div className="relative min-w-0 flex-1">
          <Search
            className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-fg-muted"
            aria-hidden
          />
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                step(e.shiftKey ? -1 : 1);
              }
            }}
            placeholder="Find in transcript"
            aria-label="Find in transcript"
            className={cn(inputClasses, "pl-8")}
          />
        </div>
        <p
          className="text-sm whitespace-nowrap text-fg-muted tabular-nums"
          aria-live="polite"
          data-testid="transcript-match-count"
        >
          {searched.trim()
            ? total > 0
              ? `${index + 1} of ${total}`
              : "No matches"
            : `${lines.length.toLocaleString("en")} lines`}
        </p>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => step(-1)}
          disabled={total === 0}
          aria-label="Previous match"
          title="Previous match (Shift+Enter)"
        >
          <ChevronUp className="size-4" aria-hidden />
        </Button>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => step(1)}
          disabled={total === 0}
          aria-label="Next match"
          title="Next match (Enter)"
        >
          <ChevronDown className="size-4" aria-hidden />
        </Button>
      </div>
      <ol ref={listRef} className="max-h-[70vh] space-y-3 overflow-y-auto px-5 py-4" aria-label="Transcript">
        {lines.map((line, i) => (
          <Bubble
            key={line.seq}
            line={line}
            ranges={found.byLine.get(i) ?? NO_RANGES}
            currentStart={current?.line === i ? current.start : undefined}
          />
        ))}
      </ol>
    </div>
  );
}
