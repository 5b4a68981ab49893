import { partySchema, type NormalisedCallInput, type Party } from "@/lib/calls/model";

import { decodeBody } from "./bodies";
import type { VconDocument, VconParty } from "./document";
import { dialogPartyIndices } from "./references";
import { clip, firstText, isIndex, isRecord, label, text } from "./values";

export type PartyRole = Party["role"];
type Direction = NormalisedCallInput["direction"];

// vCon has no fixed role vocabulary (the `role` extension, or `meta.role` before it), so the
// words real producers use are folded into Switchboard's four roles. Our own roles map to
// themselves, so a Switchboard export re-imports unchanged.
const roleWords: Record<string, PartyRole> = {
  caller: "caller",
  customer: "caller",
  client: "caller",
  contact: "caller",
  consumer: "caller",
  // Voice-bot transcripts (OpenAI-style turns) call the person on the line the "user".
  user: "caller",
  callee: "callee",
  agent: "agent",
  "human agent": "agent",
  representative: "agent",
  rep: "agent",
  operator: "agent",
  employee: "agent",
  assistant: "assistant",
  ai: "assistant",
  bot: "assistant",
  "virtual agent": "assistant",
  "ai agent": "assistant",
  voicebot: "assistant",
  chatbot: "assistant",
};

/** Switchboard's role for a role word ("Customer", "virtual_agent"), if it is one we know. */
export function roleFromWord(value: unknown): PartyRole | undefined {
  const word = label(value)?.replace(/[_-]+/g, " ").replace(/\s+/g, " ");
  return word === undefined ? undefined : roleWords[word];
}

/** A party as the importer works with it: the normalised party plus what speaker matching needs. */
export type PartyInfo = {
  party: Party;
  /** Whether the vCon said the role (true) or it was inferred from position (false). */
  isRoleExplicit: boolean;
  /** How a transcript line spoken by this party is labelled. */
  display?: string;
};

const stripScheme = (value: string | undefined, scheme: string): string | undefined =>
  value === undefined ? undefined : value.replace(new RegExp(`^${scheme}:`, "i"), "").trim() || undefined;

/** The phone number from `tel`, or from the user part of a `sip` URI when it is a number. */
function numberOf(p: VconParty): string | undefined {
  const tel = stripScheme(text(p.tel), "tel");
  if (tel) return tel;
  const user = /^sips?:([^@;]+)/i.exec(text(p.sip) ?? "")?.[1];
  return user && /^\+?[\d\s().-]{3,}$/.test(user) ? user : undefined;
}

/** The caller by position: the originator of the first dialog (its first party by default). */
function positionalCaller(doc: VconDocument): number {
  const first = doc.dialog?.[0];
  if (first && isIndex(first.originator)) return first.originator;
  return (first && dialogPartyIndices(first.parties, doc.parties?.length ?? 0)[0]) ?? 0;
}

export function mapParties(doc: VconDocument): PartyInfo[] {
  const caller = positionalCaller(doc);
  return (doc.parties ?? []).map((p, index) => {
    const meta = isRecord(p.meta) ? p.meta : {};
    const said = roleFromWord(p.role) ?? roleFromWord(meta.role);
    const party = partySchema.parse({
      role: said ?? (index === caller ? "caller" : "callee"),
      number: clip(numberOf(p), 64),
      name: clip(text(p.name), 200),
      email: clip(stripScheme(firstText(p.mailto, p.email), "mailto"), 254),
      extension: clip(firstText(meta.extension, p.extension), 32),
    });
    return { party, isRoleExplicit: said !== undefined, display: party.name ?? party.number ?? party.email };
  });
}

function directionFromWord(value: unknown): Direction | undefined {
  const word = label(value);
  if (word === "in" || word === "inbound" || word === "incoming") return "inbound";
  if (word === "out" || word === "outbound" || word === "outgoing") return "outbound";
  if (word === "internal") return "internal";
  return word === "unknown" ? "unknown" : undefined;
}

const metaDirection = (meta: unknown): unknown => (isRecord(meta) ? meta.direction : undefined);

/**
 * The call direction as the vCon states it (top-level meta, a dialog's meta, or a vendor
 * attachment such as a PBX call record), else inferred from who started the first dialog when
 * that party's role was stated: an agent or bot calls out, a customer calls in.
 */
export function directionOf(doc: VconDocument, parties: PartyInfo[]): Direction {
  const stated = [
    metaDirection(doc.meta),
    doc.direction,
    ...(doc.dialog ?? []).flatMap((d) => [metaDirection(d.meta), d.direction]),
  ];
  for (const a of doc.attachments ?? []) {
    // Binary attachments (images, documents) cannot hold a direction; skip decoding them.
    if (/^base64/.test(label(a.encoding) ?? "")) continue;
    const body = decodeBody(a.body, a.encoding);
    stated.push(isRecord(body) ? body.direction : undefined);
  }
  const said = stated.map(directionFromWord);
  const direction = said.find((d) => d !== undefined && d !== "unknown");
  if (direction) return direction;
  // A producer that states it does not know (Switchboard's own export does) is not second-guessed.
  if (said.includes("unknown")) return "unknown";
  const originator = parties[positionalCaller(doc)];
  if (!originator?.isRoleExplicit) return "unknown";
  const role = originator.party.role;
  if (role === "agent" || role === "assistant") return "outbound";
  return role === "caller" ? "inbound" : "unknown";
}
