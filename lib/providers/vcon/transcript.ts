import type { Segment } from "@/lib/calls/model";

import { attachmentsAsAnalyses, switchboardEntry, type AnalysisView } from "./analyses";
import { dialogStructure, dialogText } from "./bodies";
import { mediaTypeOf, type VconDialog, type VconDocument } from "./document";
import type { PartyInfo } from "./parties";
import type { RawSegment } from "./raw-segment";
import { dialogPartyIndices } from "./references";
import { resolveSegments, type SegmentContext } from "./speakers";
import { switchboardTranscript } from "./switchboard";
import { segmentsFromBody } from "./transcript-shapes";
import { segmentsFromText } from "./transcript-text";
import { isIndex, label } from "./values";

// Where the transcript comes from, in order of preference:
// 1. Switchboard's own transcript analysis (an export being re-imported), exactly;
// 2. transcript-type analyses (transcript, diarized, wtf_transcription, …), the most informative
//    per dialog, concatenated across dialogs when each covers a different one;
// 3. transcript-type attachments, chosen the same way (producers that file WTF there);
// 4. the text dialogs themselves (chats, emails), one line per message;
// 5. any other analysis whose body is a list of speaker turns (some generators file the
//    conversation under their own type, such as "analysis_info").

const MAX_SEGMENTS = 50_000;
const transcriptType = /transcri|diari[sz]|wtf|caption|subtitle/;
const notConversation = /summar|headline|title|note|action|small_talk|smart_answers|tags|sentiment|topic|keyword/;

type Candidate = { analysis: AnalysisView; raw: RawSegment[]; language?: string; score: number };

/** Speakers beat timing, timing beats neither; word-by-word subtitles lose to sentences. */
function scoreOf(raw: RawSegment[]): number {
  const hasSpeakers = raw.filter((s) => s.speaker !== undefined || s.partyIndex !== undefined).length * 2 >= raw.length;
  const hasTiming = raw.some((s) => s.startMs !== undefined || s.at !== undefined);
  const words = raw.reduce((n, s) => n + s.text.split(/\s+/).length, 0);
  return (hasSpeakers ? 4 : 0) + (hasTiming ? 2 : 0) + (words / raw.length >= 2 ? 1 : 0);
}

type Frame = { doc: VconDocument; parties: PartyInfo[]; callStart?: Date };

/**
 * Offsets are read as seconds (Deepgram, Whisper, WTF), but some producers write milliseconds
 * under the same keys (AssemblyAI). Lines ending far beyond the recording's length give that
 * away: seconds misread as milliseconds overshoot a thousandfold.
 */
function fixMilliseconds(raw: RawSegment[], dialog: VconDialog | undefined): RawSegment[] {
  const lengthMs = (dialog?.duration ?? 0) * 1000;
  const lastMs = raw.reduce((max, s) => Math.max(max, s.endMs ?? s.startMs ?? 0), 0);
  if (lengthMs <= 0 || lastMs <= lengthMs * 20) return raw;
  const scale = (ms: number | undefined) => (ms === undefined ? undefined : Math.round(ms / 1000));
  return raw.map((s) => ({ ...s, startMs: scale(s.startMs), endMs: scale(s.endMs) }));
}

function contextFor(frame: Frame, dialogIndex: number | undefined): SegmentContext {
  const dialog = dialogIndex === undefined ? undefined : frame.doc.dialog?.[dialogIndex];
  const start = dialog?.start?.getTime();
  const base = frame.callStart?.getTime();
  return {
    parties: frame.parties,
    dialogParties: dialog ? dialogPartyIndices(dialog.parties, frame.parties.length) : frame.parties.map((_, i) => i),
    offsetMs: start !== undefined && base !== undefined ? start - base : 0,
    callStart: frame.callStart,
  };
}

