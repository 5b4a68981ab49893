import type { CallParty } from "@/lib/calls/model";

export type Side = "left" | "right";

/** One transcript segment as the conversation view shows it. */
export type TranscriptLine = {
  seq: number;
  speaker: string;
  side: Side;
  /** Offset from the start of the call ("1:05", "1:02:09"); null when the vendor gave none. */
  time: string | null;
  text: string;
};

type SegmentInput = {
  seq: number;
  speaker: string | null;
  speakerRole: CallParty["role"] | null;
  startMs: number | null;
  text: string;
};

const roleLabel: Record<CallParty["role"], string> = {
  caller: "Caller",
  callee: "Callee",
  agent: "Agent",
  assistant: "Assistant",
};

/** mm:ss, or h:mm:ss from an hour on. */
export function formatOffset(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${String(m).padStart(2, "0")}:${s}`;
}

/**
 * The organisation's side (its agent, its assistant, and whichever of caller or callee it was by
 * the call's direction) speaks on the right, as in a messenger; the other party on the left.
 */
function sideOfRole(role: CallParty["role"], direction: string): Side {
  if (role === "agent" || role === "assistant") return "right";
  if (role === "caller") return direction === "outbound" ? "right" : "left";
  return direction === "outbound" ? "left" : "right";
}

/**
 * Lays out the transcript: a side per segment from the speaker's role; speakers without a role
 * take the side their name had with a role elsewhere, else alternate in order of first appearance.
 * Names come from the speaker, else the party of that role, else the role itself.
 */
export function toTranscriptLines(segments: SegmentInput[], direction: string, parties: CallParty[]): TranscriptLine[] {
  const sideByName = new Map<string, Side>();
  for (const s of segments) {
    if (s.speakerRole && s.speaker && !sideByName.has(s.speaker))
      sideByName.set(s.speaker, sideOfRole(s.speakerRole, direction));
  }
  let next: Side = "left";
  const sideOf = (s: SegmentInput): Side => {
    if (s.speakerRole) return sideOfRole(s.speakerRole, direction);
    const name = s.speaker ?? "";
    const known = sideByName.get(name);
    if (known) return known;
    const side = next;
    sideByName.set(name, side);
    next = side === "left" ? "right" : "left";
    return side;
  };
  const nameOf = (s: SegmentInput): string => {
    const isRoleWord = s.speakerRole !== null && s.speaker?.toLowerCase() === s.speakerRole;
    if (s.speaker && !isRoleWord) return s.speaker;
    const party = s.speakerRole ? parties.find((p) => p.role === s.speakerRole && p.name) : undefined;
    return party?.name ?? (s.speakerRole ? roleLabel[s.speakerRole] : (s.speaker ?? "Unknown speaker"));
  };
  return segments.map((s) => ({
    seq: s.seq,
    speaker: nameOf(s),
    side: sideOf(s),
    time: s.startMs === null ? null : formatOffset(s.startMs),
    text: s.text,
  }));
}
