import type { Term } from "./analyse";
import { anyStopword, notTags } from "./lexicon";

const MIN_TAGS = 2;
const MAX_TAGS = 5;
const MIN_TAG_LENGTH = 4;
const MAX_TAG_LENGTH = 40;
// Inverted French verbs ("pourriez-vous", "est-ce") and English adverbs make poor tags.
const NOT_A_TERM = /-(?:vous|nous|je|tu|il|elle|ils|elles|on|ce|t-il|t-elle|moi|le|la|les)$|^\p{L}+ly$/u;

export type KeyTerm = {
  /** Lower case, as tags are stored. */
  tag: string;
  /** The spelling the call used most, for use in prose ("Rechnung"). */
  surface: string;
};

function commonestSpelling(term: Term): string {
  let best = "";
  let bestCount = 0;
  for (const [surface, count] of term.surfaces) {
    // On a tie lower case wins, so a capital at the start of a sentence does not decide how a
    // word is shown; otherwise the first spelling seen (the map keeps insertion order).
    const isLowerOverCapital = count === bestCount && surface === surface.toLowerCase() && best !== best.toLowerCase();
    if (count > bestCount || isLowerOverCapital) {
      best = surface;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Two to five key terms: the most frequent nouns (words seen after an article or possessive, or
 * capitalised inside a German sentence), earlier first on a tie; other content words only when
 * there are fewer than two nouns. Beyond two, a term must occur at least twice.
 */
export function keyTerms(terms: ReadonlyMap<string, Term>): KeyTerm[] {
  const candidates: Array<{ term: Term; key: KeyTerm }> = [];
  for (const term of terms.values()) {
    const surface = commonestSpelling(term);
    const tag = surface.toLowerCase();
    if (tag.length < MIN_TAG_LENGTH || tag.length > MAX_TAG_LENGTH || anyStopword.has(tag) || notTags.has(tag))
      continue;
    // "le rendez-vous" is a noun, "pourriez-vous" is not.
    if (NOT_A_TERM.test(tag) && !term.isNounish) continue;
    candidates.push({ term, key: { tag, surface } });
  }
  candidates.sort(
    (a, b) => b.term.count - a.term.count || a.term.first - b.term.first || (a.key.tag < b.key.tag ? -1 : 1),
  );
  const chosen: KeyTerm[] = [];
  const seen = new Set<string>();
  // Nouns first; other words only to reach two tags.
  for (const isNounPass of [true, false]) {
    for (const { term, key } of candidates) {
      if (chosen.length >= (isNounPass ? MAX_TAGS : MIN_TAGS)) break;
      if (term.isNounish !== isNounPass || seen.has(key.tag)) continue;
      if (chosen.length >= MIN_TAGS && term.count < 2) break;
      seen.add(key.tag);
      chosen.push(key);
    }
  }
  return chosen;
}
