import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { parseSipgate } from "./parse";

const seed = JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures/seed-000.json"), "utf8"));
const clone = () => structuredClone(seed);

function ok(body: unknown) {
  const result = parseSipgate(body);
  if (!result.ok) throw new Error(result.error);
  return result.call;
}

describe("the sipgate AI Assistant bundle (seed 000)", () => {
  it("keeps every field of the documented example", () => {
    const call = ok(seed);
    expect(call).toMatchObject({
      vendorCallId: "call_12345",
      direction: "inbound",
      durationSeconds: 300,
      channel: "Sales Hotline",
      headline: "Customer asked about product availability and pricing",
      summary: seed.summary,
      note: "Customer seemed interested in the promotional offer and may convert soon.",
      parties: [
        { role: "caller", number: "+491751234567" },
        { role: "callee", number: "+498912345678" },
      ],
      actionItems: [{ text: "Follow up with the customer in 2 days to offer further assistance.", isDone: false }],
      smallTalk: [
        {
          topic: "Weather",
          description: "Caller mentioned the sunny weather at the beginning.",
          isPinned: false,
          isDismissed: false,
        },
      ],
      smartAnswers: [
        { question: "Is the new product available?", answer: "Yes, it is currently available and on promotion." },
        { question: "What is the price?", answer: "The promotional price is 49.99 Euros including VAT." },
      ],
    });
    expect(call.startedAt?.toISOString()).toBe("2024-06-12T14:20:00.000Z");
    expect(call.endedAt?.toISOString()).toBe("2024-06-12T14:25:00.000Z");
    expect(call.transcript).toHaveLength(4);
    expect(call.transcript[0]).toEqual({
      speaker: "caller",
      speakerRole: "caller",
      startMs: 0,
      endMs: 5000,
      text: "Hi, I wanted to ask if the new product is available.",
    });
    expect(call.transcript[3]).toMatchObject({ speakerRole: "callee", startMs: 15001, endMs: 20000 });
  });

  it("accepts what users really send: missing optional parts, extra fields, non-ASCII text", () => {
    const minimal = ok({ call: { id: 42 } });
    expect(minimal).toMatchObject({
      vendorCallId: "42",
      direction: "unknown",
      parties: [],
      transcript: [],
      actionItems: [],
    });

    const extra = clone();
    extra.call.recordingUrl = "https://example.com/x.wav";
    extra.sentiment = { score: 0.8 };
    extra.summary = "Der Kunde möchte die Rechnung prüfen lassen; la cliente a demandé une révision.";
    extra.transcriptions[0].text = "Grüß Gott, ich hätte eine Frage zur Überweisung.";
    const call = ok(extra);
    expect(call.summary).toBe("Der Kunde möchte die Rechnung prüfen lassen; la cliente a demandé une révision.");
    expect(call.transcript[0]?.text).toBe("Grüß Gott, ich hätte eine Frage zur Überweisung.");
  });

  it("reads times in seconds where the vendor got its own unit wrong", () => {
    const body = clone();
    body.call.startTime = 1718202000;
    body.call.endTime = 1718202300;
    body.transcriptions = [
      { speaker: "caller", startTime: 0, endTime: 5, text: "Hallo?" },
      { speaker: "callee", startTime: 5.5, endTime: 12, text: "Guten Tag!" },
    ];
    const call = ok(body);
    expect(call.startedAt?.toISOString()).toBe("2024-06-12T14:20:00.000Z");
    expect(call.transcript.map((s) => [s.startMs, s.endMs])).toEqual([
      [0, 5000],
      [5500, 12000],
    ]);
  });

  it("handles a two-hour transcript", () => {
    const body = clone();
    body.call.duration = 7200;
    body.transcriptions = Array.from({ length: 2400 }, (_, i) => ({
      speaker: i % 2 ? "callee" : "caller",
      startTime: i * 3000,
      endTime: i * 3000 + 2500,
      text: `Satz Nummer ${i}.`,
    }));
    const call = ok(body);
    expect(call.transcript).toHaveLength(2400);
    expect(call.transcript.at(-1)).toMatchObject({ startMs: 7_197_000, endMs: 7_199_500 });
  });

  it("refuses a bundle without a call id, naming the field", () => {
    const body = clone();
    delete body.call.id;
    const result = parseSipgate(body);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fields).toHaveProperty(["call.id"]);
    expect(result.error).toMatch(/call\.id/);
  });

  it("refuses wrong types with the path of each wrong field", () => {
    const result = parseSipgate({ call: { id: "x" }, transcriptions: "not a list", actionItems: [{ text: 5 }] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fields ?? {})).toEqual(expect.arrayContaining(["transcriptions", "actionItems.0"]));
  });

  it("takes the vCon form of the same webhook by its content", () => {
    const call = ok({
      vcon: "0.0.1",
      uuid: "c0ffee00-0000-4000-8000-000000000001",
      parties: [{ tel: "+4930123456" }],
      dialog: [],
      analysis: [{ type: "summary", vendor: "sipgate", body: "Kurzer Anruf." }],
    });
    expect(call).toMatchObject({ vendorCallId: "c0ffee00-0000-4000-8000-000000000001", summary: "Kurzer Anruf." });
  });
});