function fromAnalyses(frame: Frame, analyses: AnalysisView[]): { segments: Segment[]; language?: string } | undefined {
  const candidates: Candidate[] = analyses.flatMap((analysis) => {
    if (!transcriptType.test(analysis.type)) return [];
    const { segments: raw, language } = segmentsFromBody(analysis.body);
    return raw.some((s) => s.text.trim() !== "") ? [{ analysis, raw, language, score: scoreOf(raw) }] : [];
  });
  if (candidates.length === 0) return undefined;
  const best = (list: Candidate[]): Candidate | undefined =>
    list.reduce<Candidate | undefined>((top, c) => (top === undefined || c.score > top.score ? c : top), undefined);

  const dialogs = [...new Set(candidates.map((c) => c.analysis.dialog))];
  const isPerDialog = dialogs.length > 1 && dialogs.every((d) => d !== undefined);
  const chosen = isPerDialog
    ? dialogs.flatMap((d) => best(candidates.filter((c) => c.analysis.dialog === d)) ?? [])
    : [best(candidates)];
  // Dialogs in the order they happened; each one's lines keep their own order.
  const parts = chosen
    .flatMap((c) => (c ? [{ c, ctx: contextFor(frame, c.analysis.dialog) }] : []))
    .sort((a, b) => a.ctx.offsetMs - b.ctx.offsetMs);
  const segments = parts.flatMap(({ c, ctx }) => {
    const dialog = c.analysis.dialog === undefined ? undefined : frame.doc.dialog?.[c.analysis.dialog];
    return resolveSegments(fixMilliseconds(c.raw, dialog), ctx);
  });
  return { segments, language: chosen.find((c) => c?.language)?.language };
}

const isTextDialog = (d: VconDialog): boolean =>
  d.body !== undefined &&
  d.body !== null &&
  (label(d.type) === "text" || (d.type === undefined && /^text\//i.test(mediaTypeOf(d) ?? "")));

function fromTextDialogs(frame: Frame): Segment[] {
  return (frame.doc.dialog ?? []).flatMap((d, index) => {
    if (!isTextDialog(d)) return [];
    const ctx = contextFor(frame, index);
    const structured = dialogStructure(d.body, d.encoding);
    const conversation = structured === undefined ? [] : segmentsFromBody(structured).segments;
    if (conversation.length > 0) return resolveSegments(conversation, ctx);
    const said = typeof d.body === "string" ? dialogText(d.body, d.encoding, mediaTypeOf(d)) : undefined;
    if (said === undefined) return [];
    // A message is said by its originator (by default the first of its parties) when it began.
    const originator = isIndex(d.originator) ? d.originator : ctx.dialogParties[0];
    const duration = d.duration && d.duration > 0 ? d.duration * 1000 : undefined;
    return resolveSegments(segmentsFromText(said, "message"), {
      ...ctx,
      defaultParty: originator,
      fallbackStartMs: ctx.offsetMs,
      fallbackEndMs: duration === undefined ? undefined : ctx.offsetMs + duration,
    });
  });
}

function fromConversationLists(frame: Frame, analyses: AnalysisView[]): Segment[] {
  for (const analysis of analyses) {
    if (notConversation.test(analysis.type) || !Array.isArray(analysis.body)) continue;
    const raw = segmentsFromBody(analysis.body).segments;
    if (raw.length >= 2 && raw.every((s) => s.speaker !== undefined || s.partyIndex !== undefined)) {
      return resolveSegments(raw, contextFor(frame, analysis.dialog));
    }
  }
  return [];
}

export type Transcript = {
  segments: Segment[];
  language?: string;
  /** Switchboard's own export, to be taken as it is. */
  isExact?: boolean;
};

export function transcriptOf(frame: Frame, analyses: AnalysisView[]): Transcript {
  const own = switchboardEntry(analyses, "transcript");
  const exact = own && switchboardTranscript(own.body);
  if (exact) return { segments: exact.slice(0, MAX_SEGMENTS), isExact: true };
  const fromAttachments = () =>
    fromAnalyses(
      frame,
      attachmentsAsAnalyses(frame.doc, (type) => transcriptType.test(type)),
    );
  const inAnalyses = fromAnalyses(frame, analyses);
  const found = inAnalyses && inAnalyses.segments.length > 0 ? inAnalyses : (fromAttachments() ?? inAnalyses);
  if (found && found.segments.length > 0) return { ...found, segments: found.segments.slice(0, MAX_SEGMENTS) };
  const texts = fromTextDialogs(frame);
  const segments = texts.length > 0 ? texts : fromConversationLists(frame, analyses);
  return { segments: segments.slice(0, MAX_SEGMENTS), language: found?.language };
}
