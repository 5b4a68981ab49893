import { langs, markers, otherMarkers, type Lang } from "./lexicon";
import { tokenize, type Token } from "./tokens";

/**
 * The language most of the words belong to, by hits on words only that language uses; null on a
 * tie, no hit, or when words of other languages (Spanish, Italian, Dutch, Portuguese) hit as often.
 */
export function detectFromTokens(tokens: readonly Token[]): Lang | null {
  const hits: Record<Lang, number> = { de: 0, en: 0, fr: 0 };
  let other = 0;
  for (const token of tokens) {
    for (const lang of langs) if (markers[lang].has(token.word)) hits[lang]++;
    if (otherMarkers.has(token.word)) other++;
  }
  let best: Lang | null = null;
  let bestHits = 0;
  let isTie = false;
  for (const lang of langs) {
    if (hits[lang] > bestHits) {
      best = lang;
      bestHits = hits[lang];
      isTie = false;
    } else if (hits[lang] === bestHits && bestHits > 0) {
      isTie = true;
    }
  }
  return isTie || other >= bestHits ? null : best;
}

export function detectLanguage(text: string): Lang | null {
  return detectFromTokens(tokenize(text));
}

const TAG = /^([a-z]{2})(?:[-_][a-z0-9]+)*$/iu;

/** "en-US" → "en", "DE" → "de"; anything that is not a language tag → null. */
export function normaliseLanguage(tag: string | null | undefined): string | null {
  const match = TAG.exec(tag?.trim() ?? "");
  return match?.[1] ? match[1].toLowerCase() : null;
}
