import { SummaryError, type SummaryInput, type SummaryOutput } from "../types";
import { actionKey, inferFollowUp, MAX_ACTION_ITEMS, toActionItem } from "./action-items";
import { analyse, type Sentence } from "./analyse";
import { composeHeadline, composeSummary, MAX_SUMMARY, shorten } from "./compose";
import { normaliseLanguage } from "./language";
import { anyStopword, instructionNoise, langs, type Lang } from "./lexicon";
import { pickSentences, scoreSentences, summaryLength } from "./scoring";
import { keyTerms } from "./tags";
import { stem, tokenize } from "./tokens";

const isLang = (value: string | null): value is Lang => langs.some((l) => l === value);

function instructionStems(input: SummaryInput, lang: Lang | null): Set<string> {
  const stems = new Set<string>();
  for (const token of tokenize(`${input.instructions} ${input.overrideInstructions ?? ""}`)) {
    if (token.isClitic || token.word.length < 3 || anyStopword.has(token.word) || instructionNoise.has(token.word))
      continue;
    stems.add(stem(token.word, lang));
  }
  return stems;
}

function actionItems(sentences: readonly Sentence[]): string[] {
  const items: string[] = [];
  const seen = new Set<string>();
  for (const s of sentences) {
    if (s.actionAt < 0) continue;
    const item = toActionItem(s.text.trim(), s.actionAt);
    const key = actionKey(item);
    if (key.length === 0 || seen.has(key)) continue;
    seen.add(key);
    items.push(item);
    if (items.length >= MAX_ACTION_ITEMS) break;
  }
  return items;
}

/**
 * An extractive summary: the call's own most telling sentences, a headline from the best of them,
 * commitments and requests as action items, frequent key terms as tags. Pure and deterministic.
 */
export function summarizeExtractive(input: SummaryInput): SummaryOutput {
  const { sentences, terms, lang, hasSpeakers } = analyse(input.transcript, input.call.parties, input.call.direction);
  // Blank segments, or only emoji and punctuation: nothing to quote.
  if (sentences.length === 0) throw new SummaryError("The call has no transcript to summarise.");

  // The summary quotes the call, so it is in the call's language whatever input.language asks
  // for: the output names the language it is really in (detected, else the vendor's), never the
  // requested one.
  const vendorLang = normaliseLanguage(input.call.language);
  const language = lang ?? vendorLang;
  const writeIn: Lang = lang ?? (isLang(vendorLang) ? vendorLang : "en");

  const scores = scoreSentences(sentences, terms, instructionStems(input, lang));
  const fits = (picked: readonly Sentence[]) => composeSummary(picked, writeIn, hasSpeakers).length <= MAX_SUMMARY;
  let picked = pickSentences(sentences, scores, summaryLength(scores), fits);
  if (picked.length === 0) {
    // Only greetings and fillers, or one sentence too long to quote whole: the longest, shortened.
    const longest = sentences.reduce((a, b) => (b.text.length > a.text.length ? b : a));
    picked = [{ ...longest, body: shorten(longest.body || longest.text, MAX_SUMMARY - 20) }];
  }
  const summary = composeSummary(picked, writeIn, hasSpeakers);

  const tags = keyTerms(terms);
  const scoreOf = new Map(sentences.map((s, i) => [s, scores[i] ?? 0]));
  const headline = composeHeadline(sentences, scoreOf, tags, writeIn, picked[0]?.body || sentences[0]?.text || "");

  const items = actionItems(sentences);
  if (items.length === 0) {
    const customer = sentences.filter((s) => s.isCustomer).map((s) => s.lowered);
    const followUp = inferFollowUp(
      customer,
      writeIn,
      tags.slice(0, 2).map((t) => t.surface),
    );
    if (followUp) items.push(followUp);
  }

  return { headline, summary, actionItems: items, tags: tags.map((t) => t.tag), language };
}
