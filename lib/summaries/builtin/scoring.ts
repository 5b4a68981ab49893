import type { Sentence, Term } from "./analyse";

// Sentence weights. A content word weighs 1 + ln(count) relative to the call's most frequent one
// (so one word repeated all call long does not drown the rest); a sentence is worth the sum of its
// words' weights over the square root of how many it has (between favouring long sentences and
// favouring short ones), then adjusted for where it stands and what kind of sentence it is.
const EARLY_BONUS = 0.3;
const REASON_BONUS = 1.4;
const ACTION_BONUS = 1.3;
const QUESTION_FACTOR = 0.85;
const COURTESY_FACTOR = 0.25;
const VERIFICATION_FACTOR = 0.3;
const FEW_WORDS_FACTOR = 0.3;
const SHORT_TEXT_FACTOR = 0.6;
const LONG_TEXT_FACTOR = 0.6;
const LONG_TEXT = 250;
const SHORT_TEXT = 20;
const INSTRUCTION_BONUS = 1;

export function scoreSentences(
  sentences: readonly Sentence[],
  terms: ReadonlyMap<string, Term>,
  boost: ReadonlySet<string>,
): number[] {
  let maxCount = 1;
  for (const term of terms.values()) maxCount = Math.max(maxCount, term.count);
  const top = 1 + Math.log(maxCount);
  const early = Math.max(4, sentences.length * 0.25);
  return sentences.map((s) => {
    if (s.body.length === 0) return 0; // nothing but "Okay." or "Thank you, bye."
    let sum = 0;
    let boosted = 0;
    for (const key of s.stems) {
      const count = terms.get(key)?.count ?? 0;
      if (count > 0) sum += (1 + Math.log(count)) / top;
      if (boost.has(key)) boosted++;
    }
    let score = sum / Math.sqrt(Math.max(1, s.stems.length));
    score *= 1 + EARLY_BONUS * Math.max(0, 1 - s.order / early);
    // Few words say little, unless they give the reason for the call or promise something ("Je m'en occupe").
    if (s.stems.length < 2 && !s.statesReason && s.actionAt < 0) score *= FEW_WORDS_FACTOR;
    if (s.body.length < SHORT_TEXT) score *= SHORT_TEXT_FACTOR;
    if (s.body.length > LONG_TEXT) score *= LONG_TEXT_FACTOR;
    if (s.isCourtesy) score *= COURTESY_FACTOR;
    if (s.isVerification) score *= VERIFICATION_FACTOR;
    if (s.statesReason) score *= REASON_BONUS;
    if (s.actionAt >= 0) score *= ACTION_BONUS;
    else if (s.isQuestion && !s.statesReason) score *= QUESTION_FACTOR;
    // Instructions cannot steer a summary that only quotes the call; their words can at least
    // favour the sentences that mention them ("Focus on pricing" doubles the weight of sentences
    // about prices, two such words triple it).
    if (boosted > 0) score *= 1 + INSTRUCTION_BONUS * Math.min(boosted, 2);
    return score;
  });
}

/** How many sentences a call gets by how many say something: two for a short exchange, up to four. */
export function summaryLength(scores: readonly number[]): number {
  const telling = scores.filter((score) => score > 0).length;
  if (telling <= 3) return 2;
  if (telling <= 12) return 3;
  return 4;
}

/** Sentences worth less than this share of the best are left out even when the summary has room. */
const MIN_SHARE_OF_BEST = 0.25;

function overlap(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const set = new Set(a);
  let shared = 0;
  for (const x of b) if (set.has(x)) shared++;
  return shared / (a.length + b.length - shared);
}

/**
 * The best sentences in transcript order: highest score first (earlier wins a tie), skipping
 * near-repeats of one already taken and any that would push the summary past its length.
 */
export function pickSentences(
  sentences: readonly Sentence[],
  scores: readonly number[],
  count: number,
  fits: (picked: readonly Sentence[]) => boolean,
): Sentence[] {
  const ranked = sentences.map((s, i) => ({ s, score: scores[i] ?? 0 })).filter((r) => r.score > 0);
  ranked.sort((a, b) => b.score - a.score || a.s.order - b.s.order);
  const floor = (ranked[0]?.score ?? 0) * MIN_SHARE_OF_BEST;
  const picked: Sentence[] = [];
  for (const { s, score } of ranked) {
    if (picked.length >= count || score < floor) break;
    if (picked.some((p) => p.lowered === s.lowered || overlap(p.stems, s.stems) >= 0.6)) continue;
    const next = [...picked, s].sort((a, b) => a.order - b.order);
    if (fits(next)) picked.splice(0, picked.length, ...next);
  }
  return picked;
}
