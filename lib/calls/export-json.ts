import type { CallRecord } from "./call-record";

// The normalised call as plain JSON for download and the API. Every key is always present (null
// when unknown) and written in one fixed order, so two exports of the same call are byte-equal
// and a consumer never has to guess whether a missing key means "empty" or "not exported".

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export type CallJson = ReturnType<typeof callToJson>;

export function callToJson(record: CallRecord) {
  return {
    id: record.id,
    provider: record.provider,
    vendorCallId: record.vendorCallId,
    integration: record.integration ? { id: record.integration.id, name: record.integration.name } : null,
    direction: record.direction,
    startedAt: iso(record.startedAt),
    endedAt: iso(record.endedAt),
    durationSeconds: record.durationSeconds,
    channel: record.channel,
    headline: record.headline,
    summary: record.summary,
    summaryHtml: record.summaryHtml,
    note: record.note,
    language: record.language,
    parties: record.parties.map((p) => ({
      role: p.role,
      number: p.number ?? null,
      name: p.name ?? null,
      extension: p.extension ?? null,
      email: p.email ?? null,
    })),
    actionItems: record.actionItems.map((a) => ({ text: a.text, isDone: a.isDone })),
    smallTalk: record.smallTalk.map((t) => ({
      topic: t.topic,
      description: t.description ?? null,
      isPinned: t.isPinned ?? false,
      isDismissed: t.isDismissed ?? false,
    })),
    smartAnswers: record.smartAnswers.map((s) => ({ question: s.question, answer: s.answer })),
    tags: [...record.tags],
    transcript: record.transcript.map((s) => ({
      seq: s.seq,
      speaker: s.speaker,
      speakerRole: s.speakerRole,
      startMs: s.startMs,
      endMs: s.endMs,
      text: s.text,
    })),
    payloads: record.payloads.map((p) => ({
      id: p.id,
      provider: p.provider,
      contentType: p.contentType,
      receivedAt: p.receivedAt.toISOString(),
      lastReceivedAt: p.lastReceivedAt.toISOString(),
      timesReceived: p.timesReceived,
    })),
    vendorUpdatedAt: iso(record.vendorUpdatedAt),
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}
