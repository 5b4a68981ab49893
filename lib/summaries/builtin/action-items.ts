import {
  COMMITMENTS,
  CONDITION_BEFORE,
  COURTESY_OFFER,
  IN_CALL,
  PURCHASE_INTEREST,
  REQUESTS,
  TAG_QUESTION,
} from "./action-patterns";
import type { Lang } from "./lexicon";
import { stripOpening } from "./openings";

export const MAX_ACTION_ITEMS = 8;
/** Longer action sentences are cut to the clause that holds the promise or request. */
const MAX_ACTION_LENGTH = 160;

const APOSTROPHES = /[’`´]/gu;
const QUESTION_END = /\?["'»”’)\]]*\s*$/u;
const LEADING_CONJUNCTION = /^(?:and|but|so|then|und|aber|also|dann|et|mais|donc|puis)\s*,?\s+/iu;
const TRAILING_NOISE = /[\s.,;:!…–—-]+$/u;
const CLAUSE_BREAK = /[,;:–—]\s/gu;
// "I've found your account, and I'll review it": the item starts at the coordinated clause.
const COORDINATION = /(?:[,;]\s+(?:and|so|und|et|donc)|;)\s+/gu;
const NOT_KEY_CHAR = /[^\p{L}\p{N}]+/gu;
const TAG_QUESTION_ANY_CASE = new RegExp(TAG_QUESTION.source, "iu");

/** The text to match patterns against: lower case, one kind of apostrophe. */
export function matchText(sentence: string): string {
  return sentence.toLowerCase().replace(APOSTROPHES, "'");
}

/** "Feel free to call us back": polite, and nothing anyone has to do. */
export const isCourtesyOffer = (lowered: string) => COURTESY_OFFER.test(lowered);

/**
 * Where a commitment or request starts in the sentence, or -1. A question counts only as a
 * request ("Can you check the invoice?"); "Will it rain?" or "Shall I send it?" asks, it does not
 * promise. Talk about the call itself ("I'll check that now") is done by the end of the call.
 */
export function findAction(lowered: string): number {
  if (isCourtesyOffer(lowered)) return -1;
  const statement = lowered.replace(TAG_QUESTION, ".");
  for (const pattern of REQUESTS) {
    const match = pattern.exec(statement);
    if (match) return match.index;
  }
  if (QUESTION_END.test(statement) || IN_CALL.test(statement)) return -1;
  for (const pattern of COMMITMENTS) {
    const match = pattern.exec(statement);
    if (match && !CONDITION_BEFORE.test(statement.slice(Math.max(0, match.index - 12), match.index)))
      return match.index;
  }
  return -1;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The sentence as an action item: from the clause holding the action, without openers, capitalised. */
export function toActionItem(sentence: string, at: number): string {
  let from = 0;
  COORDINATION.lastIndex = 0;
  for (let m = COORDINATION.exec(sentence); m && m.index + m[0].length <= at; m = COORDINATION.exec(sentence))
    from = m.index + m[0].length;
  let text = sentence.slice(from);
  if (text.length > MAX_ACTION_LENGTH) {
    let start = 0;
    CLAUSE_BREAK.lastIndex = 0;
    for (let m = CLAUSE_BREAK.exec(text); m && m.index < at - from; m = CLAUSE_BREAK.exec(text))
      start = m.index + m[0].length;
    text = text.slice(start);
    if (text.length > MAX_ACTION_LENGTH) {
      const cut = text.lastIndexOf(" ", MAX_ACTION_LENGTH - 1);
      text = `${text.slice(0, cut > 40 ? cut : MAX_ACTION_LENGTH - 1).replace(TRAILING_NOISE, "")}…`;
    }
  }
  text = stripOpening(text).replace(LEADING_CONJUNCTION, "").replace(TAG_QUESTION_ANY_CASE, "").trim();
  // A question keeps its mark; a statement loses its full stop, as in a to-do list.
  if (!QUESTION_END.test(text) && !text.endsWith("…")) text = text.replace(TRAILING_NOISE, "");
  return capitalise(text);
}

export function actionKey(item: string): string {
  return item.toLowerCase().replace(NOT_KEY_CHAR, " ").trim();
}

const followUp: Record<Lang, (terms: string) => string> = {
  en: (terms) => `Follow up with the customer about their enquiry${terms ? `: ${terms}` : ""}`,
  de: (terms) => `Beim Kunden zur Anfrage nachfassen${terms ? `: ${terms}` : ""}`,
  fr: (terms) => `Relancer le client au sujet de sa demande${terms ? ` : ${terms}` : ""}`,
};

/**
 * When nobody promised anything but the customer asked about prices or availability in more than
 * one sentence, the call is a lead to follow up, as a person reading it would note (the vendor
 * summary of sipgate's example bundle says exactly that). The one item this summariser writes
 * rather than quotes.
 */
export function inferFollowUp(
  customerSentences: readonly string[],
  lang: Lang,
  terms: readonly string[],
): string | null {
  let interested = 0;
  for (const sentence of customerSentences) if (PURCHASE_INTEREST.test(sentence)) interested++;
  return interested >= 2 ? followUp[lang](terms.join(", ")) : null;
}
