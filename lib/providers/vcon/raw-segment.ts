import type { PartyRole } from "./parties";

/** A transcript line as a source shape gives it, before speakers are matched to parties. */
export type RawSegment = {
  text: string;
  /** Speaker name or label exactly as the source wrote it ("Agent", "Anna Schmidt"). */
  speaker?: string;
  /** A party index the source names directly (`"parties": 0`). */
  partyIndex?: number;
  /** A diarization label ("0", "S1", "A"): a distinct voice, not yet known to be a party. */
  voice?: string;
  /** A role the source states for the line. */
  role?: PartyRole;
  /** Offsets from the start of the transcribed media. */
  startMs?: number;
  endMs?: number;
  /** Wall-clock times, for sources that time lines absolutely. */
  at?: Date;
  until?: Date;
};

/**
 * Splits a speaker value into a name or a diarization voice: numbers and labels like
 * "Speaker 1", "spk_0", "S2" or a single letter ("A", AssemblyAI) are voices.
 */
export function speakerOf(value: unknown): Pick<RawSegment, "speaker" | "voice"> {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0)
    return { speaker: `Speaker ${value}`, voice: String(value) };
  if (typeof value !== "string") return {};
  const name = value.trim();
  if (name === "") return {};
  const numbered = /^(?:speaker|spk|s)?[\s_-]*(\d+)$/i.exec(name);
  if (numbered) return { speaker: name, voice: numbered[1] };
  if (/^[A-Z]$/.test(name)) return { speaker: `Speaker ${name}`, voice: name };
  return { speaker: name };
}
