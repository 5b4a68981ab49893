// What a person types into the inbox search, turned into parts the database can match. Anything
// typed is accepted: characters with a meaning in tsquery syntax never reach it, so no input can
// make the query fail; what cannot be searched for is dropped and said so.

export type ParsedQuery = {
  /** Words that must all occur; those of three letters or more also match as prefixes ("Rechn"). */
  words: string[];
  /** Quoted phrases, each as its words in order. */
  phrases: string[][];
  /** Words after a minus: calls containing them are left out. */
  excluded: string[];
  /** Phone numbers (five digits or more), digits only, matched anywhere in a number. */
  numbers: string[];
  /** The words and phrases, for highlighting what matched. */
  highlight: string[];
};

const wordsOf = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

// A run of digits with the separators people put into phone numbers: +49 175 1234567,
// 0175/1234567, (0175) 123-45-67, 0049 175 1234567.
const phoneLike = /(?:\+|\b00)?\(?\d[\d\s()/.-]*\d/g;

export function parseQuery(input: string): ParsedQuery {
  let rest = input.normalize("NFC").slice(0, 500);
  const phrases: string[][] = [];
  rest = rest.replace(/"([^"]*)"/g, (_match, phrase: string) => {
    const words = wordsOf(phrase);
    if (words.length > 1) phrases.push(words);
    else if (words[0]) rest += ` ${words[0]}`;
    return " ";
  });

  const numbers: string[] = [];
  rest = rest.replace(phoneLike, (match: string) => {
    const digits = match.replace(/\D/g, "").replace(/^00/, "");
    if (digits.length < 5) return match;
    numbers.push(digits);
    return " ";
  });

  const words: string[] = [];
  const excluded: string[] = [];
  for (const token of rest.split(/\s+/)) {
    if (!token) continue;
    const target = token.startsWith("-") && token.length > 1 ? excluded : words;
    target.push(...wordsOf(token));
  }
  const unique = (xs: string[]) => [...new Set(xs)];
  return {
    words: unique(words),
    phrases,
    excluded: unique(excluded),
    numbers: unique(numbers),
    highlight: unique([...words, ...phrases.map((p) => p.join(" "))]),
  };
}

export const isEmptyQuery = (q: ParsedQuery): boolean => q.words.length + q.phrases.length + q.numbers.length === 0;

/** The words as a tsquery expression: only letters and digits reach it, joined by "&". */
export function wordsTsquery(words: string[]): string {
  return words.map((w) => (w.length >= 3 ? `${w}:*` : w)).join(" & ");
}
