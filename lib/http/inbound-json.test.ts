import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { MAX_JSON_DEPTH, parseInboundJson } from "./inbound-json";

const accepted = (text: string) => {
  const result = parseInboundJson(text);
  if (!result.ok) throw new Error(result.error);
  return result;
};

// Strings of any UTF-16 code units: lone surrogates and NUL included.
const anyString = fc.string({ unit: fc.nat(0xffff).map((c) => String.fromCharCode(c)) });
const hasLoneSurrogate = (s: string) =>
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe("parseInboundJson", () => {
  it("passes clean JSON through with its exact text", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 10 }), (value) => {
        const text = JSON.stringify(value);
        const result = accepted(text);
        expect(result.text).toBe(text);
        expect(result.isCleaned).toBe(false);
        expect(result.value).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it("removes NUL and replaces lone surrogates in every string and key, escaped or raw, and nothing else", () => {
    fc.assert(
      fc.property(anyString, anyString, fc.boolean(), (key, value, isRaw) => {
        const text = isRaw
          ? `{"${key.replace(/["\\\u0000-\u001f]/g, "")}": ["${value.replace(/["\\\u0000-\u001f]/g, "")}", 12345678901234567890]}`
          : JSON.stringify({ [key]: [value, 1] });
        const result = accepted(text);
        expect(result.text).not.toMatch(/\u0000|\\u0000/);
        expect(hasLoneSurrogate(result.text)).toBe(false);
        expect(JSON.stringify(result.value)).not.toMatch(/\\u0000|\\ud[89a-f]/i);
        // The numbers keep their spelling: 12345678901234567890 is not rounded to a double.
        if (isRaw) expect(result.text).toContain("12345678901234567890");
      }),
      { numRuns: 1000 },
    );
    expect(accepted('{"a\\u0000b": "x\\u0000y\\ud800z\\ud83d\\ude00"}').value).toEqual({ ab: "xy\uFFFDz\u{1F600}" });
    expect(accepted('"\\\\u0000"').value).toBe("\\u0000"); // an escaped backslash, not a NUL
  });

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH} levels, naming where, without overflowing the stack`, () => {
    expect(accepted(`${"[".repeat(MAX_JSON_DEPTH)}${"]".repeat(MAX_JSON_DEPTH)}`).ok).toBe(true);
    const deep = parseInboundJson(`{"call":${'{"a":'.repeat(10_000)}1${"}".repeat(10_001)}`);
    expect(deep).toMatchObject({ ok: false, reason: "depth", field: expect.stringMatching(/^call\.a\.a\./) });
    expect(parseInboundJson(`${"[".repeat(500_000)}${"]".repeat(500_000)}`)).toMatchObject({
      ok: false,
      reason: "depth",
      field: expect.stringMatching(/^0\.0\.0/),
    });
  });

  it("refuses numbers JavaScript or PostgreSQL cannot hold, naming the field", () => {
    for (const n of [
      "1e999999",
      "-1e999999",
      "1e-999999",
      "1e400",
      `0.${"0".repeat(20_000)}1`,
      `1.${"0".repeat(200)}`,
    ]) {
      expect(parseInboundJson(`{"call":{"duration":${n}},"b":1}`), n.slice(0, 20)).toMatchObject({
        ok: false,
        reason: "number",
        field: "call.duration",
      });
    }
    expect(parseInboundJson(`[1, 2, 1e999]`)).toMatchObject({ ok: false, field: "2" });
    expect(accepted(`{"a": [0, -0, 0.0, 0e10, 1e-300, 1.7976931348623157e308, -2147483649]}`).ok).toBe(true);
  });

  it("refuses text that is not JSON with the parser's reason, cleaned", () => {
    const result = parseInboundJson('{"a": 1}\u0000');
    expect(result).toMatchObject({ ok: false, reason: "syntax", field: "_" });
    if (!result.ok) expect(result.error).not.toContain("\u0000");
  });
});
