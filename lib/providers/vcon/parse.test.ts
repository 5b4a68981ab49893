import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

import type { NormalisedCall, ParseResult } from "@/lib/calls/model";

import { isVconLike, parseVcon } from "./parse";

// The real public vCon files in fixtures/: every plain one in dev/ imports with the transcript
// and summary it carries, every one in invalid/ is refused with a reason that names the fault.

const fixtures = path.join(import.meta.dirname, "fixtures");
const load = (dir: string, file: string): unknown => JSON.parse(readFileSync(path.join(fixtures, dir, file), "utf8"));
const devFiles = readdirSync(path.join(fixtures, "dev")).sort();
const invalidFiles = readdirSync(path.join(fixtures, "invalid")).sort();

// dev/ also holds the IETF draft's signed and encrypted examples; those must be refused.
const wrapped = new Set(["ab_call_ext_rec_signed.vcon", "ab_call_ext_rec_encrypted.vcon"]);

function imported(file: string): NormalisedCall {
  const result = parseVcon(load("dev", file));
  if (!result.ok) throw new Error(`${file} was refused: ${result.error}`);
  return result.call;
}

function refused(result: ParseResult): { error: string; fields: Record<string, string> } {
  if (result.ok) throw new Error("expected a refusal");
  return { error: result.error, fields: result.fields ?? {} };
}

// Just enough of a fixture to state what the importer should find in it.
const fixtureView = z.looseObject({
  uuid: z.unknown().optional(),
  analysis: z.array(z.looseObject({ type: z.unknown().optional(), body: z.unknown().optional() })).optional(),
});

/** The summary analysis as the file states it, read straight from the JSON. */
function fileSummary(body: unknown): string | undefined {
  const summary = fixtureView.parse(body).analysis?.find((a) => a.type === "summary" && typeof a.body === "string");
  return typeof summary?.body === "string" ? summary.body.trim() : undefined;
}

// Segment counts read off each file by hand: list bodies have one line per item, text bodies one
// per paragraph, Deepgram results one per paragraph, Whisper one per segment, chats one per message.
const expectedSegments: Record<string, number> = {
  "02971763-6410-4ee0-b16c-04d11a18b222.vcon.json": 11,
  "0374d13c-529d-4f7c-9ab5-f02cac9e96cf.vcon.json": 13,
  "05cec3d4-0561-4010-9fb8-23cc7edef146.vcon.json": 11,
  "0c9e5a11-7527-4119-ba52-9692aec6e587.vcon.json": 13,
  "380d7984-3e34-42c6-9a9c-3ea93a288d4e.vcon.json": 10,
  "7f0a861c-7afc-41e1-a0b7-d760f275c733.vcon.json": 11,
  "87613957-926d-4f49-8c82-17a1f6b19e85.vcon.json": 8,
  "8bf46dff-9a06-4508-b6fc-44197baeb7d6.vcon.json": 11,
  "ab_call_ext_rec.vcon": 0,
  "ab_call_ext_rec_0.0.1.vcon": 0,
  "ab_call_ext_rec_amended.vcon": 1,
  "ab_call_ext_rec_analysis.vcon": 4,
  "ab_call_ext_rec_redacted.vcon": 18,
  "ab_call_int_rec.vcon": 0,
  "ab_email_acct_prob_thread.vcon": 2,
  "ab_email_prob_followup_text_thread.vcon": 3,
  "afedada6-59bb-4c03-91ac-bdba97268238.vcon.json": 11,
  "example_deepgram_external_dialog.vcon": 62,
  "example_external_dialog.vcon": 141,
  "hello.vcon": 0,
  "inline-recording-output.vcon.json": 11,
  "pre_0.0.1_vcon_trans.vcon": 0,
  "the_first.vcon": 0,
  // Its transcript and diarized bodies are empty strings.
  "vcon_interop_public_vcon_interop_1_assets_call.vcon.json": 0,
};

describe("dev fixtures", () => {
  it("lists an expectation for every plain file", () => {
    expect(Object.keys(expectedSegments).sort()).toEqual(devFiles.filter((f) => !wrapped.has(f)));
  });

  it.each(devFiles.filter((f) => !wrapped.has(f)))("imports %s with its transcript and summary", (file) => {
    const body = load("dev", file);
    const call = imported(file);
    const { uuid } = fixtureView.parse(body);
    expect(call.vendorCallId).toEqual(typeof uuid === "string" ? uuid : expect.stringMatching(/^sha256:[0-9a-f]{64}$/));
    expect(call.transcript).toHaveLength(expectedSegments[file] ?? -1);
    expect(call.transcript.every((s) => s.text.trim() !== "")).toBe(true);
    expect(call.summary).toBe(fileSummary(body));
    expect(call.parties.length).toBeGreaterThan(0);
  });

  it("never fetches external recordings or analyses", () => {
    const fetch = vi.spyOn(globalThis, "fetch");
    for (const file of devFiles) parseVcon(load("dev", file));
    expect(fetch).not.toHaveBeenCalled();
    fetch.mockRestore();
  });

  it.each([...wrapped])("refuses the wrapped form %s", (file) => {
    expect(refused(parseVcon(load("dev", file))).error).toMatch(/not accepted.*send the plain/i);
  });
});

