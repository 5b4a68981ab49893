import { Fragment } from "react";

// Highlighting happens in React, never by injecting HTML: the searched words are matched against
// the text with accents and case folded, the way the database matched them.

const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** Marks the words of `text` that match a searched word (a prefix, for words of 3+ letters). */
export function Highlight({ text, words }: { text: string; words: string[] }) {
  const terms = words
    .flatMap((w) => w.split(/\s+/))
    .map(fold)
    .filter(Boolean);
  if (terms.length === 0) return <>{text}</>;
  const parts = text.split(/([\p{L}\p{N}]+)/u);
  return (
    <>
      {parts.map((part, i) => {
        const folded = fold(part);
        const isMatch = i % 2 === 1 && terms.some((t) => (t.length >= 3 ? folded.startsWith(t) : folded === t));
        return isMatch ? (
          <mark key={i} className="rounded-sm bg-warning-soft px-0.5 text-fg">
            {part}
          </mark>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        );
      })}
    </>
  );
}

/** A passage the database marked with \uE000 … \uE001 around its matches. */
export function MarkedSnippet({ text }: { text: string }) {
  const parts = text.split(/\uE000|\uE001/);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <mark key={i} className="rounded-sm bg-warning-soft px-0.5 text-fg">
            {part}
          </mark>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}
