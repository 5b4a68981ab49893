import { describe, expect, it } from "vitest";

import { parsePbx } from "@/lib/providers/pbx/parse";

import { summarizeExtractive } from "./index";
import {
  conversation,
  demo,
  expectQuotedFrom,
  expectWellFormed,
  inputOf,
  sipgateSeed,
  vconFixture,
} from "./test-calls";

describe("vendor examples", () => {
  it("notes a follow-up for sipgate's example call, whose customer asked about availability and price", () => {
    const input = inputOf(sipgateSeed());
    const out = summarizeExtractive(input);
    expect(out.actionItems).toHaveLength(1);
    expect(out.actionItems[0]).toMatch(/^Follow up with the customer/u);
    expect(out.headline).toBe("I wanted to ask if the new product is available");
    expect(out.summary).toMatch(/^Caller: /u);
    expect(out.summary).toContain("49.99 Euros");
    expect(out.tags).toEqual(expect.arrayContaining(["discount", "product"]));
    expect(out.language).toBe("en");
    expectQuotedFrom(out, input);
    expectWellFormed(out);
  });

  it("finds the promises agents make in real vCon transcripts", () => {
    const cases: Array<[file: string, item: string]> = [
      [
        "380d7984-3e34-42c6-9a9c-3ea93a288d4e.vcon.json",
        "I will get back to you shortly with the availability of the model in your preferred color",
      ],
      ["87613957-926d-4f49-8c82-17a1f6b19e85.vcon.json", "I'll go ahead and process a refund for the extra amount"],
      [
        "05cec3d4-0561-4010-9fb8-23cc7edef146.vcon.json",
        "We'll review your suggestions and get back to you as soon as possible",
      ],
      [
        "example_deepgram_external_dialog.vcon",
        "You need to give us a callback before August 24 to give us a feedback",
      ],
    ];
    for (const [file, item] of cases) {
      const input = inputOf(vconFixture(file));
      const out = summarizeExtractive(input);
      expect(out.actionItems, file).toContain(item);
      expectQuotedFrom(out, input);
      expectWellFormed(out);
    }
  });

  it("leaves verification questions and courtesy offers out of the action items", () => {
    // "Could you please provide me with your account number?", "feel free to call us back", "Let me reset your login details".
    for (const file of [
      "0c9e5a11-7527-4119-ba52-9692aec6e587.vcon.json",
      "02971763-6410-4ee0-b16c-04d11a18b222.vcon.json",
      "afedada6-59bb-4c03-91ac-bdba97268238.vcon.json",
    ]) {
      expect(summarizeExtractive(inputOf(vconFixture(file))).actionItems, file).toEqual([]);
    }
  });

  it('reads a PBX transcript of "Name: text" lines, naming who said what', () => {
    const parsed = parsePbx({
      call_id: "pbx-demo-3",
      from: "+49 175 1023757",
      caller_name: "Jürgen Müller",
      to: "089 12345678",
      start: "2026-11-02T09:00:00Z",
      duration: 120,
      direction: "in",
      language: "de",
      summary: { overview: "Die Ersatzteile fehlen.", tags: ["delivery"], action_points: ["Spediteur anrufen"] },
      transcript: demo.deliveryDe
        .map(([speaker, text]) => `${speaker === "caller" ? "Jürgen Müller" : "Agent"}: ${text}`)
        .join("\n"),
    });
    if (!parsed.ok) throw new Error(parsed.error);
    const input = inputOf(parsed.call);
    const out = summarizeExtractive(input);
    expect(out.summary).toMatch(/^Jürgen Müller: Unsere Ersatzteile .* Agent: Ich frage beim Spediteur nach/u);
    expect(out.actionItems).toEqual(["Ich frage beim Spediteur nach und melde mich morgen früh bei Ihnen"]);
    expect(out.tags).not.toContain("müller");
    expectQuotedFrom(out, input);
  });

  it("says what a call was about rather than quoting the identification questions", () => {
    const out = summarizeExtractive(inputOf(vconFixture("0c9e5a11-7527-4119-ba52-9692aec6e587.vcon.json")));
    expect(out.summary).toContain("I need some help with my account.");
    expect(out.summary).not.toMatch(/account number is|social security/u);
    expect(out.tags).toContain("account");
  });
});

describe("demo calls in three languages", () => {
  it("German: the promised credit note and the carrier follow-up", () => {
    const billing = summarizeExtractive(conversation(demo.billingDe));
    expect(billing.actionItems).toEqual(["Sie bekommen eine Gutschrift per E-Mail"]);
    expect(billing.headline).toBe("Auf meiner Rechnung vom Oktober steht die Wartung zweimal");
    expect(billing.tags).toContain("rechnung");
    expect(billing.language).toBe("de");
    expect(billing.summary).toMatch(/^Anrufer: /u);

    const delivery = summarizeExtractive(conversation(demo.deliveryDe));
    expect(delivery.actionItems).toEqual(["Ich frage beim Spediteur nach und melde mich morgen früh bei Ihnen"]);
    expect(delivery.tags).toEqual(expect.arrayContaining(["ersatzteile", "paket"]));
  });

  it("German: a request to call back", () => {
    const out = summarizeExtractive(
      conversation([
        ["caller", "Guten Tag, hier ist Müller von der Firma Schneider, es geht um unseren Wartungsvertrag."],
        ["callee", "Der zuständige Kollege ist leider erst morgen wieder im Haus."],
        ["caller", "Dann bitte zurückrufen, am besten vormittags unter der bekannten Nummer."],
        ["callee", "Ich kümmere mich darum, dass er Sie morgen anruft."],
      ]),
    );
    expect(out.actionItems).toEqual([
      "Bitte zurückrufen, am besten vormittags unter der bekannten Nummer",
      "Ich kümmere mich darum, dass er Sie morgen anruft",
    ]);
  });

  it("French: the call-back, the quote and the request to send it on", () => {
    const appointment = summarizeExtractive(conversation(demo.appointmentFr));
    expect(appointment.actionItems).toEqual(["Je vous rappelle la veille pour confirmer"]);
    expect(appointment.tags).toContain("rendez-vous");
    expect(appointment.language).toBe("fr");

    const quote = summarizeExtractive(conversation(demo.quoteFr));
    expect(quote.actionItems).toEqual([
      "Je vous prépare un devis détaillé d'ici vendredi",
      "Envoyez-le à la comptabilité s'il vous plaît",
    ]);
    expect(quote.tags).toContain("devis");
  });

  it("English: what was already done during the call is no action item", () => {
    const out = summarizeExtractive(conversation(demo.portalEn));
    expect(out.actionItems).toEqual([]);
    expect(out.headline).toBe("I can't get into the customer portal anymore");
    expect(out.tags).toContain("portal");
  });

  it("quotes only the call and stays within its limits", () => {
    for (const lines of Object.values(demo)) {
      const input = conversation(lines);
      const out = summarizeExtractive(input);
      expectQuotedFrom(out, input);
      expectWellFormed(out);
      expect(out.tags.length).toBeGreaterThanOrEqual(2);
    }
  });
});
