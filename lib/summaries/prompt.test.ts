import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";

import {
  buildMessages,
  formatTranscript,
  parseSummaryAnswer,
  summaryJsonSchema,
  TRANSCRIPT_CHAR_LIMIT,
} from "./prompt";
import type { SummaryInput } from "./types";

const input = (overrides: Partial<SummaryInput> = {}): SummaryInput => ({
  transcript: [
    {
      speaker: "Anna Weber",
      speakerRole: "caller",
      startMs: 3_000,
      text: "Guten Tag, ich habe eine Frage zur Rechnung 4711.",
    },
    { speakerRole: "agent", startMs: 65_500, text: "Gern, ich  sehe\nnach." },
    { text: "Danke." },
  ],
  call: {
    direction: "inbound",
    startedAt: new Date("2024-05-02T08:15:00Z"),
    durationSeconds: 205,
    parties: [
      { role: "caller", name: "Anna Weber", number: "+49 30 1234567" },
      { role: "callee", number: "+49 89 7654321" },
    ],
    language: "de-DE",
    channel: "phone",
  },
  instructions: "Mention the invoice number in the headline.",
  ...overrides,
});

const messagesOf = (overrides: Partial<SummaryInput> = {}) => {
  const [system, user, ...rest] = buildMessages(input(overrides));
  expect(rest).toEqual([]);
  expect(system?.role).toBe("system");
  expect(user?.role).toBe("user");
  return { system: system?.content ?? "", user: user?.content ?? "" };
};