describe("dev fixtures in detail", () => {
  it("02971763: legacy names, a zone-less start, direction from dialog meta, Agent/Customer turns", () => {
    const call = imported("02971763-6410-4ee0-b16c-04d11a18b222.vcon.json");
    expect(call.direction).toBe("inbound");
    expect(call.startedAt?.toISOString()).toBe("2024-05-03T19:20:42.939Z");
    expect(call.durationSeconds).toBe(67);
    expect(call.endedAt?.toISOString()).toBe("2024-05-03T19:21:49.939Z");
    expect(call.parties).toEqual([
      { role: "agent", number: "+19665052766", name: "Brian Mitchell", email: "brian.mitchell@gym.com" },
      { role: "caller", number: "+19981076214", name: "Janet Davis", email: "janet.davis@gmail.com" },
    ]);
    expect(call.transcript[0]).toMatchObject({
      speaker: "Agent",
      speakerRole: "agent",
      text: expect.stringContaining("Prime Fitness"),
    });
    expect(call.transcript[1]).toMatchObject({
      speaker: "Customer",
      speakerRole: "caller",
      text: "Hi Brian, my name is Janet Davis.",
    });
    expect(call.vendorUpdatedAt?.toISOString()).toBe("2024-05-03T19:20:42.939Z");
  });

  it("afedada6: offset times, extension from meta, summary and language", () => {
    const call = imported("afedada6-59bb-4c03-91ac-bdba97268238.vcon.json");
    expect(call.startedAt?.toISOString()).toBe("2025-03-20T19:25:48.000Z");
    expect(call.durationSeconds).toBe(47);
    expect(call.direction).toBe("outbound");
    expect(call.language).toBe("en");
    expect(call.parties[1]).toEqual({
      role: "agent",
      number: "+11952511204",
      name: "Gerald Diaz",
      email: "gerald.diaz@cardealership.com",
      extension: "2212",
    });
    expect(call.transcript[1]?.text).toBe("Hi Gerald! My name is Melissa James.");
  });

  it("87613957: a chat of text dialogs, each line by its originator at its own time", () => {
    const call = imported("87613957-926d-4f49-8c82-17a1f6b19e85.vcon.json");
    expect(call.direction).toBe("inbound");
    expect(call.startedAt?.toISOString()).toBe("2025-03-07T20:07:54.000Z");
    expect(call.durationSeconds).toBe(25 * 60 + 36);
    expect(call.parties.map((p) => p.role)).toEqual(["agent", "caller"]);
    expect(call.transcript.map((s) => s.speakerRole)).toEqual([
      "caller",
      "agent",
      "caller",
      "agent",
      "caller",
      "agent",
      "caller",
      "agent",
    ]);
    expect(call.transcript[1]).toMatchObject({ speaker: "Gabriel Cook", startMs: 182_000 });
  });

  it("example_deepgram_external_dialog: two diarized voices become the dialog's two parties", () => {
    const call = imported("example_deepgram_external_dialog.vcon");
    expect(call.transcript[0]).toMatchObject({ speaker: "Dana", speakerRole: "caller", startMs: 800, endMs: 12_100 });
    expect(call.transcript[1]).toMatchObject({ speaker: "Carolyn Lake", speakerRole: "callee", startMs: 14_585 });
    // The dialog says 0 seconds; the transcript runs past nine minutes.
    expect(call.durationSeconds).toBeGreaterThan(9 * 60);
  });

  it("ab_call_ext_rec_analysis: one diarized voice for two parties stays an unnamed voice", () => {
    const call = imported("ab_call_ext_rec_analysis.vcon");
    expect(call.transcript[0]).toMatchObject({ speaker: "Speaker 0", startMs: 1200, endMs: 6320 });
    expect(call.transcript[0]?.speakerRole).toBeUndefined();
  });

  it("ab_call_ext_rec_redacted: wall-clock line times become offsets, party indices speakers", () => {
    const call = imported("ab_call_ext_rec_redacted.vcon");
    expect(call.transcript[0]).toEqual({
      speaker: "Alice",
      speakerRole: "caller",
      startMs: 1200,
      endMs: 1760,
      text: "Hello.",
    });
  });

  it("example_external_dialog: prefers Whisper's timed segments over word-by-word subtitles", () => {
    const call = imported("example_external_dialog.vcon");
    expect(call.transcript[0]).toEqual({ startMs: 1000, endMs: 2840, text: "You have reached the Asns of Oregon." });
    expect(call.language).toBe("en");
  });

  it("ab_email_acct_prob_thread: the text part of a MIME email, by its sender", () => {
    const call = imported("ab_email_acct_prob_thread.vcon");
    expect(call.headline).toBe("Account problem");
    expect(call.transcript[0]).toMatchObject({
      speaker: "Bob",
      text: "Alice:Please find the image attached.\n\nRegards,Bob",
    });
    expect(call.transcript.some((s) => /Content-Type|<html|boundary/i.test(s.text))).toBe(false);
  });

  it("pre-0.0.1 files without uuid get a stable content hash; RFC 2822 starts are read", () => {
    const first = imported("the_first.vcon");
    expect(imported("the_first.vcon").vendorCallId).toBe(first.vendorCallId);
    expect(imported("pre_0.0.1_vcon_trans.vcon").vendorCallId).not.toBe(first.vendorCallId);
    expect(first.startedAt?.toISOString()).toBe("2022-05-18T23:05:05.000Z");
    expect(first.parties).toEqual([
      { role: "caller", number: "+19175887311" },
      { role: "callee", number: "11361" },
    ]);
  });

  it("files sharing a uuid import as the same call, the later one with more in it", () => {
    const plain = imported("ab_call_ext_rec.vcon");
    const analysed = imported("ab_call_ext_rec_analysis.vcon");
    expect(analysed.vendorCallId).toBe(plain.vendorCallId);
    expect(plain.transcript).toHaveLength(0);
    expect(analysed.transcript.length).toBeGreaterThan(0);
    expect(imported("example_external_dialog.vcon").vendorCallId).toBe(
      imported("example_deepgram_external_dialog.vcon").vendorCallId,
    );
  });
});

