import { describe, expect, it } from "vitest";

import { isVconLike } from "./parse";
import { importOk, importRefused, testVcon, transcriptAnalysis } from "./test-vcon";

// Shapes found in the vCons of vcon-server, vcon-mcp and ietf2vcon (written small here, not
// copied): what they carry must arrive, and the faults vcon-server's own invalid fixtures show
// must be refused by name.

const wtf = (lines: [number, number, string][]) => ({
  transcript: { text: lines.map(([, , t]) => t).join(" "), language: "en", duration: lines.at(-1)?.[1] ?? 0 },
  segments: lines.map(([start, end, text], id) => ({ id, start, end, text, confidence: 0.95 })),
  metadata: { provider: "youtube", model: "auto-generated" },
});

describe("summaries written as objects", () => {
  it("reads vcon-server's summary link output ({transcript_summary, call_purpose, …})", () => {
    const vcon = testVcon();
    vcon.analysis.push({
      type: "summary",
      dialog: 0,
      vendor: "openai",
      encoding: "none",
      body: {
        transcript_summary: "Die Kundin meldet eine beschädigte Lieferung; Ersatz wird verschickt.",
        call_purpose: "Reklamation",
        frustration_expressed: true,
      },
    });
    expect(importOk(vcon).summary).toBe("Die Kundin meldet eine beschädigte Lieferung; Ersatz wird verschickt.");
  });

  it("takes any key that says it holds a summary, and ignores non-prose values", () => {
    const vcon = testVcon();
    vcon.analysis.push({
      type: "call_summary",
      vendor: "x",
      body: { agent_helpfulness: true, short_summary: "Rückruf vereinbart." },
    });
    expect(importOk(vcon).summary).toBe("Rückruf vereinbart.");
    const none = testVcon();
    none.analysis.push({ type: "summary", vendor: "x", body: { summary_score: 4, is_summary_ok: true } });
    expect(importOk(none).summary).toBeUndefined();
  });
});

describe("transcripts filed as attachments", () => {
  it("reads a WTF transcript attachment (purpose, stringified JSON) when no analysis has one", () => {
    const vcon = testVcon();
    vcon.attachments.push({
      purpose: "meeting_metadata",
      encoding: "json",
      body: '{"room":"Agora"}',
      party: 0,
      dialog: 0,
    });
    vcon.attachments.push({
      purpose: "wtf_transcription",
      encoding: "json",
      party: 0,
      dialog: 0,
      body: JSON.stringify(
        wtf([
          [0.5, 3.1, "Guten Tag."],
          [3.1, 7.9, "Worum geht es?"],
        ]),
      ),
    });
    const call = importOk(vcon);
    expect(call.transcript).toEqual([
      { startMs: 500, endMs: 3100, text: "Guten Tag." },
      { startMs: 3100, endMs: 7900, text: "Worum geht es?" },
    ]);
    expect(call.language).toBe("en");
  });

  it("reads the pre-0.3 form (`type`, an object body) too", () => {
    const vcon = testVcon();
    vcon.attachments.push({ type: "wtf_transcription", encoding: "none", body: wtf([[1, 2, "Hallo?"]]) });
    expect(importOk(vcon).transcript.map((s) => s.text)).toEqual(["Hallo?"]);
  });

  it("prefers the vendor's transcript analysis when both are there", () => {
    const vcon = testVcon();
    vcon.analysis.push(transcriptAnalysis([{ speaker: "Anna Schmidt", message: "Ich habe eine Frage." }]));
    vcon.attachments.push({
      purpose: "wtf_transcription",
      encoding: "json",
      body: JSON.stringify(wtf([[0, 1, "ich habe eine frage"]])),
    });
    expect(importOk(vcon).transcript).toEqual([
      { speaker: "Anna Schmidt", speakerRole: "caller", text: "Ich habe eine Frage." },
    ]);
  });

  it("leaves other attachments alone: an agenda is not a transcript", () => {
    const vcon = testVcon();
    vcon.attachments.push({ purpose: "agenda", encoding: "none", body: "1. Begrüßung\n\n2. Sonstiges" });
    expect(importOk(vcon).transcript).toEqual([]);
  });
});

