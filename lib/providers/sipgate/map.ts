import type { NormalisedCallInput, Segment } from "@/lib/calls/model";

import { offsetsAreSeconds, toDate, toSeconds } from "../time";
import type { SipgateBundle } from "./schema";

const directionOf = (value: string | null | undefined): NormalisedCallInput["direction"] => {
  const v = value?.toLowerCase();
  if (v === "inbound" || v === "in" || v === "incoming") return "inbound";
  if (v === "outbound" || v === "out" || v === "outgoing") return "outbound";
  if (v === "internal") return "internal";
  return "unknown";
};

const roleOf = (speaker: string | null | undefined): Segment["speakerRole"] => {
  const v = speaker?.toLowerCase();
  return v === "caller" || v === "callee" || v === "agent" || v === "assistant" ? v : undefined;
};

/** Maps the sipgate bundle field by field; nothing it carries is dropped (the raw body is kept too). */
export function mapSipgateBundle(bundle: SipgateBundle): NormalisedCallInput {
  const { call } = bundle;
  const startedAt = toDate(call.startTime);
  const endedAt = toDate(call.endTime);
  const durationSeconds =
    toSeconds(call.duration) ??
    (startedAt && endedAt ? Math.round((endedAt.getTime() - startedAt.getTime()) / 1000) : undefined);
  const segments = (bundle.transcriptions ?? []).filter((t) => t.text?.trim());
  const offsets = segments.flatMap((t) => [t.startTime, t.endTime]).filter((o): o is number => typeof o === "number");
  const scale = offsetsAreSeconds(offsets, durationSeconds) ? 1000 : 1;
  const ms = (o: number | null | undefined) => (typeof o === "number" && o >= 0 ? Math.round(o * scale) : undefined);
  const note = typeof bundle.note === "string" ? bundle.note : bundle.note?.content;

  return {
    vendorCallId: String(call.id),
    direction: directionOf(call.direction),
    startedAt,
    endedAt,
    durationSeconds,
    channel: bundle.channel?.name ?? undefined,
    headline: bundle.callHeadline ?? undefined,
    summary: bundle.summary ?? undefined,
    note: note ?? undefined,
    parties: [
      ...(call.caller ? [{ role: "caller" as const, number: call.caller }] : []),
      ...(call.callee ? [{ role: "callee" as const, number: call.callee }] : []),
    ],
    transcript: segments.map((t) => ({
      speaker: t.speaker ?? undefined,
      speakerRole: roleOf(t.speaker),
      startMs: ms(t.startTime),
      endMs: ms(t.endTime),
      text: t.text ?? "",
    })),
    actionItems: (bundle.actionItems ?? []).map((a) =>
      typeof a === "string" ? { text: a, isDone: false } : { text: a.text, isDone: Boolean(a.done ?? a.completed) },
    ),
    smallTalk: (bundle.smallTalkItems ?? [])
      .filter((s) => s.topic?.trim() || s.description?.trim())
      .map((s) => ({
        topic: s.topic ?? "",
        description: s.description ?? undefined,
        isPinned: s.pinned ?? false,
        isDismissed: s.dismissed ?? false,
      })),
    smartAnswers: (bundle.smartAnswers ?? [])
      .filter((s) => s.question?.trim() || s.answer?.trim())
      .map((s) => ({ question: s.question ?? "", answer: s.answer ?? "" })),
  };
}