// The fault each vcon-server invalid fixture was written to show, as field paths and wording.
const invalidExpectations: Record<string, { fields: string[]; message: RegExp }> = {
  "bad_dialog_types.json": {
    fields: ["dialog[0].duration", "dialog[0].mimetype", "dialog[0].parties[0]", "dialog[0].parties[1]"],
    message: /duration must be a number of seconds, not a string \("long"\)/,
  },
  "bad_party_ref.json": {
    fields: ["dialog[0].parties[1]"],
    message: /refers to party 99, but the vCon has only 2 parties/,
  },
  "missing_uuid_and_vcon_version.json": { fields: ["uuid", "vcon"], message: /neither a `vcon` version nor a `uuid`/ },
  "null_dialog_string_analysis.json": {
    fields: ["dialog", "analysis"],
    message: /dialog must be an array of dialogs, not null/,
  },
  "out_of_range_party_indices.json": {
    fields: ["dialog[0].parties[1]", "dialog[0].parties[2]", "dialog[0].originator"],
    message: /originator refers to party 7/,
  },
};

describe("invalid fixtures", () => {
  it("lists an expectation for every file", () => {
    expect(Object.keys(invalidExpectations).sort()).toEqual(invalidFiles);
  });

  it.each(invalidFiles)("refuses %s naming the fault", (file) => {
    const expected = invalidExpectations[file];
    const { error, fields } = refused(parseVcon(load("invalid", file)));
    expect(Object.keys(fields).sort()).toEqual([...(expected?.fields ?? [])].sort());
    expect(error).toMatch(expected?.message ?? /^$/);
  });
});

describe("isVconLike", () => {
  it("recognises every vCon, valid or not, signed and encrypted ones included", () => {
    for (const file of devFiles) expect(isVconLike(load("dev", file)), file).toBe(true);
    for (const file of invalidFiles) expect(isVconLike(load("invalid", file)), file).toBe(true);
  });

  it("does not take sipgate's JSON bundle or other JSON for a vCon", () => {
    const bundle = JSON.parse(
      readFileSync(path.join(import.meta.dirname, "../sipgate/fixtures/seed-000.json"), "utf8"),
    );
    expect(isVconLike(bundle)).toBe(false);
    for (const other of [null, "text", 42, [], {}, { uuid: "x" }, { call: { id: "1" }, parties: "none" }])
      expect(isVconLike(other)).toBe(false);
  });
});