describe("media types and URLs", () => {
  it("refuses a media type that is not type/subtype, naming the field", () => {
    const vcon = testVcon();
    vcon.dialog[0] = { ...vcon.dialog[0], mediatype: undefined, mimetype: "not a valid mimetype!" };
    vcon.attachments.push({ purpose: "slides", mediatype: "pdf", url: "https://example.org/s.pdf" });
    const { error, fields } = importRefused(vcon);
    expect(fields).toEqual({
      "dialog[0].mimetype":
        'must be a media type like "audio/wav" (type/subtype), not a string ("not a valid mimetype!")',
      "attachments[0].mediatype": 'must be a media type like "audio/wav" (type/subtype), not a string ("pdf")',
    });
    expect(error).toMatch(/^The vCon is not valid: dialog\[0\]\.mimetype must be a media type/);
  });

  it("accepts parameters, folded email headers and an empty media type", () => {
    const vcon = testVcon();
    vcon.dialog.push({
      type: "text",
      parties: [0, 1],
      mediatype: 'multipart/mixed; \n\tboundary="b1"',
      body: "--b1\nContent-Type: text/plain\n\nHallo\n--b1--",
    });
    vcon.dialog.push({ type: "text", parties: [1, 0], mimetype: "text/plain; charset=UTF-8", body: "Servus" });
    vcon.analysis.push({ type: "sentiment", vendor: "x", mediatype: "", body: "positive" });
    expect(importOk(vcon).transcript.map((s) => s.text)).toEqual(["Hallo", "Servus"]);
  });

  it("refuses a URL that is not an absolute URL, wherever it is", () => {
    const vcon = testVcon();
    vcon.dialog[0] = { ...vcon.dialog[0], url: "not-a-url" };
    vcon.analysis.push({ type: "transcript", vendor: "x", dialog: 0, url: "transcript.json" });
    vcon.attachments.push({ purpose: "slides", url: 42 });
    expect(importRefused(vcon).fields).toEqual({
      "dialog[0].url": 'must be an absolute URL like "https://example.com/call.wav", not a string ("not-a-url")',
      "analysis[0].url":
        'must be an absolute URL like "https://example.com/call.wav", not a string ("transcript.json")',
      "attachments[0].url": 'must be a URL string like "https://example.com/call.wav", not the number 42',
    });
    const placeholder = testVcon();
    placeholder.dialog[0] = { ...placeholder.dialog[0], url: "not_a_valid_url_$$##" };
    expect(importRefused(placeholder).error).toMatch(
      /dialog\[0\]\.url must be an absolute URL.*not_a_valid_url_\$\$##/,
    );
  });

  it("accepts https, other schemes producers use (s3), signed query strings and a missing URL", () => {
    const vcon = testVcon();
    vcon.dialog[0] = {
      ...vcon.dialog[0],
      url: "https://bucket.s3.amazonaws.com/a.mp3?X-Amz-Signature=ab%2Fc&Expires=1710570916",
    };
    vcon.dialog.push({
      type: "recording",
      parties: [0, 1],
      mediatype: "audio/x-wav",
      url: "s3://bucket/recording.wav",
    });
    vcon.analysis.push({
      type: "wtf_transcription",
      vendor: "youtube",
      dialog: 0,
      url: "https://github.com/o/r/releases/download/t/x.wtf.json",
      mediatype: "application/json",
    });
    vcon.attachments.push({ purpose: "agenda", url: null }, { purpose: "minutes", url: "" });
    expect(importOk(vcon).vendorCallId).toBe(testVcon().uuid);
  });
});

describe("what is not a call", () => {
  it("refuses an unfilled skeleton (empty uuid and version), saying they are empty", () => {
    const { error, fields } = importRefused({
      uuid: "",
      vcon: "",
      meta: {},
      parties: [],
      dialog: [],
      analysis: [],
      created_at: "",
    });
    expect(fields).toEqual({ uuid: "is empty", vcon: "is empty" });
    expect(error).toBe(
      "Not recognisable as a vCon: its `uuid` is empty and its `vcon` version is empty, so it names no conversation.",
    );
    expect(importRefused({ uuid: " ", parties: [] }).fields).toEqual({ uuid: "is empty", vcon: "is missing" });
  });

  it("does not take a Teams call record (the input of vcon-mcp's adapter) for a vCon", () => {
    const record = {
      id: "b8c2d4e6-1a3f-5c7d-9e0b-2d4f6a8c0e2a",
      type: "peerToPeer",
      participants: [{ user: { displayName: "Lisa Park" }, role: "organizer" }],
      sessions: [{ id: "sess-002", startDateTime: "2026-03-05T16:15:00Z" }],
      _simulated: { transcript: "Lisa Park: Hallo David." },
    };
    expect(isVconLike(record)).toBe(false);
    expect(importRefused(record).error).toMatch(/neither a `vcon` version nor a `uuid`/);
  });
});

describe("vcon-mcp's vCons", () => {
  it("imports a 0.3.0 vCon without uuid: content-hash id, 'Name: text' turns matched to parties, summary", () => {
    const vcon = {
      vcon: "0.3.0",
      created_at: "2026-03-06T09:15:00Z",
      subject: "Anna Schmidt ↔ Agent Jürgen Müller — Doppelte Abbuchung",
      parties: [
        { tel: "+4930123456", name: "Anna Schmidt", meta: { role: "customer" } },
        { tel: "+4989987654", name: "Agent Jürgen Müller", meta: { role: "agent" } },
      ],
      dialog: [
        { type: "text", start: "2026-03-06T09:15:00Z", duration: 342, parties: [0, 1], mediatype: "text/plain" },
      ],
      analysis: [
        {
          type: "transcript",
          vendor: "siprec-adapter",
          encoding: "none",
          dialog: 0,
          body: "Agent Jürgen Müller: Guten Tag!\n\nAnna Schmidt: Mir wurde doppelt abgebucht.",
        },
        { type: "sentiment", vendor: "keyword-heuristic", encoding: "json", body: '{"overall": 0.62}' },
        { type: "summary", vendor: "siprec-adapter", encoding: "none", body: "Doppelte Abbuchung erstattet." },
      ],
    };
    const call = importOk(vcon);
    expect(call.vendorCallId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(call.headline).toBe("Anna Schmidt ↔ Agent Jürgen Müller — Doppelte Abbuchung");
    expect(call.summary).toBe("Doppelte Abbuchung erstattet.");
    expect(call.transcript.map((s) => [s.speaker, s.speakerRole])).toEqual([
      ["Agent Jürgen Müller", "agent"],
      ["Anna Schmidt", "caller"],
    ]);
    expect(call.durationSeconds).toBe(342);
  });
});
