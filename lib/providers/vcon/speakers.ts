import type { Segment } from "@/lib/calls/model";

import { roleFromWord, type PartyInfo } from "./parties";
import type { RawSegment } from "./raw-segment";
import { clip } from "./values";

/** What turning raw lines into the model's segments needs to know about where they came from. */
export type SegmentContext = {
  parties: PartyInfo[];
  /** The transcribed dialog's parties in order: where diarization voices are matched. */
  dialogParties: number[];
  /** The party credited with lines that name nobody (a text message's originator). */
  defaultParty?: number;
  /** Milliseconds from the call start to the start of the transcribed media. */
  offsetMs: number;
  callStart?: Date;
  /** For lines with no time of their own (a text message): its dialog's span. */
  fallbackStartMs?: number;
  fallbackEndMs?: number;
};

const MAX_TEXT = 100_000;
const normalise = (s: string): string => s.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();

/** The party a transcript names: by name, number or email; a lone first name counts when only
 * one party has it ("Brian" for "Brian Mitchell"). */
function partyByName(parties: PartyInfo[], speaker: string): number | undefined {
  const wanted = normalise(speaker);
  const exact = parties.findIndex(({ party }) =>
    [party.name, party.number, party.email].some((v) => v !== undefined && normalise(v) === wanted),
  );
  if (exact >= 0) return exact;
  if (wanted.includes(" ")) return undefined;
  const byFirstName = parties.flatMap(({ party }, i) =>
    party.name && normalise(party.name).split(" ")[0] === wanted ? [i] : [],
  );
  return byFirstName.length === 1 ? byFirstName[0] : undefined;
}

/**
 * Diarization voices ("Speaker 0", "Speaker 1") paired with the dialog's parties in order of
 * first appearance, but only when there are exactly as many voices as parties: otherwise the
 * diarizer merged or split someone and any pairing would be a guess.
 */
function voiceParties(raw: RawSegment[], dialogParties: number[]): Map<string, number> {
  const voices = new Set<string>();
  for (const s of raw) if (s.voice !== undefined) voices.add(s.voice);
  if (voices.size === 0 || voices.size !== dialogParties.length) return new Map();
  return new Map(
    [...voices].flatMap((v, i): [string, number][] => (dialogParties[i] === undefined ? [] : [[v, dialogParties[i]]])),
  );
}

const toMs = (value: number | undefined): number | undefined =>
  value === undefined || !Number.isFinite(value) ? undefined : Math.max(0, Math.round(value));

function timesOf(s: RawSegment, ctx: SegmentContext): Pick<Segment, "startMs" | "endMs"> {
  let start: number | undefined;
  let end: number | undefined;
  if (s.at) {
    const base = ctx.callStart?.getTime();
    start = base === undefined ? undefined : s.at.getTime() - base;
    end = base === undefined || !s.until ? undefined : s.until.getTime() - base;
  } else {
    start = s.startMs !== undefined ? s.startMs + ctx.offsetMs : ctx.fallbackStartMs;
    end = s.endMs !== undefined ? s.endMs + ctx.offsetMs : s.startMs === undefined ? ctx.fallbackEndMs : undefined;
  }
  const startMs = toMs(start);
  const endMs = toMs(end);
  return { startMs, endMs: startMs !== undefined && endMs !== undefined && endMs < startMs ? undefined : endMs };
}

/** Text over the model's per-segment limit is split rather than cut, so nothing said is lost. */
function pieces(text: string): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > MAX_TEXT) {
    const head = clip(rest, MAX_TEXT) ?? "";
    out.push(head);
    rest = rest.slice(head.length);
  }
  out.push(rest);
  return out;
}

/** The model's segments: speakers matched to parties, times made relative to the call start,
 * empty lines dropped. */
export function resolveSegments(raw: RawSegment[], ctx: SegmentContext): Segment[] {
  const voices = voiceParties(raw, ctx.dialogParties);
  const names = new Map<string, number | undefined>();
  const byName = (speaker: string): number | undefined => {
    if (!names.has(speaker)) names.set(speaker, partyByName(ctx.parties, speaker));
    return names.get(speaker);
  };

  return raw.flatMap((s) => {
    const said = s.text.trim();
    if (said === "") return [];
    const voiced = s.voice !== undefined ? voices.get(s.voice) : undefined;
    let index: number | undefined;
    if (s.partyIndex !== undefined) index = s.partyIndex;
    else if (voiced !== undefined) index = voiced;
    else if (s.speaker !== undefined) index = byName(s.speaker);
    else index = ctx.defaultParty;
    const party = index === undefined ? undefined : ctx.parties[index];
    // A name the source wrote is shown as written; a party found by index or voice by its own name.
    const isNamedBySource = s.partyIndex === undefined && voiced === undefined && s.speaker !== undefined;
    const speaker = clip(isNamedBySource ? s.speaker : (party?.display ?? s.speaker), 200);
    const speakerRole = s.role ?? party?.party.role ?? (s.speaker !== undefined ? roleFromWord(s.speaker) : undefined);
    const times = timesOf(s, ctx);
    return pieces(said).map((text) => ({ speaker, speakerRole, ...times, text }));
  });
}
