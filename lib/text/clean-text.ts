// PostgreSQL stores neither NUL (text refuses the byte, jsonb the \u0000 escape) nor half of a
// UTF-16 surrogate pair (jsonb refuses the escape; a text parameter would turn it into U+FFFD on
// the way anyway). Inbound text is cleaned of both once, where it arrives.

const SUSPECT = /[\u0000\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** True when cleanText would change the string (cheap: most text has neither NUL nor surrogates). */
export const needsCleaning = (value: string): boolean => SUSPECT.test(value) && cleanText(value) !== value;

/** The string without NUL characters and with every lone surrogate replaced by U+FFFD. */
export function cleanText(value: string): string {
  if (!SUSPECT.test(value)) return value;
  return value.replace(/\u0000/g, "").replace(LONE_SURROGATE, "\uFFFD");
}
