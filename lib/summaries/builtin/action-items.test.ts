import { describe, expect, it } from "vitest";

import { findAction, matchText, toActionItem } from "./action-items";
import { summarizeExtractive } from "./index";
import { conversation } from "./test-calls";

/** The action item a sentence yields, or null when it is none. */
function item(sentence: string): string | null {
  const at = findAction(matchText(sentence));
  return at < 0 ? null : toActionItem(sentence, at);
}

describe("action items", () => {
  it.each([
    ["I will send you the invoice tomorrow.", "I will send you the invoice tomorrow"],
    ["I'll call you back this afternoon.", "I'll call you back this afternoon"],
    ["Okay, we'll get back to you by Friday.", "We'll get back to you by Friday"],
    ["Someone from our team will call you back tomorrow.", "Someone from our team will call you back tomorrow"],
    ["Please send me the contract.", "Please send me the contract"],
    ["Can you check the delivery date?", "Can you check the delivery date?"],
    ["Could you please call me back?", "Could you please call me back?"],
    ["I've found your booking, and I'll send the confirmation today.", "I'll send the confirmation today"],
  ])("English: %s", (sentence, expected) => expect(item(sentence)).toBe(expected));

  it.each([
    ["Bitte zurückrufen.", "Bitte zurückrufen"],
    [
      "Kunden bitte zurückrufen, wenn die Gutschrift verschickt ist.",
      "Kunden bitte zurückrufen, wenn die Gutschrift verschickt ist",
    ],
    ["Rufen Sie mich bitte morgen zurück.", "Rufen Sie mich bitte morgen zurück"],
    ["Ich schicke Ihnen das Angebot per E-Mail.", "Ich schicke Ihnen das Angebot per E-Mail"],
    ["Wir melden uns morgen bei Ihnen.", "Wir melden uns morgen bei Ihnen"],
    ["Gut, ich kümmere mich darum.", "Ich kümmere mich darum"],
    ["Morgen schicke ich Ihnen die Unterlagen.", "Morgen schicke ich Ihnen die Unterlagen"],
    ["Ich leite das an die Technik weiter.", "Ich leite das an die Technik weiter"],
    ["Können Sie bitte prüfen, wann das Paket kommt?", "Können Sie bitte prüfen, wann das Paket kommt?"],
    ["Der Kunde bittet um Rückruf.", "Der Kunde bittet um Rückruf"],
    ["Ich schicke Ihnen das heute noch, okay?", "Ich schicke Ihnen das heute noch"],
  ])("German: %s", (sentence, expected) => expect(item(sentence)).toBe(expected));

  it.each([
    ["Je vous rappelle demain matin.", "Je vous rappelle demain matin"],
    ["Je vous envoie le devis par e-mail.", "Je vous envoie le devis par e-mail"],
    ["Je vous l’envoie demain.", "Je vous l’envoie demain"],
    ["Pouvez-vous vérifier ma facture ?", "Pouvez-vous vérifier ma facture ?"],
    ["Nous allons remplacer la pièce la semaine prochaine.", "Nous allons remplacer la pièce la semaine prochaine"],
    ["Je m'en occupe.", "Je m'en occupe"],
    ["Je vous enverrai la facture lundi.", "Je vous enverrai la facture lundi"],
    ["Merci de me rappeler avant vendredi.", "Merci de me rappeler avant vendredi"],
    ["Le technicien passera mardi matin.", "Le technicien passera mardi matin"],
  ])("French: %s", (sentence, expected) => expect(item(sentence)).toBe(expected));

  it.each([
    "Will it rain?",
    "Will you be there tomorrow?",
    "Shall I send it to you?",
    "Do you want me to send it?",
    "Could you provide me with your account number?",
    "Can you give me your name, please?",
    "I'll check your billing information now.",
    "Let me check our records.",
    "I've just sent you a reset link by email.",
    "Feel free to call us back.",
    "If we will ask you, do you think",
    "I'll be assisting you with your inquiries today.",
    "Ich rufe wegen meiner Bestellung an.",
    "Ich frage nach dem Preis.",
    "Können Sie mir die Rechnungsnummer nennen?",
    "Wann kommt der Techniker?",
    "Ich schaue kurz nach.",
    "Je vous rappelle que le contrat expire en mai.",
    "Je vais bien, merci.",
    "Je vais vous mettre en attente.",
    "Est-ce que vous allez venir ?",
  ])("not an action item: %s", (sentence) => expect(item(sentence)).toBeNull());

  it("lists each action once, at most eight", () => {
    const lines: Array<["caller" | "callee", string]> = [
      ["callee", "I will send you the invoice."],
      ["callee", "i will send you the invoice!"],
      ...Array.from({ length: 12 }, (_, i): ["caller" | "callee", string] => [
        "callee",
        `I will send you document number ${i + 1} tomorrow.`,
      ]),
    ];
    const out = summarizeExtractive(conversation(lines));
    expect(out.actionItems).toHaveLength(8);
    expect(out.actionItems[0]).toBe("I will send you the invoice");
    expect(out.actionItems.filter((a) => a.toLowerCase() === "i will send you the invoice")).toHaveLength(1);
  });

  it("does not invent a follow-up for a support call", () => {
    const out = summarizeExtractive(
      conversation([
        ["caller", "Will the technician come today? Is it going to rain later?"],
        ["callee", "The technician is on his way and will arrive at ten."],
        ["caller", "Thank you, bye."],
      ]),
    );
    expect(out.actionItems).toEqual([]);
  });
});
