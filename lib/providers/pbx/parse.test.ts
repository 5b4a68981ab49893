import { describe, expect, it } from "vitest";

import { parsePbx } from "./parse";

function ok(body: unknown) {
  const result = parsePbx(body);
  if (!result.ok) throw new Error(result.error);
  return result.call;
}

describe("the PBX summary webhook", () => {
  it("reads the usual names at the top level", () => {
    const call = ok({
      call_id: "1700000000.42",
      from: "+49 30 1234567",
      to: "089 7654321",
      start_time: "2026-11-20T09:30:00Z",
      billsec: "312",
      direction: "incoming",
      overview: "Kunde fragt nach Lieferzeit.",
      notes: ["Bestellung 4711", "Rückruf gewünscht"],
      tags: "lieferung, dringend",
      action_points: "- Lieferzeit prüfen\n- Kunden zurückrufen",
      extension: "21",
    });
    expect(call).toMatchObject({
      vendorCallId: "1700000000.42",
      direction: "inbound",
      durationSeconds: 312,
      summary: "Kunde fragt nach Lieferzeit.",
      note: "Bestellung 4711\nRückruf gewünscht",
      tags: ["lieferung", "dringend"],
      actionItems: [
        { text: "Lieferzeit prüfen", isDone: false },
        { text: "Kunden zurückrufen", isDone: false },
      ],
      parties: [
        { role: "caller", number: "+49 30 1234567" },
        { role: "callee", number: "089 7654321", extension: "21" },
      ],
    });
    expect(call.startedAt?.toISOString()).toBe("2026-11-20T09:30:00.000Z");
  });

  it("reads nested call and summary objects and other spellings", () => {
    const call = ok({
      event: "ai_summary.created",
      call: {
        uniqueId: "abc-1",
        callerNumber: "+33 1 23 45 67 89",
        calledNumber: "+49 89 1234567",
        startedAt: 1763631000,
        callDirection: "outbound",
      },
      summary: {
        overview: "La cliente confirme le rendez-vous.",
        actionPoints: [{ title: "Envoyer la confirmation", done: true }, { text: "Noter le créneau" }],
        labels: ["rdv"],
      },
    });
    expect(call).toMatchObject({
      vendorCallId: "abc-1",
      direction: "outbound",
      summary: "La cliente confirme le rendez-vous.",
      actionItems: [
        { text: "Envoyer la confirmation", isDone: true },
        { text: "Noter le créneau", isDone: false },
      ],
      tags: ["rdv"],
    });
    expect(call.startedAt?.toISOString()).toBe("2025-11-20T09:30:00.000Z");
  });

  it("uses a hash of the body as the id when there is none: the same body is the same call", () => {
    const body = { from: "+4930123456", summary: "Kurzes Gespräch." };
    const a = ok(body);
    const b = ok({ summary: "Kurzes Gespräch.", from: "+4930123456" });
    const c = ok({ from: "+4930123456", summary: "Anderes Gespräch." });
    expect(a.vendorCallId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(b.vendorCallId).toBe(a.vendorCallId);
    expect(c.vendorCallId).not.toBe(a.vendorCallId);
  });

  it("marks internal calls and reads a transcript of Name: text lines", () => {
    const call = ok({
      id: 7,
      internal: true,
      transcript: "Anna: Hallo Ben.\nBen: Hi Anna, kurze Frage.",
      summary_html: "<p>Interne <b>Abstimmung</b></p>",
    });
    expect(call.direction).toBe("internal");
    expect(call.transcript).toEqual([
      { speaker: "Anna", text: "Hallo Ben." },
      { speaker: "Ben", text: "Hi Anna, kurze Frage." },
    ]);
    expect(call.summaryHtml).toBe("<p>Interne <b>Abstimmung</b></p>");
  });

  it("refuses bodies with nothing to record, and non-objects, with a reason", () => {
    const empty = parsePbx({ call_id: "1", from: "+4930123456" });
    expect(empty).toMatchObject({ ok: false, fields: { summary: "missing" } });
    expect(parsePbx([1, 2])).toMatchObject({ ok: false });
    expect(parsePbx("text")).toMatchObject({ ok: false });
  });
});
