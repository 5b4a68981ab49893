import { describe, expect, it } from "vitest";

import { parseQuery, wordsTsquery } from "./parse-query";

describe("parseQuery", () => {
  it("splits words, phrases, exclusions and phone numbers", () => {
    expect(parseQuery('Rechnung "neue Lieferung" -storno +49 175 1234567')).toEqual({
      words: ["rechnung"],
      phrases: [["neue", "lieferung"]],
      excluded: ["storno"],
      numbers: ["491751234567"],
      highlight: ["rechnung", "neue lieferung"],
    });
  });

  it("reads phone numbers however they are typed", () => {
    expect(parseQuery("0175/1234567").numbers).toEqual(["01751234567"]);
    expect(parseQuery("(0175) 123-45-67").numbers).toEqual(["01751234567"]);
    expect(parseQuery("0049 175 1234567").numbers).toEqual(["491751234567"]);
    expect(parseQuery("1234567").numbers).toEqual(["1234567"]);
    // Short numbers are words (order numbers, years).
    expect(parseQuery("Bestellung 4711")).toMatchObject({ words: ["bestellung", "4711"], numbers: [] });
  });

  it("keeps German and French words as typed, lower-cased", () => {
    expect(parseQuery("Grüße Müller révision l'été").words).toEqual(["grüße", "müller", "révision", "l", "été"]);
  });

  it("never lets query syntax through: anything typed becomes plain words or nothing", () => {
    for (const input of [
      "a & b | !c",
      "foo:* <-> (bar)",
      "'; drop table calls; --",
      "\\\\",
      "*",
      '"unclosed',
      "!!!",
      "",
      "   ",
    ]) {
      const parsed = parseQuery(input);
      for (const word of [...parsed.words, ...parsed.excluded, ...parsed.phrases.flat()])
        expect(word).toMatch(/^[\p{L}\p{N}]+$/u);
    }
    expect(parseQuery("!!!")).toMatchObject({ words: [], phrases: [], numbers: [] });
  });

  it("builds prefix terms for words of three letters or more", () => {
    expect(wordsTsquery(["rechn", "ab", "müller"])).toBe("rechn:* & ab & müller:*");
  });
});
