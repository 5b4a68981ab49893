import { describe, expect, it } from "vitest";

import { checkWav, silentWav, toBase64 } from "@/lib/flows/wav";

/** silentWav(500) with its header changed. */
function wavWith(change: (view: DataView, bytes: Uint8Array) => void): Uint8Array {
  const bytes = silentWav(500);
  change(new DataView(bytes.buffer), bytes);
  return bytes;
}

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

function errorOf(input: Uint8Array | string): string {
  const result = checkWav(input);
  if (result.ok) throw new Error("expected the WAV to be refused");
  return result.error;
}

describe("checkWav", () => {
  it("accepts 16 kHz mono 16-bit PCM as bytes", () => {
    expect(checkWav(silentWav(500))).toEqual({
      ok: true,
      info: { sampleRate: 16_000, channels: 1, bitsPerSample: 16, durationMs: 500 },
    });
  });

  it("accepts the same file as base64, also wrapped over several lines", () => {
    const base64 = toBase64(silentWav(500));
    expect(checkWav(base64)).toEqual({
      ok: true,
      info: { sampleRate: 16_000, channels: 1, bitsPerSample: 16, durationMs: 500 },
    });
    const wrapped = base64.replace(/(.{76})/g, "$1\n");
    expect(wrapped).toContain("\n");
    expect(checkWav(wrapped).ok).toBe(true);
  });

  it("measures the duration from the data chunk", () => {
    const result = checkWav(silentWav(1234));
    expect(result.ok && result.info.durationMs).toBe(1234);
  });

  it("accepts WAVE_FORMAT_EXTENSIBLE, which ffmpeg writes for PCM", () => {
    expect(checkWav(wavWith((v) => v.setUint16(20, 0xfffe, true))).ok).toBe(true);
  });

  it("skips chunks before the data chunk, odd-sized ones too", () => {
    const wav = silentWav(100);
    const list = new Uint8Array([...ascii("LIST"), 3, 0, 0, 0, 1, 2, 3, 0]);
    const withList = new Uint8Array([...wav.subarray(0, 36), ...list, ...wav.subarray(36)]);
    new DataView(withList.buffer).setUint32(4, withList.length - 8, true);
    expect(checkWav(withList)).toEqual({
      ok: true,
      info: { sampleRate: 16_000, channels: 1, bitsPerSample: 16, durationMs: 100 },
    });
  });

  it("refuses 8 kHz and says how to convert it", () => {
    const error = errorOf(wavWith((v) => v.setUint32(24, 8000, true)));
    expect(error).toContain("8000 Hz instead of 16 kHz");
    expect(error).not.toContain("channels");
    expect(error).toContain("ffmpeg -i input -ar 16000 -ac 1 -sample_fmt s16 output.wav");
  });

  it("refuses stereo", () => {
    const error = errorOf(wavWith((v) => v.setUint16(22, 2, true)));
    expect(error).toContain("2 channels instead of mono");
    expect(error).not.toContain("Hz instead");
  });

  it("refuses 8-bit", () => {
    const error = errorOf(wavWith((v) => v.setUint16(34, 8, true)));
    expect(error).toContain("8-bit instead of 16-bit");
    expect(error).not.toContain("channels");
  });

  it("names every problem of the seed's own example audio (8 kHz, 8-bit)", () => {
    const error = errorOf("UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQAAAAA=");
    expect(error).toContain("this file is 8000 Hz instead of 16 kHz, 8-bit instead of 16-bit.");
  });

  it("refuses compressed audio", () => {
    expect(errorOf(wavWith((v) => v.setUint16(20, 0x55, true)))).toBe(
      "The WAV file is compressed; AI Flow plays PCM only.",
    );
  });

  it("refuses a file that is not RIFF/WAVE", () => {
    const notWav = "Not a WAV file (no RIFF/WAVE header).";
    expect(errorOf(wavWith((_, b) => b.set(ascii("RIFX"), 0)))).toBe(notWav);
    expect(errorOf(wavWith((_, b) => b.set(ascii("AVI "), 8)))).toBe(notWav);
    expect(errorOf(ascii("ID3\u0004" + "\u0000".repeat(60)))).toBe(notWav);
    expect(errorOf(toBase64(ascii("just some text, not audio at all, long enough to pass 44 bytes")))).toBe(notWav);
    expect(errorOf(silentWav(500).subarray(0, 40))).toBe(notWav);
    expect(errorOf(new Uint8Array())).toBe(notWav);
  });

  it("refuses a WAV without format or data chunk", () => {
    const wav = silentWav(100);
    const noFmt = wavWith((_, b) => b.set(ascii("junk"), 12));
    expect(errorOf(noFmt)).toBe("The WAV file has no format chunk.");
    const noData = new Uint8Array(wav.subarray(0, 44));
    noData.set(ascii("pad "), 36);
    new DataView(noData.buffer).setUint32(40, 0, true);
    expect(errorOf(noData)).toBe("The WAV file has no audio data.");
  });

  it("refuses text that is not base64", () => {
    expect(errorOf("this is not base64!")).toBe("The audio is not valid base64.");
    expect(errorOf("data:audio/wav;base64,UklGR")).toBe("The audio is not valid base64.");
  });
});

describe("toBase64", () => {
  it("encodes large files (more than one 32 KiB slice) exactly", () => {
    const wav = silentWav(3000);
    expect(wav.length).toBeGreaterThan(0x8000 * 2);
    wav[wav.length - 1] = 0xff;
    expect(toBase64(wav)).toBe(Buffer.from(wav).toString("base64"));
  });
});
