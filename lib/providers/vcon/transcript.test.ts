import { describe, expect, it } from "vitest";

import type { Segment } from "@/lib/calls/model";

import { importOk, testVcon, transcriptAnalysis, type TestVcon } from "./test-vcon";

// Transcript shapes real producers write, each read into speaker, role, times and text.
// The test call: Anna Schmidt (customer, party 0) calls Jürgen Müller (agent, party 1).

function transcriptOf(patch: (vcon: TestVcon) => void): Segment[] {
  const vcon = testVcon();
  patch(vcon);
  return importOk(vcon).transcript;
}

const withAnalysis = (analysis: Record<string, unknown>) => transcriptOf((v) => v.analysis.push(analysis));
const anna = { speaker: "Anna Schmidt", speakerRole: "caller" };
const juergen = { speaker: "Jürgen Müller", speakerRole: "agent" };

describe("transcript shapes", () => {
  it("Deepgram utterances: speaker numbers become the dialog's parties, seconds become ms", () => {
    const results = {
      utterances: [
        { start: 0.5, end: 2.25, speaker: 0, transcript: "Hallo, hier Schmidt." },
        { start: 2.5, end: 4, speaker: 1, transcript: "Guten Tag, Müller am Apparat." },
      ],
    };
    expect(withAnalysis(transcriptAnalysis({ metadata: {}, results }))).toEqual([
      { ...anna, startMs: 500, endMs: 2250, text: "Hallo, hier Schmidt." },
      { ...juergen, startMs: 2500, endMs: 4000, text: "Guten Tag, Müller am Apparat." },
    ]);
  });

  it("Deepgram words with speakers group into turns", () => {
    const words = [
      { word: "hallo", punctuated_word: "Hallo.", start: 0.1, end: 0.4, speaker: 0 },
      { word: "tag", punctuated_word: "Tag,", start: 0.6, end: 0.8, speaker: 1 },
      { word: "bitte", punctuated_word: "bitte?", start: 0.8, end: 1.1, speaker: 1 },
    ];
    expect(withAnalysis(transcriptAnalysis({ transcript: "hallo tag bitte", words }))).toEqual([
      { ...anna, startMs: 100, endMs: 400, text: "Hallo." },
      { ...juergen, startMs: 600, endMs: 1100, text: "Tag, bitte?" },
    ]);
  });

  it("SRT text from Whisper keeps its cue times", () => {
    const srt = "1\n00:00:01,000 --> 00:00:02,500\nGuten Tag.\n\n2\n00:01:02,040 --> 00:01:03,000\nAuf Wiederhören.\n";
    expect(withAnalysis(transcriptAnalysis(srt, { encoding: "none" }))).toEqual([
      { startMs: 1000, endMs: 2500, text: "Guten Tag." },
      { startMs: 62_040, endMs: 63_000, text: "Auf Wiederhören." },
    ]);
  });

  it("WebVTT voice tags name the speaker", () => {
    const vtt =
      "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Anna Schmidt>Hallo?\n\n00:02.500 --> 00:03.000\n<v Jürgen Müller>Ja, bitte.";
    expect(withAnalysis(transcriptAnalysis(vtt))).toEqual([
      { ...anna, startMs: 1000, endMs: 2000, text: "Hallo?" },
      { ...juergen, startMs: 2500, endMs: 3000, text: "Ja, bitte." },
    ]);
  });

  it("'Speaker N:' lines are diarized voices; role words name a role", () => {
    expect(withAnalysis(transcriptAnalysis("Speaker 0: Hallo?\nSpeaker 1: Ja?", { type: "diarized" }))).toEqual([
      { ...anna, text: "Hallo?" },
      { ...juergen, text: "Ja?" },
    ]);
    expect(
      withAnalysis(transcriptAnalysis([{ agent: "Wie kann ich helfen?" }, { customer: "Meine Rechnung." }])),
    ).toEqual([
      { speaker: "agent", speakerRole: "agent", text: "Wie kann ich helfen?" },
      { speaker: "customer", speakerRole: "caller", text: "Meine Rechnung." },
    ]);
  });

  it("offsets written in milliseconds under second keys are recognised by overshooting the recording", () => {
    const utterances = [
      { speaker: "A", start: 250, end: 2100, text: "Hallo?" },
      { speaker: "B", start: 2400, end: 125_000, text: "Ja, bitte." },
    ];
    expect(withAnalysis(transcriptAnalysis({ utterances, audio_duration: 125 }))).toEqual([
      { ...anna, startMs: 250, endMs: 2100, text: "Hallo?" },
      { ...juergen, startMs: 2400, endMs: 125_000, text: "Ja, bitte." },
    ]);
  });

  it("a lone first name matches a party when only one has it", () => {
    expect(withAnalysis(transcriptAnalysis([{ speaker: "Jürgen", text: "Hallo!" }]))).toEqual([
      { speaker: "Jürgen", speakerRole: "agent", text: "Hallo!" },
    ]);
  });

  it("plain text without names becomes paragraphs; colons in prose do not make speakers", () => {
    const text =
      "Die Kundin meldet: Rechnung doppelt.\n\nDer Agent prüft das Konto und bucht eine Gutschrift.\n\nEnde.";
    expect(withAnalysis(transcriptAnalysis({ transcript: text, confidence: 0.9 })).map((s) => s.text)).toEqual([
      "Die Kundin meldet: Rechnung doppelt.",
      "Der Agent prüft das Konto und bucht eine Gutschrift.",
      "Ende.",
    ]);
  });

  it("never keeps empty lines", () => {
    const lines = [
      { speaker: "Ute", text: "  " },
      { speaker: "Bernd", text: "Ja." },
      { speaker: "Carla", message: "" },
      "\n\n",
    ];
    expect(withAnalysis(transcriptAnalysis(lines))).toEqual([{ speaker: "Bernd", text: "Ja." }]);
  });

  it("prefers the transcript with speakers and times over plainer ones of the same dialog", () => {
    const segments = transcriptOf((v) =>
      v.analysis.push(
        transcriptAnalysis("Hallo? Ja?", { type: "diarized" }),
        transcriptAnalysis({
          segments: [
            { start: 0, end: 1, speaker: "S1", text: "Hallo?" },
            { start: 1, end: 2, speaker: "S2", text: "Ja?" },
          ],
        }),
      ),
    );
    expect(segments).toEqual([
      { ...anna, startMs: 0, endMs: 1000, text: "Hallo?" },
      { ...juergen, startMs: 1000, endMs: 2000, text: "Ja?" },
    ]);
  });

  it("joins per-dialog transcripts in call order, each offset by its dialog's start", () => {
    const segments = transcriptOf((v) => {
      v.dialog.push({
        type: "recording",
        start: "2025-01-15T10:05:00Z",
        duration: 30,
        parties: [1, 0],
        url: "https://example.com/b.wav",
      });
      v.analysis.push(
        transcriptAnalysis({ segments: [{ start: 1, end: 2, text: "Zweites Gespräch." }] }, { dialog: 1 }),
        transcriptAnalysis({ segments: [{ start: 1, end: 2, text: "Erstes Gespräch." }] }, { dialog: 0 }),
      );
    });
    expect(segments).toEqual([
      { startMs: 1000, endMs: 2000, text: "Erstes Gespräch." },
      { startMs: 301_000, endMs: 302_000, text: "Zweites Gespräch." },
    ]);
  });
});

