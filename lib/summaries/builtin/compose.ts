import type { Sentence } from "./analyse";
import type { Lang } from "./lexicon";
import type { KeyTerm } from "./tags";

export const MAX_SUMMARY = 600;
export const MAX_HEADLINE = 80;

const roleLabels: Record<Lang, Record<string, string>> = {
  en: { caller: "Caller", callee: "Callee", agent: "Agent", assistant: "Assistant" },
  de: { caller: "Anrufer", callee: "Angerufener", agent: "Agent", assistant: "Assistent" },
  fr: { caller: "Appelant", callee: "Appelé", agent: "Agent", assistant: "Assistant" },
};

const ENDS_SENTENCE = /[.!?…]["'»”’)\]]*$/u;
const DANGLING = /[\s,;:–—-]+$/u;
const TRAILING_NOISE = /[\s.,;:!…–—-]+$/u;
const CLAUSE_BREAK = /[,;:]\s|\s[–—-]\s/gu;
const MIN_HEADLINE_BODY = 12;

/** A sentence as the summary quotes it: without its greeting, ending like a sentence. */
function quoted(s: Sentence): string {
  const body = s.body.replace(DANGLING, "");
  return ENDS_SENTENCE.test(body) ? body : `${body}.`;
}

/**
 * The picked sentences in call order. Who said what is named ("Caller: …") when the transcript
 * tells speakers apart: quoted sentences keep their "I" and "you", and the reader has to know whose.
 */
export function composeSummary(picked: readonly Sentence[], lang: Lang, hasSpeakers: boolean): string {
  const parts: string[] = [];
  let speaker: string | null = null;
  for (const s of picked) {
    if (hasSpeakers && s.speaker && s.speaker !== speaker) parts.push(`${roleLabels[lang][s.speaker] ?? s.speaker}:`);
    speaker = s.speaker;
    parts.push(quoted(s));
  }
  return parts.join(" ");
}

/** Cuts text to the limit at a clause break where there is one late enough, else at a word with "…". */
export function shorten(text: string, limit: number): string {
  const clean = text.trim().replace(TRAILING_NOISE, "");
  if (clean.length <= limit) return clean;
  let clause = -1;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(clean); m && m.index <= limit; m = CLAUSE_BREAK.exec(clean)) clause = m.index;
  if (clause >= limit * 0.4) return clean.slice(0, clause).replace(TRAILING_NOISE, "");
  const space = clean.lastIndexOf(" ", limit - 1);
  const cut = clean.slice(0, space > limit * 0.4 ? space : limit - 1).replace(TRAILING_NOISE, "");
  return `${cut}…`;
}

const termHeadline: Record<Lang, (terms: string[]) => string> = {
  en: (t) => `Call about ${t.slice(0, -1).join(", ")}${t.length > 1 ? " and " : ""}${t.at(-1) ?? ""}`,
  de: (t) => `Anruf zu ${t.slice(0, -1).join(", ")}${t.length > 1 ? " und " : ""}${t.at(-1) ?? ""}`,
  fr: (t) => `Appel au sujet de ${t.slice(0, -1).join(", ")}${t.length > 1 ? " et " : ""}${t.at(-1) ?? ""}`,
};

/**
 * The sentence that best says what the call was about (the reason for calling and the customer's
 * own words weigh more), shortened to a headline; its key terms when no sentence will do.
 */
export function composeHeadline(
  candidates: readonly Sentence[],
  scores: ReadonlyMap<Sentence, number>,
  terms: readonly KeyTerm[],
  lang: Lang,
  fallback: string,
): string {
  let best: Sentence | null = null;
  let bestScore = 0;
  for (const s of candidates) {
    if (s.body.length < MIN_HEADLINE_BODY || (s.stems.length < 2 && !s.statesReason)) continue;
    const score =
      (scores.get(s) ?? 0) * (s.statesReason ? 1.3 : 1) * (s.isCustomer ? 1.2 : 1) * (s.actionAt >= 0 ? 0.8 : 1);
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  if (best) return shorten(best.body, MAX_HEADLINE);
  if (terms.length > 0) return shorten(termHeadline[lang](terms.slice(0, 3).map((t) => t.surface)), MAX_HEADLINE);
  return shorten(fallback, MAX_HEADLINE);
}
