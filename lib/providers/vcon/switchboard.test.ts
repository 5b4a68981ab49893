import { describe, expect, it } from "vitest";

import { normalisedCallSchema, type NormalisedCall } from "@/lib/calls/model";

import { importOk, testVcon } from "./test-vcon";

// Switchboard's own export re-imports unchanged. The exporter is not written yet; this is the
// vCon it is expected to write for a call (analysis entries with vendor "switchboard", our role
// names on parties, direction in meta), and the call it must give back.

const call: NormalisedCall = normalisedCallSchema.parse({
  vendorCallId: "0194a3f2-0000-8000-8000-00000000beef",
  direction: "internal",
  startedAt: new Date("2025-02-03T08:15:00.250Z"),
  endedAt: new Date("2025-02-03T08:19:05.250Z"),
  durationSeconds: 245,
  headline: "  Rückruf wegen Vertragsverlängerung  ",
  summary: "Kunde möchte verlängern.\n\n",
  note: '"Bitte Angebot schicken."',
  language: "de",
  parties: [
    { role: "caller", number: "+4930123456", name: "Anna Schmidt" },
    { role: "assistant", name: "Sophie (KI)" },
    { role: "agent", number: "+4989987654", name: "Jürgen Müller", extension: "21", email: "j.mueller@example.de" },
  ],
  transcript: [
    { speaker: "Anna Schmidt", speakerRole: "caller", startMs: 0, endMs: 2100, text: "Hallo, ich möchte verlängern." },
    { speakerRole: "assistant", startMs: 2200, text: " Einen Moment bitte. " },
    { speaker: "Speaker 2", text: "Ja?" },
  ],
  actionItems: [
    { text: "Angebot senden", isDone: false },
    { text: "Vertrag prüfen", isDone: true },
  ],
  smallTalk: [
    { topic: "Wetter", description: "Schnee in Berlin", isPinned: true, isDismissed: false },
    { topic: "Urlaub", isPinned: false, isDismissed: true },
  ],
  smartAnswers: [{ question: "Wie lange läuft der Vertrag?", answer: "Bis 31.03.2026." }],
  tags: ["team:vertrieb", "priority:high"],
  vendorUpdatedAt: new Date("2025-02-03T09:00:00.000Z"),
});

// Text goes out as it is ("none"); lists as JSON.
const switchboard = (type: string, body: unknown) => ({
  type,
  vendor: "switchboard",
  encoding: typeof body === "string" ? "none" : "json",
  body,
});

function exported(c: NormalisedCall) {
  return {
    vcon: "0.4.0",
    uuid: c.vendorCallId,
    created_at: c.startedAt?.toISOString(),
    updated_at: c.vendorUpdatedAt?.toISOString(),
    meta: { direction: c.direction },
    parties: c.parties.map((p) => ({
      role: p.role,
      tel: p.number,
      name: p.name,
      mailto: p.email,
      meta: { extension: p.extension },
    })),
    dialog: [
      {
        type: "recording",
        start: c.startedAt?.toISOString(),
        duration: c.durationSeconds,
        parties: [0, 1, 2],
        url: "https://x.example/r.wav",
      },
    ],
    analysis: [
      switchboard("headline", c.headline),
      switchboard("summary", c.summary),
      switchboard("note", c.note),
      {
        ...switchboard(
          "transcript",
          c.transcript.map((s) => ({
            speaker: s.speaker,
            role: s.speakerRole,
            start_ms: s.startMs,
            end_ms: s.endMs,
            text: s.text,
          })),
        ),
        language: c.language,
      },
      switchboard(
        "action_items",
        c.actionItems.map((a) => ({ text: a.text, done: a.isDone })),
      ),
      switchboard(
        "small_talk",
        c.smallTalk.map((t) => ({
          topic: t.topic,
          description: t.description,
          pinned: t.isPinned,
          dismissed: t.isDismissed,
        })),
      ),
      switchboard("smart_answers", c.smartAnswers),
      // Other vendors' entries of the same types lose to ours.
      { type: "summary", vendor: "openai", body: "Another summary." },
      { type: "transcript", vendor: "deepgram", body: { transcript: "Other words." } },
      {
        type: "wtf_transcription",
        vendor: "whisper",
        body: { segments: [{ start: 0, end: 1, speaker: 0, text: "Other." }] },
      },
    ],
    attachments: [{ purpose: "tags", encoding: "json", body: c.tags }],
  };
}

describe("Switchboard export round trip", () => {
  it("re-imports an exported call unchanged", () => {
    expect(importOk(exported(call))).toEqual(call);
  });

  it("survives the export being serialised and read back as JSON", () => {
    expect(importOk(JSON.parse(JSON.stringify(exported(call))))).toEqual(call);
  });

  it("reads our shapes even when their bodies arrive as JSON strings", () => {
    const vcon = exported(call);
    vcon.analysis = vcon.analysis.map((a) => (typeof a.body === "string" ? a : { ...a, body: JSON.stringify(a.body) }));
    expect(importOk(vcon).smallTalk).toEqual(call.smallTalk);
    expect(importOk(vcon).transcript).toEqual(call.transcript);
  });

  it("falls back to other vendors' entries when ours is malformed", () => {
    const vcon = testVcon();
    vcon.analysis.push(
      { type: "action_items", vendor: "switchboard", body: [{ done: true }] },
      { type: "action_items", vendor: "acme", body: "- Rückruf morgen\n- [x] Angebot senden\n" },
    );
    expect(importOk(vcon).actionItems).toEqual([
      { text: "Rückruf morgen", isDone: false },
      { text: "Angebot senden", isDone: true },
    ]);
  });
});
