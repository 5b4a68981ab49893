import { describe, expect, it } from "vitest";

import { detectLanguage } from "./index";
import { normaliseLanguage } from "./language";

describe("detectLanguage", () => {
  it("tells German, English and French apart", () => {
    expect(detectLanguage("Guten Tag, auf meiner Rechnung vom Oktober steht die Wartung zweimal.")).toBe("de");
    expect(detectLanguage("Bitte zurückrufen.")).toBe("de");
    expect(detectLanguage("I can't get into the customer portal anymore.")).toBe("en");
    expect(detectLanguage("Hi, I wanted to ask if the new product is available.")).toBe("en");
    expect(detectLanguage("Bonjour, je dois annuler le rendez-vous de jeudi, je ne serai pas là.")).toBe("fr");
    expect(detectLanguage("J'appelle au sujet de ma commande, elle n'est pas arrivée.")).toBe("fr");
  });

  it("goes by most words when a call mixes languages", () => {
    expect(
      detectLanguage(
        "Bonjour! Ich rufe wegen meiner Bestellung an, die Lieferung ist noch nicht da und ich brauche sie dringend.",
      ),
    ).toBe("de");
  });

  it("does not guess without evidence or for other languages", () => {
    expect(detectLanguage("")).toBeNull();
    expect(detectLanguage("49.99 2026-1043")).toBeNull();
    expect(detectLanguage("Okay.")).toBeNull();
    expect(detectLanguage("Hola, llamo por la factura de octubre, gracias.")).toBeNull();
    expect(detectLanguage("Goedemorgen, ik bel over het contract, dat is niet goed.")).toBeNull();
  });
});

describe("normaliseLanguage", () => {
  it("keeps the two-letter language of a vendor's tag", () => {
    expect(normaliseLanguage("en-US")).toBe("en");
    expect(normaliseLanguage("DE")).toBe("de");
    expect(normaliseLanguage("fr_FR")).toBe("fr");
    expect(normaliseLanguage("german")).toBeNull();
    expect(normaliseLanguage(null)).toBeNull();
  });
});
