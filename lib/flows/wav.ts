// AI Flow plays audio only as WAV, 16 kHz, mono, 16-bit PCM (seed 004, "Audio Format Checklist").
// Pure and browser-safe: the editor checks an upload before it leaves the browser, the server
// checks it again when a document is validated.

export type WavInfo = { sampleRate: number; channels: number; bitsPerSample: number; durationMs: number };
export type WavCheck = { ok: true; info: WavInfo } | { ok: false; error: string };

function decodeBase64(data: string): Uint8Array | undefined {
  try {
    const binary = atob(data.replace(/\s+/g, ""));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

const ascii = (bytes: Uint8Array, at: number) =>
  String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0);

/** Reads the RIFF header of a WAV file (bytes or base64) and says whether AI Flow can play it. */
export function checkWav(input: Uint8Array | string): WavCheck {
  const bytes = typeof input === "string" ? decodeBase64(input) : input;
  if (!bytes) return { ok: false, error: "The audio is not valid base64." };
  if (bytes.length < 44 || ascii(bytes, 0) !== "RIFF" || ascii(bytes, 8) !== "WAVE")
    return { ok: false, error: "Not a WAV file (no RIFF/WAVE header)." };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 12;
  let format: { audioFormat: number; channels: number; sampleRate: number; bitsPerSample: number } | undefined;
  let dataBytes: number | undefined;
  while (offset + 8 <= bytes.length) {
    const chunk = ascii(bytes, offset);
    const size = view.getUint32(offset + 4, true);
    if (chunk === "fmt " && offset + 24 <= bytes.length) {
      format = {
        audioFormat: view.getUint16(offset + 8, true),
        channels: view.getUint16(offset + 10, true),
        sampleRate: view.getUint32(offset + 12, true),
        bitsPerSample: view.getUint16(offset + 22, true),
      };
    } else if (chunk === "data") {
      dataBytes = Math.min(size, bytes.length - offset - 8);
      break;
    }
    offset += 8 + size + (size % 2);
  }
  if (!format) return { ok: false, error: "The WAV file has no format chunk." };
  if (dataBytes === undefined) return { ok: false, error: "The WAV file has no audio data." };
  // 0xFFFE is WAVE_FORMAT_EXTENSIBLE, which ffmpeg writes for plain PCM too.
  if (format.audioFormat !== 1 && format.audioFormat !== 0xfffe)
    return { ok: false, error: "The WAV file is compressed; AI Flow plays PCM only." };
  const problems: string[] = [];
  if (format.sampleRate !== 16_000) problems.push(`${format.sampleRate} Hz instead of 16 kHz`);
  if (format.channels !== 1) problems.push(`${format.channels} channels instead of mono`);
  if (format.bitsPerSample !== 16) problems.push(`${format.bitsPerSample}-bit instead of 16-bit`);
  if (problems.length > 0)
    return {
      ok: false,
      error: `AI Flow plays WAV at 16 kHz, mono, 16-bit; this file is ${problems.join(", ")}. Convert it with: ffmpeg -i input -ar 16000 -ac 1 -sample_fmt s16 output.wav`,
    };
  return {
    ok: true,
    info: {
      sampleRate: 16_000,
      channels: 1,
      bitsPerSample: 16,
      durationMs: Math.round((dataBytes / 2 / 16_000) * 1000),
    },
  };
}

/** A valid WAV of silence, for tests, templates and examples. */
export function silentWav(durationMs: number): Uint8Array {
  const samples = Math.round((durationMs / 1000) * 16_000);
  const bytes = new Uint8Array(44 + samples * 2);
  const view = new DataView(bytes.buffer);
  const put = (at: number, s: string) => [...s].forEach((c, i) => (bytes[at + i] = c.charCodeAt(0)));
  put(0, "RIFF");
  view.setUint32(4, 36 + samples * 2, true);
  put(8, "WAVE");
  put(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, 16_000, true);
  view.setUint32(28, 32_000, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  put(36, "data");
  view.setUint32(40, samples * 2, true);
  return bytes;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
