import { canonicalJson } from "@/lib/canonical-json";
import type { ActionItem } from "@/lib/db/schema";

import type { Segment } from "./model";
import type { PreparedCall } from "./prepare";

export type CallFields = Omit<PreparedCall, "transcript" | "vendorCallId">;
export type StoredCall = CallFields & { transcript: Segment[] };
export type MergeResult = { call: CallFields; replaceTranscript: boolean; isChanged: boolean };

const isEmpty = (value: unknown) =>
  value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/**
 * Merges a later delivery into the stored call. A delivery adds what the call lacked and updates
 * what it has, but never erases: an empty field keeps the stored value. A delivery the vendor
 * marks as older than what is stored (out of order) only fills gaps. The transcript is replaced
 * only by one at least as long. Tags accumulate; ticked action items stay ticked.
 */
export function mergeCall(stored: StoredCall, incoming: PreparedCall): MergeResult {
  const isOlder = Boolean(
    incoming.vendorUpdatedAt && stored.vendorUpdatedAt && incoming.vendorUpdatedAt < stored.vendorUpdatedAt,
  );
  const pick = <T>(current: T, next: T): T => (isEmpty(next) || (isOlder && !isEmpty(current)) ? current : next);

  const done = new Set(stored.actionItems.filter((a) => a.isDone).map((a) => a.text));
  const actionItems: ActionItem[] = pick(stored.actionItems, incoming.actionItems).map((a) => ({
    ...a,
    isDone: a.isDone || done.has(a.text),
  }));
  const summaryFromIncoming = !isEmpty(incoming.summary) && !(isOlder && !isEmpty(stored.summary));

  const call: CallFields = {
    direction:
      incoming.direction === "unknown" || (isOlder && stored.direction !== "unknown")
        ? stored.direction
        : incoming.direction,
    startedAt: pick(stored.startedAt, incoming.startedAt),
    endedAt: pick(stored.endedAt, incoming.endedAt),
    durationSeconds: pick(stored.durationSeconds, incoming.durationSeconds),
    channel: pick(stored.channel, incoming.channel),
    headline: pick(stored.headline, incoming.headline),
    // Summary and its HTML travel together: one delivery's text never sits beside another's HTML.
    summary: summaryFromIncoming ? incoming.summary : stored.summary,
    summaryHtml: summaryFromIncoming ? incoming.summaryHtml : stored.summaryHtml,
    note: pick(stored.note, incoming.note),
    language: pick(stored.language, incoming.language),
    parties: pick(stored.parties, incoming.parties),
    actionItems,
    smallTalk: pick(stored.smallTalk, incoming.smallTalk),
    smartAnswers: pick(stored.smartAnswers, incoming.smartAnswers),
    tags: [...new Set([...stored.tags, ...incoming.tags])],
    vendorUpdatedAt:
      stored.vendorUpdatedAt && incoming.vendorUpdatedAt
        ? new Date(Math.max(stored.vendorUpdatedAt.getTime(), incoming.vendorUpdatedAt.getTime()))
        : (stored.vendorUpdatedAt ?? incoming.vendorUpdatedAt),
  };
  const replaceTranscript =
    incoming.transcript.length > 0 &&
    !same(incoming.transcript, stored.transcript) &&
    (stored.transcript.length === 0 || (!isOlder && incoming.transcript.length >= stored.transcript.length));
  const { transcript: _transcript, vendorUpdatedAt: _storedVersion, ...storedFields } = stored;
  // The vendor's change time only orders deliveries; learning it alone changes nothing a user sees.
  const { vendorUpdatedAt: _version, ...callFields } = call;
  const isChanged = replaceTranscript || !same(callFields, storedFields);
  return { call, replaceTranscript, isChanged };
}
