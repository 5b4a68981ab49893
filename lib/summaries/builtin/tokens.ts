import { englishContractionHeads, frenchElisions, type Lang } from "./lexicon";

export type Token = {
  /** Lower case, typographic apostrophes made plain. */
  word: string;
  /** As written, for showing a key term the way the call spelled it. */
  surface: string;
  /** Written with a capital letter somewhere other than at the start of its sentence. */
  isCapitalisedInside: boolean;
  /** A French elision ("l'", "qu'") or the head of an English contraction: a function word. */
  isClitic: boolean;
};

// Letters with their combining marks, joined by inner apostrophes or hyphens ("aujourd'hui",
// "rendez-vous", "E-Mail"). Digits never start or join a word, so "49.99" and "2026-1043" are no words.
const WORD = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu;
const UPPER = /^\p{Lu}/u;
const APOSTROPHE = /’/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let isFirst = true;
  for (const match of text.matchAll(WORD)) {
    const surface = match[0].replace(APOSTROPHE, "'");
    const word = surface.toLowerCase();
    const isCapitalisedInside = !isFirst && UPPER.test(surface);
    isFirst = false;
    const cut = word.indexOf("'");
    if (cut > 0) {
      const head = word.slice(0, cut);
      if (frenchElisions.has(head)) {
        // "j'appelle" is "j'" + "appelle": the elision marks French, the rest is a word of its own.
        tokens.push({
          word: `${head}'`,
          surface: surface.slice(0, cut + 1),
          isCapitalisedInside: false,
          isClitic: true,
        });
        tokens.push({
          word: word.slice(cut + 1),
          surface: surface.slice(cut + 1),
          isCapitalisedInside,
          isClitic: false,
        });
        continue;
      }
      if (englishContractionHeads.has(head)) {
        tokens.push({ word, surface, isCapitalisedInside: false, isClitic: true });
        continue;
      }
      if (word.endsWith("'s")) {
        // A possessive: "customer's" counts as "customer".
        tokens.push({ word: word.slice(0, -2), surface: surface.slice(0, -2), isCapitalisedInside, isClitic: false });
        continue;
      }
    }
    tokens.push({ word, surface, isCapitalisedInside, isClitic: false });
  }
  return tokens;
}

// Light suffix stripping, enough to count "price"/"prices"/"pricing" or "Kunde"/"Kunden" as one
// term; longest suffix first, and a stem keeps at least three letters.
const suffixes: Record<Lang, Array<[suffix: string, replacement: string]>> = {
  en: [
    ["ies", "y"],
    ["ied", "y"],
    ["ing", ""],
    ["ed", ""],
    ["es", ""],
    ["s", ""],
    ["e", ""],
  ],
  de: [
    ["ungen", "ung"],
    ["innen", "in"],
    ["en", ""],
    ["es", ""],
    ["em", ""],
    ["e", ""],
  ],
  fr: [
    ["ées", ""],
    ["és", ""],
    ["ée", ""],
    ["aux", "al"],
    ["es", ""],
    ["er", ""],
    ["é", ""],
    ["s", ""],
    ["e", ""],
  ],
};

export function stem(word: string, lang: Lang | null): string {
  if (word.length <= 4) return word;
  for (const [suffix, replacement] of suffixes[lang ?? "en"]) {
    if (!word.endsWith(suffix)) continue;
    const base = word.slice(0, word.length - suffix.length);
    if (base.length < 3) return word;
    // "business" and "address" keep their double s.
    if (suffix === "s" && base.endsWith("s")) return word;
    return base + replacement;
  }
  return word;
}
