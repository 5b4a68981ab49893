import { describe, expect, it } from "vitest";

import { SummaryError, type SummaryInput } from "../types";
import { builtinSummarizer, summarizeExtractive } from "./index";
import { splitSentences } from "./sentences";
import {
  conversation,
  demo,
  expectQuotedFrom,
  expectWellFormed,
  inputOf,
  LABEL,
  vconFixture,
  type Line,
} from "./test-calls";

describe("summaries", () => {
  it("gives the same output for the same call, every time", () => {
    const input = inputOf(vconFixture("example_deepgram_external_dialog.vcon"));
    const first = summarizeExtractive(input);
    expect(summarizeExtractive(structuredClone(input))).toEqual(first);
    expect(summarizeExtractive(input)).toEqual(first);
  });

  it("refuses a call without words", () => {
    const empty = conversation([]);
    expect(() => summarizeExtractive(empty)).toThrow(SummaryError);
    expect(() => summarizeExtractive(empty)).toThrow("The call has no transcript to summarise.");
    expect(() => summarizeExtractive({ ...empty, transcript: [{ text: "  " }, { text: "\n" }] })).toThrow(SummaryError);
    expect(() => summarizeExtractive({ ...empty, transcript: [{ text: "👍" }, { text: "…?!" }] })).toThrow(
      SummaryError,
    );
  });

  it("still says something about a call of nothing but pleasantries", () => {
    const out = summarizeExtractive(
      conversation([
        ["caller", "Hallo?"],
        ["callee", "Okay."],
        ["caller", "Danke, tschüss."],
      ]),
    );
    expect(out.summary.length).toBeGreaterThan(0);
    expectWellFormed(out);
    expect(out.actionItems).toEqual([]);
  });

  it("names the language it is written in, not the one asked for: it cannot translate", () => {
    expect(summarizeExtractive(conversation(demo.billingDe, {}, { language: "en" })).language).toBe("de");
    const spanish: Line[] = [
      ["caller", "Hola, llamo por la factura de octubre."],
      ["callee", "Claro, la reviso ahora mismo."],
    ];
    expect(summarizeExtractive(conversation(spanish, { language: "es-ES" })).language).toBe("es");
    expect(summarizeExtractive(conversation(spanish)).language).toBeNull();
  });

  it("favours the sentences the instructions ask about", () => {
    const lines: Line[] = [
      ["caller", "Hello, I'm calling about the delivery of our new office chairs."],
      ["callee", "I can see the order, the chairs left our warehouse on Monday."],
      ["caller", "The carrier told us the chairs would arrive last Friday, but nothing came."],
      ["callee", "The carrier had a backlog, the chairs are now at the local depot."],
      ["caller", "Our team has been sitting on old chairs for two weeks now."],
      ["callee", "The depot delivers the chairs to your office on Wednesday morning."],
      ["caller", "By the way, the price on the invoice was higher than on the quote."],
      ["callee", "Thanks for your patience, have a nice day."],
    ];
    const plain = summarizeExtractive(conversation(lines));
    const focused = summarizeExtractive(conversation(lines, {}, { instructions: "Focus on pricing." }));
    expect(plain.summary).not.toContain("the price on the invoice");
    expect(focused.summary).toContain("the price on the invoice");
  });

  it("handles a 2,500-segment call", () => {
    const said = [
      "The invoice for the maintenance contract shows the service fee twice.",
      "I can see the duplicate booking in our billing system.",
      "Our technician visited the warehouse on Tuesday and replaced the filter.",
      "Okay.",
      "The replacement parts are still missing from the delivery.",
    ];
    const lines: Line[] = Array.from({ length: 2500 }, (_, i) => [
      i % 2 ? "callee" : "caller",
      `${said[i % said.length]} That was note ${i}.`,
    ]);
    lines[1800] = ["callee", "I will send you the corrected invoice by Friday."];
    const input = conversation(lines);
    const out = summarizeExtractive(input);
    expectWellFormed(out);
    expectQuotedFrom(out, input);
    expect(out.actionItems).toContain("I will send you the corrected invoice by Friday");
    expect(out.tags.length).toBeGreaterThanOrEqual(2);
    expect(out.tags.length).toBeLessThanOrEqual(5);
    expect(splitSentences(out.summary.replace(LABEL, "\n")).length).toBeLessThanOrEqual(4);
  });

  it("keeps to its lengths when every sentence is long", () => {
    const long = (topic: string) =>
      `The ${topic} that we ordered for the new branch office in the north of the city, which was supposed to arrive together with the furniture and the network equipment, has been delayed again because the carrier could not find the loading dock behind the building.`;
    const input = conversation([
      ["caller", long("printer")],
      ["callee", long("scanner")],
      ["caller", long("router")],
      ["callee", long("server rack")],
      ["caller", long("printer paper")],
    ]);
    const out = summarizeExtractive(input);
    expectWellFormed(out);
    expectQuotedFrom(out, input);
    expect(out.headline).toMatch(/^The printer that we ordered/u);
  });

  it("works on a transcript without punctuation or speakers", () => {
    const text =
      "hallo ich rufe wegen meiner bestellung an die lieferung ist noch nicht angekommen können sie bitte prüfen wann das paket kommt wir melden uns morgen zurück";
    const input: SummaryInput = { ...conversation([]), transcript: [{ text }] };
    const out = summarizeExtractive(input);
    expect(out.language).toBe("de");
    expect(out.summary.length).toBeGreaterThan(0);
    expect(out.actionItems).toHaveLength(1);
    expect(out.summary).not.toMatch(/^\p{L}+:/u);
    expectWellFormed(out);
  });
});

describe("builtinSummarizer", () => {
  it("is the built-in producer and answers asynchronously", async () => {
    expect(builtinSummarizer.producer).toBe("built-in");
    await expect(builtinSummarizer.summarize(conversation(demo.quoteFr))).resolves.toEqual(
      summarizeExtractive(conversation(demo.quoteFr)),
    );
    await expect(builtinSummarizer.summarize(conversation([]))).rejects.toThrow(SummaryError);
  });

  it("stops when the request was cancelled", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(builtinSummarizer.summarize(conversation(demo.quoteFr), controller.signal)).rejects.toThrow();
  });
});
