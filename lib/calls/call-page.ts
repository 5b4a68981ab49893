import { and, eq, sql } from "drizzle-orm";

import { callPayloads, calls, type CallParty } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

import { loadCallRecord, type CallRecord, type CallRecordPayload } from "./call-record";
import { formatNumber } from "./phone";

/** Payload bodies are shown up to this many bytes; a whole 1 MiB hook body would swamp the page. */
export const PAYLOAD_PREVIEW_BYTES = 200 * 1024;

export type CallPagePayload = CallRecordPayload & {
  /** The body as indented JSON, cut at PAYLOAD_PREVIEW_BYTES. */
  body: string;
  /** Size of the whole indented body in bytes. */
  bodyBytes: number;
  isTruncated: boolean;
};

export type CallPage = Omit<CallRecord, "payloads"> & {
  /** The headline, or a stand-in when the vendor sent none. */
  title: string;
  openActionItems: number;
  payloads: CallPagePayload[];
};

const TITLE_WORDS = 12;

/** Who the call was with, from the organisation's point of view: the other side of its direction. */
function counterpart(parties: CallParty[], direction: string): CallParty | undefined {
  const order: CallParty["role"][] = direction === "outbound" ? ["callee", "caller"] : ["caller", "callee"];
  return (
    order.map((role) => parties.find((p) => p.role === role && (p.name || p.number))).find(Boolean) ??
    parties.find((p) => p.name || p.number)
  );
}

/** The headline; else the summary's first words; else who the call was with. */
export function callTitle(call: Pick<CallRecord, "headline" | "summary" | "parties" | "direction">): string {
  if (call.headline?.trim()) return call.headline.trim();
  const words = call.summary?.trim().split(/\s+/).filter(Boolean) ?? [];
  if (words.length > 0)
    return words.length > TITLE_WORDS
      ? `${words
          .slice(0, TITLE_WORDS)
          .join(" ")
          .replace(/[.,;:!?]+$/, "")}…`
      : words.join(" ");
  const other = counterpart(call.parties, call.direction);
  const who = other?.name ?? (other?.number ? formatNumber(other.number) : undefined);
  return who ? `Call with ${who}` : "Call with unknown party";
}

/** Cuts UTF-8 text to a byte budget without leaving half a character at the end. */
function cutToBytes(text: string, bytes: number): string {
  const buffer = Buffer.from(text, "utf8");
  return buffer.byteLength <= bytes
    ? text
    : buffer
        .subarray(0, bytes)
        .toString("utf8")
        .replace(/\uFFFD+$/, "");
}

async function loadPayloadBodies(db: Db, orgId: string, callId: string) {
  // Indented and cut in the database, so a large body never travels whole to the page.
  const pretty = sql`jsonb_pretty(${callPayloads.body})`;
  return db
    .select({
      id: callPayloads.id,
      preview: sql<string>`left(${pretty}, ${PAYLOAD_PREVIEW_BYTES})`,
      bytes: sql<number>`octet_length(${pretty})`.mapWith(Number),
    })
    .from(callPayloads)
    .where(and(eq(callPayloads.callId, callId), eq(callPayloads.orgId, orgId)));
}

/**
 * Everything the call page shows: the call record (parties, content, transcript, payload list)
 * with its current open item count and the payload bodies; undefined when the organisation has
 * no such call.
 */
export async function loadCallPage(db: Db, orgId: string, callId: string): Promise<CallPage | undefined> {
  const record = await loadCallRecord(db, orgId, callId);
  if (!record) return undefined;
  const [counts] = await db
    .select({ openActionItems: calls.openActionItems })
    .from(calls)
    .where(and(eq(calls.id, callId), eq(calls.orgId, orgId)));
  const bodies = new Map((await loadPayloadBodies(db, orgId, callId)).map((b) => [b.id, b]));
  const payloads = record.payloads.map((p) => {
    const found = bodies.get(p.id);
    const bodyBytes = found?.bytes ?? 0;
    return {
      ...p,
      body: cutToBytes(found?.preview ?? "", PAYLOAD_PREVIEW_BYTES),
      bodyBytes,
      isTruncated: bodyBytes > PAYLOAD_PREVIEW_BYTES,
    };
  });
  return {
    ...record,
    title: callTitle(record),
    openActionItems: counts?.openActionItems ?? record.actionItems.filter((a) => !a.isDone).length,
    payloads,
  };
}
