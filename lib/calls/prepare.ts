import type { CountryCode } from "libphonenumber-js";

import type { ActionItem, CallParty, SmallTalkItem, SmartAnswer } from "@/lib/db/schema";

import type { NormalisedCall, Segment } from "./model";
import { normaliseNumber, numberSearchForms } from "./phone";
import { htmlToText, sanitizeSummaryHtml } from "./sanitize";
import { storableDate, storableInt } from "./storable";

/** A normalised call turned into the columns of the calls table (plus its transcript). */
export type PreparedCall = {
  vendorCallId: string;
  direction: NormalisedCall["direction"];
  startedAt: Date | null;
  endedAt: Date | null;
  durationSeconds: number | null;
  channel: string | null;
  headline: string | null;
  summary: string | null;
  summaryHtml: string | null;
  note: string | null;
  language: string | null;
  parties: CallParty[];
  actionItems: ActionItem[];
  smallTalk: SmallTalkItem[];
  smartAnswers: SmartAnswer[];
  tags: string[];
  vendorUpdatedAt: Date | null;
  transcript: Segment[];
};

const text = (value: string | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

// Whoever built the call (a vendor's mapper, a voice session, the demo), only what the tables hold goes in.
const validDate = (value: Date | undefined): Date | null => storableDate(value) ?? null;
const validMs = (value: number | undefined) => storableInt(value);

/** Numbers to E.164, HTML sanitised (with a plain-text summary when only HTML came), times completed. */
export function prepareCall(call: NormalisedCall, country?: CountryCode): PreparedCall {
  const startedAt = validDate(call.startedAt);
  let endedAt = validDate(call.endedAt);
  let durationSeconds = storableInt(call.durationSeconds) ?? null;
  if (startedAt && endedAt && durationSeconds === null && endedAt >= startedAt) {
    durationSeconds = storableInt(Math.round((endedAt.getTime() - startedAt.getTime()) / 1000)) ?? null;
  }
  if (startedAt && !endedAt && durationSeconds !== null)
    endedAt = validDate(new Date(startedAt.getTime() + durationSeconds * 1000));

  const summaryHtml = call.summaryHtml?.trim() ? sanitizeSummaryHtml(call.summaryHtml) : null;
  return {
    vendorCallId: call.vendorCallId,
    direction: call.direction,
    startedAt,
    endedAt,
    durationSeconds,
    channel: text(call.channel),
    headline: text(call.headline),
    summary: text(call.summary) ?? (summaryHtml ? text(htmlToText(summaryHtml)) : null),
    summaryHtml: summaryHtml || null,
    note: text(call.note),
    language: text(call.language)?.toLowerCase() ?? null,
    parties: call.parties.map((p) => {
      const party: CallParty = { role: p.role };
      const number = normaliseNumber(p.number, country);
      if (number) party.number = number;
      if (p.name?.trim()) party.name = p.name.trim();
      if (p.extension?.trim()) party.extension = p.extension.trim();
      if (p.email?.trim()) party.email = p.email.trim().toLowerCase();
      return party;
    }),
    actionItems: call.actionItems.map((a) => ({ text: a.text.trim(), isDone: a.isDone })).filter((a) => a.text),
    smallTalk: call.smallTalk,
    smartAnswers: call.smartAnswers,
    tags: [...new Set(call.tags.map((t) => t.trim()).filter(Boolean))],
    vendorUpdatedAt: validDate(call.vendorUpdatedAt),
    transcript: call.transcript
      .filter((s) => s.text.trim())
      .map(({ startMs, endMs, ...s }) => ({
        ...s,
        ...(validMs(startMs) !== undefined ? { startMs } : {}),
        ...(validMs(endMs) !== undefined ? { endMs } : {}),
      })),
  };
}

/** tsvector's limit is 1 MB; beyond this much text a call's words are not indexed (its transcript is still kept). */
const MAX_SEARCH_TEXT = 400_000;

export type SearchDocument = {
  /** Every word of the call, for the full-text index. */
  text: string;
  /** The parties' numbers in the forms people type them, digits only, for partial matches. */
  numbers: string;
};

/** What the inbox search looks through, built from a call's content. */
export function buildSearchDocument(
  call: Omit<PreparedCall, "transcript" | "vendorUpdatedAt" | "vendorCallId">,
  transcript: Array<{ text: string }>,
): SearchDocument {
  const parts: Array<string | null | undefined> = [
    call.headline,
    call.summary,
    call.note,
    call.channel,
    ...call.tags,
    ...call.actionItems.map((a) => a.text),
    ...call.smartAnswers.flatMap((s) => [s.question, s.answer]),
    ...call.smallTalk.flatMap((s) => [s.topic, s.description]),
    ...call.parties.flatMap((p) => [p.name, p.extension, p.email]),
    ...transcript.map((s) => s.text),
  ];
  const numbers = call.parties.flatMap((p) =>
    p.number ? numberSearchForms(p.number).map((n) => n.replace(/\D/g, "")) : [],
  );
  return {
    text: parts
      .filter((p): p is string => Boolean(p))
      .join("\n")
      .slice(0, MAX_SEARCH_TEXT),
    numbers: [...new Set(numbers)].join(" "),
  };
}

export const countOpenItems = (items: ActionItem[]): number => items.filter((a) => !a.isDone).length;
