import { describe, expect, it } from "vitest";

import { splitSentences } from "./sentences";

describe("splitSentences", () => {
  it("splits on full stops, question and exclamation marks and ellipses", () => {
    expect(
      splitSentences("Great! How much does it cost? The price is fixed. Let me check our records… It seems fine."),
    ).toEqual([
      "Great!",
      "How much does it cost?",
      "The price is fixed.",
      "Let me check our records…",
      "It seems fine.",
    ]);
  });

  it("keeps prices, abbreviations, titles and dates inside their sentence", () => {
    expect(splitSentences("The discounted price is 49.99 Euros including VAT. Thanks.")).toEqual([
      "The discounted price is 49.99 Euros including VAT.",
      "Thanks.",
    ]);
    expect(splitSentences("Das betrifft z.B. die Wartung am 3. Oktober. Dr. Weber ruft an.")).toEqual([
      "Das betrifft z.B. die Wartung am 3. Oktober.",
      "Dr. Weber ruft an.",
    ]);
    expect(splitSentences("Mr. Smith sent forms, letters etc. to the office. No. Thank you.")).toEqual([
      "Mr. Smith sent forms, letters etc. to the office.",
      "No.",
      "Thank you.",
    ]);
    expect(splitSentences("It is order No. 5 from M. Dupont.")).toEqual(["It is order No. 5 from M. Dupont."]);
  });

  it("ends a sentence after etc. when a new one starts", () => {
    expect(splitSentences("We sell chairs, desks etc. The delivery is free.")).toEqual([
      "We sell chairs, desks etc.",
      "The delivery is free.",
    ]);
  });

  it("handles French spacing, quotes and line breaks", () => {
    expect(splitSentences("Mardi à neuf heures, cela vous convient ? « Oui. » Parfait !\nJe vous rappelle")).toEqual([
      "Mardi à neuf heures, cela vous convient ?",
      "« Oui. »",
      "Parfait !",
      "Je vous rappelle",
    ]);
  });

  it("cuts text without any punctuation into readable pieces", () => {
    const words = Array.from({ length: 100 }, (_, i) => `wort${i}`).join(" ");
    const pieces = splitSentences(words);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join(" ")).toBe(words);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(320);
    expect(splitSentences("hallo ich rufe wegen meiner bestellung an")).toEqual([
      "hallo ich rufe wegen meiner bestellung an",
    ]);
  });

  it("drops pieces without words", () => {
    expect(splitSentences("... ?! \n\n —")).toEqual([]);
  });
});
