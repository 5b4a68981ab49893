import { describe, expect, it } from "vitest";

import { importOk, importRefused, testVcon, transcriptAnalysis } from "./test-vcon";

// The variants users and producers really send, on top of the public fixtures.

describe("tolerated variants", () => {
  it("imports a vCon with nothing but a version and a uuid", () => {
    const call = importOk({ vcon: "0.4.0", uuid: "only-an-id" });
    expect(call).toMatchObject({
      vendorCallId: "only-an-id",
      direction: "unknown",
      parties: [],
      transcript: [],
      tags: [],
    });
    expect(call.startedAt).toBeUndefined();
  });

  it("ignores unknown fields at every level", () => {
    const plain = importOk(testVcon());
    const noisy = testVcon();
    noisy.x_crm = { id: 7 };
    noisy.extensions = ["lawful_basis"];
    noisy.parties[0] = { ...noisy.parties[0], civicaddress: { country: "DE" }, x: null };
    noisy.dialog[0] = { ...noisy.dialog[0], session_id: { local: "a", remote: "b" }, party_history: [] };
    noisy.attachments.push({ purpose: "lawful_basis", encoding: "json", body: '{"lawful_basis":"consent"}' });
    expect(importOk(noisy)).toEqual(plain);
  });

  it("maps parties: tel and mailto schemes stripped, numeric extension, role words, position", () => {
    const vcon = testVcon();
    vcon.parties = [
      { tel: "tel:+4930123456", mailto: "mailto:anna@example.de", name: "Anna" },
      { sip: "sip:+4989987654@pbx.example.de", extension: 21, meta: { role: "Virtual_Agent" } },
      { name: "Third" },
    ];
    vcon.dialog[0] = { ...vcon.dialog[0], parties: [2, 0, 1] };
    expect(importOk(vcon).parties).toEqual([
      { role: "callee", number: "+4930123456", email: "anna@example.de", name: "Anna" },
      { role: "assistant", number: "+4989987654", extension: "21" },
      { role: "caller", name: "Third" },
    ]);
  });

  it("reads the direction from meta, a dialog, a vendor attachment, or who started the call", () => {
    const stated = (patch: (v: ReturnType<typeof testVcon>) => void) => {
      const vcon = testVcon();
      patch(vcon);
      return importOk(vcon).direction;
    };
    expect(stated((v) => (v.meta = { direction: "Incoming" }))).toBe("inbound");
    expect(stated((v) => (v.dialog[0] = { ...v.dialog[0], meta: { direction: "internal" } }))).toBe("internal");
    expect(stated((v) => v.attachments.push({ type: "pbx_call", encoding: "json", body: '{"direction":"out"}' }))).toBe(
      "outbound",
    );
    expect(stated(() => {})).toBe("inbound");
    expect(stated((v) => (v.dialog[0] = { ...v.dialog[0], parties: [1, 0] }))).toBe("outbound");
    expect(stated((v) => (v.parties = [{ name: "A" }, { name: "B" }]))).toBe("unknown");
  });

  it("keeps German and French text intact and matches names written in another Unicode form", () => {
    const vcon = testVcon();
    const decomposed = "Ju\u0308rgen Mu\u0308ller";
    vcon.analysis.push(
      transcriptAnalysis(
        `Anna Schmidt: Grüß Gott, ich hätte eine Frage zur Rechnung.\n\n${decomposed}: Natürlich, worum geht's genau?`,
      ),
      {
        type: "summary",
        vendor: "test",
        body: "La cliente a demandé une révision de sa facture ; l'agent l'a déjà effectuée.",
      },
    );
    const call = importOk(vcon);
    expect(call.transcript).toEqual([
      { speaker: "Anna Schmidt", speakerRole: "caller", text: "Grüß Gott, ich hätte eine Frage zur Rechnung." },
      { speaker: decomposed, speakerRole: "agent", text: "Natürlich, worum geht's genau?" },
    ]);
    expect(call.summary).toBe("La cliente a demandé une révision de sa facture ; l'agent l'a déjà effectuée.");
    expect(call.parties[1]?.name).toBe("Jürgen Müller");
  });

  it("reads timestamps without a zone as UTC, and offsets, spaces and microseconds as written", () => {
    const at = (start: string) => {
      const vcon = testVcon();
      vcon.dialog[0] = { ...vcon.dialog[0], start };
      return importOk(vcon).startedAt?.toISOString();
    };
    expect(at("2025-01-15T10:00:00")).toBe("2025-01-15T10:00:00.000Z");
    expect(at("2025-01-15T12:00:00+02:00")).toBe("2025-01-15T10:00:00.000Z");
    expect(at("2025-01-15 10:00:00.123456")).toBe("2025-01-15T10:00:00.123Z");
    expect(at("Wed, 15 Jan 2025 10:00:00 +0000")).toBe("2025-01-15T10:00:00.000Z");
  });

  it("decodes bodies by what they are: stringified JSON under any label, text that only looks like JSON", () => {
    const turns = [
      { speaker: "Anna Schmidt", message: "Hallo?" },
      { speaker: "Jürgen Müller", message: "Guten Tag!" },
    ];
    const lines = (analysis: Record<string, unknown>) => {
      const vcon = testVcon();
      vcon.analysis.push(analysis);
      return importOk(vcon).transcript.map((s) => `${s.speaker ?? "-"}|${s.text}`);
    };
    const expected = ["Anna Schmidt|Hallo?", "Jürgen Müller|Guten Tag!"];
    expect(lines(transcriptAnalysis(JSON.stringify(turns), { encoding: "json" }))).toEqual(expected);
    expect(lines(transcriptAnalysis(JSON.stringify(JSON.stringify(turns)), { encoding: "json" }))).toEqual(expected);
    expect(lines(transcriptAnalysis(JSON.stringify(turns), { encoding: "none" }))).toEqual(expected);
    expect(lines(transcriptAnalysis(turns, { encoding: "none" }))).toEqual(expected);
    expect(
      lines(transcriptAnalysis(Buffer.from(JSON.stringify(turns)).toString("base64url"), { encoding: "base64url" })),
    ).toEqual(expected);
    expect(lines(transcriptAnalysis("[laughs] Hallo, wer ist da?", { encoding: "json" }))).toEqual([
      "-|[laughs] Hallo, wer ist da?",
    ]);
  });

  it("reads summary, headline, note, tags and generic action items from other vendors", () => {
    const vcon = testVcon();
    vcon.subject = "Rechnung Januar";
    vcon.tags = ["vip"];
    vcon.analysis.push(
      { type: "summary", vendor: "acme", encoding: "json", body: '{"summary":"Rechnung geklärt."}' },
      {
        type: "action_items",
        vendor: "acme",
        body: ["Gutschrift buchen", { description: "Kundin anrufen", completed: true }],
      },
    );
    vcon.attachments.push({ purpose: "tags", encoding: "json", body: '["team:support","priority:high"]' });
    const call = importOk(vcon);
    expect(call.summary).toBe("Rechnung geklärt.");
    expect(call.headline).toBe("Rechnung Januar");
    expect(call.tags).toEqual(["team:support", "priority:high", "vip"]);
    expect(call.actionItems).toEqual([
      { text: "Gutschrift buchen", isDone: false },
      { text: "Kundin anrufen", isDone: true },
    ]);
  });

  it("cuts over-long values to the model's limits instead of refusing the call", () => {
    const vcon = testVcon();
    vcon.parties = Array.from({ length: 120 }, (_, i) => ({ name: `${"N".repeat(300)}${i}`, tel: `+49301234${i}` }));
    vcon.dialog[0] = { ...vcon.dialog[0], parties: [0, 1] };
    vcon.analysis.push(transcriptAnalysis([{ speaker: "A", text: "x".repeat(150_000) }]), {
      type: "summary",
      vendor: "t",
      body: "s".repeat(120_000),
    });
    const call = importOk(vcon);
    expect(call.parties).toHaveLength(100);
    expect(call.parties[0]?.name).toHaveLength(200);
    expect(call.summary).toHaveLength(100_000);
    expect(call.transcript.map((s) => s.text.length)).toEqual([100_000, 50_000]);
  });

  it("imports a two-hour, 2,000-line transcript completely and quickly", () => {
    const vcon = testVcon();
    vcon.dialog[0] = { ...vcon.dialog[0], duration: 7200 };
    const segments = Array.from({ length: 2000 }, (_, i) => ({
      id: i,
      start: i * 3.6,
      end: i * 3.6 + 3.2,
      speaker: i % 2,
      text: `Satz ${i}: Können Sie mir bitte die Vertragsnummer für den Änderungsauftrag nennen?`,
      confidence: 0.93,
    }));
    const wtf = {
      transcript: { text: "…", language: "de-DE", duration: 7200 },
      segments,
      metadata: { provider: "whisper" },
    };
    vcon.analysis.push({
      type: "wtf_transcription",
      dialog: 0,
      vendor: "whisper",
      encoding: "json",
      body: JSON.stringify(wtf),
    });
    const began = performance.now();
    const call = importOk(vcon);
    // A generous bound: it catches accidental quadratic work, it is not a benchmark.
    expect(performance.now() - began).toBeLessThan(2000);
    expect(call.transcript).toHaveLength(2000);
    expect(call.transcript[1999]).toMatchObject({
      speaker: "Jürgen Müller",
      speakerRole: "agent",
      startMs: 7_196_400,
      endMs: 7_199_600,
    });
    expect(call.language).toBe("de-DE");
    expect(call.durationSeconds).toBe(7200);
  });
});

