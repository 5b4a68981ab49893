import { describe, expect, it } from "vitest";

import { findInLines, foldText, splitByRanges } from "./transcript-find";
import { formatOffset, toTranscriptLines } from "./transcript-lines";

const segment = (
  seq: number,
  speaker: string | null,
  speakerRole: "caller" | "callee" | "agent" | "assistant" | null,
  text = "…",
  startMs: number | null = null,
) => ({
  seq,
  speaker,
  speakerRole,
  startMs,
  text,
});

describe("toTranscriptLines", () => {
  it("puts the organisation's side on the right, by role and direction", () => {
    const segments = [
      segment(0, "caller", "caller"),
      segment(1, "callee", "callee"),
      segment(2, "Bot", "assistant"),
      segment(3, "Eva", "agent"),
    ];
    expect(toTranscriptLines(segments, "inbound", []).map((l) => l.side)).toEqual(["left", "right", "right", "right"]);
    // Calling out, the organisation is the caller.
    expect(toTranscriptLines(segments, "outbound", []).map((l) => l.side)).toEqual(["right", "left", "right", "right"]);
  });

  it("alternates speakers without a role by name, and keeps a name on the side it had with a role", () => {
    const lines = toTranscriptLines(
      [segment(0, "Anna", null), segment(1, "Jörg", null), segment(2, "Anna", null), segment(3, "Kim", null)],
      "unknown",
      [],
    );
    expect(lines.map((l) => l.side)).toEqual(["left", "right", "left", "left"]);
    const mixed = toTranscriptLines([segment(0, "Eva", null), segment(1, "Eva", "agent")], "inbound", []);
    expect(mixed.map((l) => l.side)).toEqual(["right", "right"]);
  });

  it("names a speaker by name, else by the party of that role, else by the role", () => {
    const lines = toTranscriptLines(
      [segment(0, "caller", "caller"), segment(1, "callee", "callee"), segment(2, null, null)],
      "inbound",
      [{ role: "caller", name: "Anna Schmidt" }],
    );
    expect(lines.map((l) => l.speaker)).toEqual(["Anna Schmidt", "Callee", "Unknown speaker"]);
  });

  it("shows offsets as mm:ss, and h:mm:ss from an hour on", () => {
    expect([0, 5_000, 65_999, 3_599_000, 3_748_500].map(formatOffset)).toEqual([
      "00:00",
      "00:05",
      "01:05",
      "59:59",
      "1:02:28",
    ]);
    expect(toTranscriptLines([segment(0, "a", null, "x", null)], "inbound", [])[0]?.time).toBeNull();
  });
});

describe("find in transcript", () => {
  const lines = ["Grüße aus MÜNCHEN", "Wir sprechen über München und münchen", "Nothing here"].map(foldText);

  it("matches ignoring case and accents, in reading order", () => {
    const found = findInLines(lines, "Munchen");
    expect(found.order).toEqual([
      { line: 0, start: 10 },
      { line: 1, start: 18 },
      { line: 1, start: 30 },
    ]);
    expect(findInLines(lines, "GRÜẞE aus").order).toEqual([{ line: 0, start: 0 }]);
    expect(findInLines(lines, "   ").order).toEqual([]);
  });

  it("maps matches back onto the original text, also when it was written decomposed", () => {
    const decomposed = "Mu\u0308ller sagt ja";
    const found = findInLines([foldText(decomposed)], "muller");
    const pieces = splitByRanges(decomposed, found.byLine.get(0) ?? []);
    expect(pieces).toEqual([
      { text: "Mu\u0308ller", start: 0, isMatch: true },
      { text: " sagt ja", start: 7, isMatch: false },
    ]);
    const text = "Grüße aus MÜNCHEN";
    expect(
      splitByRanges(text, findInLines([foldText(text)], "münchen").byLine.get(0) ?? []).find((p) => p.isMatch)?.text,
    ).toBe("MÜNCHEN");
  });
});
