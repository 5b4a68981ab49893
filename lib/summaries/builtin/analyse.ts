import type { SummaryTranscriptSegment } from "../types";
import { findAction, isCourtesyOffer, matchText } from "./action-items";
import { detectFromTokens } from "./language";
import { anyStopword, stopwords, type Lang } from "./lexicon";
import { isCourtesy, isVerification, statesReason, stripOpening } from "./openings";
import { splitSentences } from "./sentences";
import { stem, tokenize, type Token } from "./tokens";

export type Sentence = {
  /** As the transcript has it. */
  text: string;
  /** Without greeting or filler in front, first letter capitalised. */
  body: string;
  lowered: string;
  /** Position in the whole transcript. */
  order: number;
  speaker: string | null;
  isCustomer: boolean;
  /** Distinct content-word stems. */
  stems: string[];
  isQuestion: boolean;
  isCourtesy: boolean;
  isVerification: boolean;
  statesReason: boolean;
  /** Where a commitment or request starts, or -1. */
  actionAt: number;
};

export type Term = {
  stem: string;
  count: number;
  /** First sentence it appears in, for deterministic ties. */
  first: number;
  /** Spellings seen, with how often. */
  surfaces: Map<string, number>;
  /** Seen where a noun stands (see isNounish). */
  isNounish: boolean;
};

export type Analysis = {
  sentences: Sentence[];
  terms: Map<string, Term>;
  lang: Lang | null;
  /** Whether the transcript tells at least two speakers apart. */
  hasSpeakers: boolean;
};

const QUESTION = /\?["'»”’)\]]*\s*$/u;
const NAME_LIKE = /^\p{L}[\p{L}\p{N} .'’-]{0,39}$/u;
const NAME_PART = /\p{L}+/gu;
const DETERMINERS = new Set(
  "the a an my your our their his her this these those le la les l' un une des du mon ma mes ton ta tes votre vos notre nos leur leurs ce cet cette ces".split(
    " ",
  ),
);
const MIN_WORD = 3;
// "your preferred colour": a word shaped like an adjective, before another content word.
const ADJECTIVE_LIKE =
  /(?:al|ive|ous|ful|ed|able|ible|ic|ary|ent|ant|ing)$|^(?:new|old|big|small|same|next|last|other|own|whole|good|great|bad|wrong|free|full|extra|short|long|high|low)$/u;

/**
 * Whether the token at i stands where a noun does: capitalised inside a German sentence; after an
 * article or possessive ("votre facture"); in English also as the last of two words after one
 * ("the customer portal", "a reset link") but not as an adjective before another word.
 */
function isNounish(tokens: readonly Token[], i: number, lang: Lang | null, stop: ReadonlySet<string>): boolean {
  const token = tokens[i];
  if (!token) return false;
  if (lang === "de") return token.isCapitalisedInside;
  const next = tokens[i + 1]?.word;
  if (lang !== "fr" && next !== undefined && !stop.has(next) && ADJECTIVE_LIKE.test(token.word)) return false;
  const before = tokens[i - 1]?.word ?? "";
  if (DETERMINERS.has(before)) return true;
  return (
    lang !== "fr" && (!stop.has(before) || ADJECTIVE_LIKE.test(before)) && DETERMINERS.has(tokens[i - 2]?.word ?? "")
  );
}

function speakerOf(segment: SummaryTranscriptSegment): string | null {
  if (segment.speakerRole) return segment.speakerRole;
  const name = segment.speaker?.trim();
  return name && NAME_LIKE.test(name) ? name : null;
}

/**
 * Words that name people: party and speaker names, and (outside German, which capitalises every
 * noun) words written capitalised mid-sentence at least as often as not ("Alex", but also
 * "alex.johnson at example dot com").
 */
function namesIn(tokens: Token[][], knownNames: readonly string[], lang: Lang | null): Set<string> {
  const names = new Set<string>();
  for (const name of knownNames) for (const part of name.toLowerCase().matchAll(NAME_PART)) names.add(part[0]);
  if (lang === "de") return names;
  const balance = new Map<string, number>();
  for (const sentence of tokens) {
    for (const token of sentence) {
      if (token.isCapitalisedInside) balance.set(token.word, (balance.get(token.word) ?? 0) + 1);
      else if (token.surface === token.word) balance.set(token.word, (balance.get(token.word) ?? 0) - 1);
    }
  }
  for (const [word, n] of balance) if (n >= 0 && !anyStopword.has(word)) names.add(word);
  return names;
}

/** Which segments are the customer's: the side that is not an agent, else the caller of an inbound call. */
function customerSide(
  transcript: readonly SummaryTranscriptSegment[],
  direction: string,
): (role: SummaryTranscriptSegment["speakerRole"]) => boolean {
  const hasAgent = transcript.some((s) => s.speakerRole === "agent" || s.speakerRole === "assistant");
  if (hasAgent) return (role) => role === "caller" || role === "callee";
  const customer = direction === "outbound" ? "callee" : "caller";
  return (role) => role === customer;
}

export function analyse(
  transcript: readonly SummaryTranscriptSegment[],
  parties: ReadonlyArray<{ name?: string }>,
  direction: string,
): Analysis {
  const isCustomerRole = customerSide(transcript, direction);
  const raw: Array<{ text: string; segment: SummaryTranscriptSegment; tokens: Token[] }> = [];
  const allTokens: Token[] = [];
  const speakers = new Set<string>();
  const knownNames: string[] = [];
  for (const party of parties) if (party.name) knownNames.push(party.name);
  let hasRoles = false;
  for (const segment of transcript) {
    const speaker = speakerOf(segment);
    if (speaker) speakers.add(speaker);
    if (segment.speakerRole) hasRoles = true;
    else if (speaker) knownNames.push(speaker);
    // Composed accents ("é", not "e" + combining mark), so word lists and patterns match.
    for (const text of splitSentences(segment.text.normalize("NFC"))) {
      const tokens = tokenize(text);
      raw.push({ text, segment, tokens });
      for (const token of tokens) allTokens.push(token);
    }
  }
  const lang = detectFromTokens(allTokens);
  const stop = lang ? stopwords[lang] : anyStopword;
  const names = namesIn(
    raw.map((r) => r.tokens),
    knownNames,
    lang,
  );

  const terms = new Map<string, Term>();
  const sentences = raw.map(({ text, segment, tokens }, order): Sentence => {
    const stems = new Set<string>();
    tokens.forEach((token, i) => {
      const { word } = token;
      if (token.isClitic || word.length < MIN_WORD || stop.has(word) || names.has(word)) return;
      const key = stem(word, lang);
      stems.add(key);
      let term = terms.get(key);
      if (!term) {
        term = { stem: key, count: 0, first: order, surfaces: new Map(), isNounish: false };
        terms.set(key, term);
      }
      term.count++;
      term.surfaces.set(token.surface, (term.surfaces.get(token.surface) ?? 0) + 1);
      if (!term.isNounish && isNounish(tokens, i, lang, stop)) term.isNounish = true;
    });
    const lowered = matchText(text);
    const body = stripOpening(text.trim());
    return {
      text,
      body,
      lowered,
      order,
      speaker: speakerOf(segment),
      isCustomer: hasRoles ? isCustomerRole(segment.speakerRole) : true,
      stems: [...stems],
      isQuestion: QUESTION.test(text),
      isCourtesy: isCourtesy(body) || isCourtesyOffer(lowered),
      isVerification: isVerification(lowered),
      statesReason: statesReason(lowered),
      actionAt: findAction(lowered),
    };
  });
  return { sentences, terms, lang, hasSpeakers: speakers.size >= 2 };
}