describe("refusals", () => {
  it("refuses signed and encrypted vCons in every serialisation, asking for the plain form", () => {
    const signed = [
      { payload: "eyJ1dWlkIjoiMSJ9", signatures: [{ protected: "e30", signature: "c2ln" }] },
      { payload: "eyJ1dWlkIjoiMSJ9", protected: "e30", signature: "c2ln" },
      "eyJhbGciOiJSUzI1NiJ9.eyJ1dWlkIjoiMSJ9.c2ln",
    ];
    for (const body of signed)
      expect(importRefused(body).error).toMatch(/signed vCon \(JWS.*not accepted.*plain, unsigned vCon/);
    const encrypted = [
      { protected: "e30", ciphertext: "Y2lwaGVy", iv: "aXY", tag: "dGFn", recipients: [{ encrypted_key: "a2V5" }] },
      { protected: "e30", ciphertext: "Y2lwaGVy", iv: "aXY", tag: "dGFn", encrypted_key: "a2V5" },
      "eyJlbmMiOiJBMjU2R0NNIn0.a2V5.aXY.Y2lwaGVy.dGFn",
    ];
    for (const body of encrypted)
      expect(importRefused(body).error).toMatch(/encrypted vCon \(JWE.*not accepted.*plain vCon/);
  });

  it("refuses what is not a JSON object", () => {
    for (const body of [null, [], "hello", 3]) expect(importRefused(body).error).toMatch(/expected a JSON object/);
  });

  it("names every malformed field and reference", () => {
    const vcon = testVcon();
    vcon.dialog.push({
      type: "text",
      start: "yesterday",
      duration: -3,
      parties: ["1", [0, 4]],
      originator: 1.5,
      body: "Hi",
    });
    vcon.analysis.push({ type: "summary", vendor: "t", dialog: [0, 9], body: "x", mediatype: 7 });
    vcon.attachments.push({ purpose: "notes", party: 2, dialog: 5, body: "x" });
    const { error, fields } = importRefused(vcon);
    expect(fields).toEqual({
      "dialog[1].start": expect.stringContaining("must be a date-time"),
      "dialog[1].duration": "must not be negative (got -3)",
      "dialog[1].parties[0]": 'must be a party index (a whole number from 0), not a string ("1")',
      "dialog[1].parties[1][1]": "refers to party 4, but the vCon has only 2 parties (indices 0–1)",
      "dialog[1].originator": "must be a party index (a whole number from 0), not the number 1.5",
      "analysis[0].dialog[1]": "refers to dialog 9, but the vCon has only 2 dialogs (indices 0–1)",
      "analysis[0].mediatype": expect.stringContaining("must be a media type string"),
      "attachments[0].party": "refers to party 2, but the vCon has only 2 parties (indices 0–1)",
    });
    expect(error).toMatch(/^The vCon is not valid: dialog\[1\]\.start must be a date-time/);
    expect(error).toMatch(/\(and 3 more\)\.$/);
  });

  it("accepts materials that point at a dialog the vCon does not have (as ietf2vcon writes them)", () => {
    const vcon = { ...testVcon(), dialog: [] };
    vcon.attachments.push({ purpose: "agenda", party: 0, dialog: 0, url: "https://example.org/agenda.pdf" });
    expect(importOk(vcon).vendorCallId).toBe(testVcon().uuid);
  });

  it("refuses lists that are not arrays of objects, and a uuid that is not a string", () => {
    expect(importRefused({ ...testVcon(), parties: { 0: { name: "A" } } }).fields).toEqual({
      parties: "must be an array of parties, not an object",
    });
    expect(importRefused({ ...testVcon(), attachments: null }).fields).toEqual({
      attachments: "must be an array of attachments, not null",
    });
    expect(importRefused({ ...testVcon(), dialog: ["recording"] }).fields).toEqual({
      "dialog[0]": 'must be an object (a dialog), not a string ("recording")',
    });
    expect(importRefused({ ...testVcon(), uuid: { id: 1 } }).fields).toEqual({ uuid: "must be a string" });
  });
});

describe("the IETF meeting vCons (ietf2vcon)", () => {
  // Shape of the thousands of public IETF meeting vCons: three parties, the recording lists a
  // fourth index for the audience, the transcript is stringified WTF JSON.
  const meeting = (dialogParties: number[]) => ({
    vcon: "0.4.0",
    uuid: "019ff227-e67c-8926-9dd8-dd37220d739c",
    subject: "IETF 126 - 6LO Working Group Session",
    parties: [
      { name: "Shwetha Bhandari", mailto: "shwetha@example.com", role: "chair" },
      { name: "Carles Gomez", mailto: "carles@example.edu", role: "chair" },
      { name: "IETF Attendees", role: "attendee" },
    ],
    dialog: [
      {
        type: "recording",
        start: "2026-07-21T09:00:00+00:00",
        parties: dialogParties,
        mediatype: "video/mp4",
        url: "https://youtu.be/x",
        duration: 5400,
      },
    ],
    attachments: [
      { purpose: "meeting_metadata", encoding: "json", body: '{"room":"Park Suite 7"}', party: 0, dialog: 0 },
    ],
    analysis: [
      {
        type: "wtf_transcription",
        dialog: 0,
        vendor: "youtube",
        encoding: "json",
        body: JSON.stringify({
          transcript: { text: "Hello everyone. Welcome to the meeting of the six low working group." },
          segments: [
            { start: 0.5, end: 4.2, text: "Hello everyone." },
            { start: 4.2, end: 9.8, text: "Welcome to the meeting of the six low working group." },
          ],
        }),
      },
    ],
  });

  it("imports them: the audience index one past the parties names nobody and is ignored", () => {
    const call = importOk(meeting([0, 1, 2, 3]));
    expect(call.parties.map((p) => p.name)).toEqual(["Shwetha Bhandari", "Carles Gomez", "IETF Attendees"]);
    expect(call.headline).toBe("IETF 126 - 6LO Working Group Session");
    expect(call.durationSeconds).toBe(5400);
    expect(call.transcript.map((s) => s.text)).toEqual([
      "Hello everyone.",
      "Welcome to the meeting of the six low working group.",
    ]);
  });

  it("still refuses references further out, or in the middle of the list", () => {
    expect(importRefused(meeting([0, 1, 2, 4])).fields).toHaveProperty(["dialog[0].parties[3]"]);
    expect(importRefused(meeting([0, 3, 1, 2])).fields).toHaveProperty(["dialog[0].parties[1]"]);
  });
});