describe("buildMessages", () => {
  it("explains the task and the JSON shape in the system message", () => {
    const { system } = messagesOf();
    expect(system).toMatch(/summarise phone call transcripts for a business inbox/);
    expect(system).toMatch(/Answer only with a JSON object/);
    for (const key of ["headline", "summary", "actionItems", "tags", "language"]) expect(system).toContain(`- ${key}:`);
    expect(system).toMatch(/at most 80 characters/);
    expect(system).toMatch(/at most 5 lowercase/);
  });

  it("gives the organisation's instructions under their own heading", () => {
    const { system } = messagesOf();
    expect(system).toContain("Instructions from the organisation:\nMention the invoice number in the headline.");
    expect(system).not.toContain("Instructions for this call");
  });

  it("puts the per-call instructions after the organisation's and says they take precedence", () => {
    const { system } = messagesOf({ overrideInstructions: "  Only list action items for the billing team. " });
    const organisation = system.indexOf("Instructions from the organisation:");
    const call = system.indexOf("Instructions for this call");
    expect(organisation).toBeGreaterThan(-1);
    expect(call).toBeGreaterThan(organisation);
    expect(system.slice(call)).toMatch(
      /^Instructions for this call \(they take precedence over the organisation's instructions[^\n]*\):\nOnly list action items for the billing team\.$/m,
    );
  });

  it("leaves out empty instruction headings", () => {
    const { system } = messagesOf({ instructions: "  ", overrideInstructions: "" });
    expect(system).not.toContain("Instructions from the organisation");
    expect(system).not.toContain("Instructions for this call");
  });

  it("asks for the call's own language unless a language is set", () => {
    expect(messagesOf().system).toContain("in the language of the call");
    const { system } = messagesOf({ language: "de" });
    expect(system).toContain("in German (de), whatever language the call was in");
    expect(system).not.toContain("in the language of the call");
    expect(messagesOf({ language: "not a tag!" }).system).toContain("in not a tag!,");
  });

  it("states the call facts and the transcript in the user message", () => {
    const { user } = messagesOf();
    expect(user).toContain("- Direction: inbound");
    expect(user).toContain("- Started: 2024-05-02T08:15:00.000Z");
    expect(user).toContain("- Duration: 3 min 25 s");
    expect(user).toContain("- Caller: Anna Weber, +49 30 1234567");
    expect(user).toContain("- Callee: +49 89 7654321");
    expect(user).toContain("- Channel: phone");
    expect(user).toContain(
      "Transcript:\n[00:03] Anna Weber: Guten Tag, ich habe eine Frage zur Rechnung 4711.\n[01:05] Agent: Gern, ich sehe nach.\nSpeaker: Danke.",
    );
  });

  it("copes with unknown duration, missing channel and an empty transcript", () => {
    const base = input();
    const { user } = messagesOf({
      transcript: [],
      call: { ...base.call, durationSeconds: null, channel: null, parties: [] },
    });
    expect(user).toContain("- Duration: unknown");
    expect(user).not.toContain("Channel");
    expect(user).toContain("Transcript:\n(The transcript is empty.)");
  });
});

describe("formatTranscript", () => {
  it("keeps the beginning and the end of a long call and says how much is left out", () => {
    const transcript = Array.from({ length: 3_000 }, (_, i) => ({
      speaker: i % 2 ? "Agent" : "Caller",
      startMs: i * 10_000,
      text: `segment ${i} ${"x".repeat(60)}`,
    }));
    const text = formatTranscript(transcript);
    expect(text.length).toBeLessThanOrEqual(TRANSCRIPT_CHAR_LIMIT + 100);
    expect(text.length).toBeGreaterThan(TRANSCRIPT_CHAR_LIMIT * 0.9);
    expect(text.startsWith("[00:00] Caller: segment 0 ")).toBe(true);
    expect(text).toContain("[499:50] Agent: segment 2999 ");
    const marker = text.match(/\[… (\d+) segments left out …\]/);
    const kept = text.split("\n").length - 1;
    expect(Number(marker?.[1])).toBe(3_000 - kept);
  });

  it("shortens one giant segment instead of dropping everything", () => {
    const text = formatTranscript([
      { speaker: "Caller", text: "a".repeat(300_000) },
      { speaker: "Agent", text: "Bye." },
    ]);
    expect(text.length).toBeLessThanOrEqual(TRANSCRIPT_CHAR_LIMIT);
    expect(text).toMatch(/^Caller: a+…\nAgent: Bye\.$/);
  });
});

describe("parseSummaryAnswer", () => {
  const answer = {
    headline: "Invoice",
    summary: "She asked.",
    actionItems: ["Call back"],
    tags: ["Billing"],
    language: "EN",
  };

  it("accepts plain JSON and JSON in fences, normalising tags and language", () => {
    const expected = { ...answer, tags: ["billing"], language: "en" };
    expect(parseSummaryAnswer(JSON.stringify(answer))).toEqual(expected);
    expect(parseSummaryAnswer("```json\n" + JSON.stringify(answer) + "\n```")).toEqual(expected);
    expect(parseSummaryAnswer(`<think>hmm</think>Here you are: ${JSON.stringify(answer)}`)).toEqual(expected);
  });

  it("defaults missing lists and language, caps headline and tags", () => {
    const output = parseSummaryAnswer(
      JSON.stringify({
        headline: ` ${"h".repeat(250)} `,
        summary: "s",
        tags: Array.from({ length: 12 }, (_, i) => `t${i}`),
      }),
    );
    expect(output.headline).toBe("h".repeat(200));
    expect(output.actionItems).toEqual([]);
    expect(output.tags).toHaveLength(8);
    expect(output.language).toBeNull();
  });

  it("says what is wrong with an unusable answer", () => {
    expect(() => parseSummaryAnswer("Sure, the caller wanted help.")).toThrow(
      "The model's answer was not valid JSON: Sure, the caller wanted help.",
    );
    expect(() => parseSummaryAnswer(JSON.stringify({ ...answer, summary: " " }))).toThrow(
      "The model's answer lacks summary",
    );
    expect(() => parseSummaryAnswer(JSON.stringify({ summary: "s" }))).toThrow("The model's answer lacks headline");
    expect(() => parseSummaryAnswer(JSON.stringify({ ...answer, tags: "billing" }))).toThrow(/unusable tags/);
  });

  it("accepts what the JSON schema given to the model allows, and returns what it describes", () => {
    // Strict structured outputs refuse a schema whose properties are not all required.
    expect(Object.keys(summaryJsonSchema.properties).sort()).toEqual([...summaryJsonSchema.required].sort());
    const validate = new Ajv().compile(summaryJsonSchema);
    const modelAnswer = { ...answer, language: null };
    expect(validate(modelAnswer)).toBe(true);
    expect(validate(parseSummaryAnswer(JSON.stringify(modelAnswer)))).toBe(true);
    expect(validate({ ...answer, extra: 1 })).toBe(false);
  });
});