describe("text dialogs as the transcript", () => {
  it("one line per message, by its originator, at its time; HTML and base64url bodies read as text", () => {
    const segments = transcriptOf((v) => {
      v.dialog = [
        {
          type: "text",
          start: "2025-01-15T10:00:00Z",
          parties: [0, 1],
          mediatype: "text/html",
          body: "<p>Guten Tag,<br>ich habe eine Frage &amp; ein Problem.</p>",
        },
        {
          type: "text",
          start: "2025-01-15T10:02:00Z",
          parties: [0, 1],
          originator: 1,
          encoding: "base64url",
          body: Buffer.from("Gern, worum geht es?").toString("base64url"),
        },
      ];
    });
    expect(segments).toEqual([
      { ...anna, startMs: 0, text: "Guten Tag,\nich habe eine Frage & ein Problem." },
      { ...juergen, startMs: 120_000, text: "Gern, worum geht es?" },
    ]);
  });

  it("a message holding a whole 'Name: text' conversation splits into its turns", () => {
    const segments = transcriptOf((v) => {
      v.dialog = [
        {
          type: "text",
          start: "2025-01-15T10:00:00Z",
          parties: [0, 1],
          body: "Anna Schmidt: Hallo?\nJürgen Müller: Ja, bitte?",
        },
      ];
    });
    expect(segments.map((s) => [s.speaker, s.speakerRole, s.text])).toEqual([
      ["Anna Schmidt", "caller", "Hallo?"],
      ["Jürgen Müller", "agent", "Ja, bitte?"],
    ]);
  });
});
