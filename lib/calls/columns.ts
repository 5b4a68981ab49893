import { calls, transcriptSegments } from "@/lib/db/schema";

/** The columns that hold a call's content (what a delivery can bring), for selects. */
export const callContentColumns = {
  direction: calls.direction,
  startedAt: calls.startedAt,
  endedAt: calls.endedAt,
  durationSeconds: calls.durationSeconds,
  channel: calls.channel,
  headline: calls.headline,
  summary: calls.summary,
  summaryHtml: calls.summaryHtml,
  note: calls.note,
  language: calls.language,
  parties: calls.parties,
  actionItems: calls.actionItems,
  smallTalk: calls.smallTalk,
  smartAnswers: calls.smartAnswers,
  tags: calls.tags,
  vendorUpdatedAt: calls.vendorUpdatedAt,
};

export const segmentColumns = {
  seq: transcriptSegments.seq,
  speaker: transcriptSegments.speaker,
  speakerRole: transcriptSegments.speakerRole,
  startMs: transcriptSegments.startMs,
  endMs: transcriptSegments.endMs,
  text: transcriptSegments.text,
};
