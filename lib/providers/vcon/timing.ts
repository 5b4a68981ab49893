import type { Segment } from "@/lib/calls/model";

import type { VconDocument } from "./document";
import { finiteNumber, isRecord } from "./values";

export type Timing = {
  startedAt?: Date;
  endedAt?: Date;
  durationSeconds?: number;
  vendorUpdatedAt?: Date;
};

/**
 * When the call happened: it starts with its earliest dialog (the vCon's creation time when no
 * dialog has a start) and lasts from there to the end of its latest dialog. Dialogs without a
 * start but with a duration (rare) add up instead. A producer's `meta.duration` is the fallback
 * when the dialogs give nothing better than zero (fake and redacted files often say 0).
 */
export function timingOf(doc: VconDocument): Timing {
  const dialogs = doc.dialog ?? [];
  let first: number | undefined;
  let last: number | undefined;
  let sum = 0;
  for (const d of dialogs) {
    const seconds = d.duration ?? 0;
    sum += seconds;
    if (!d.start) continue;
    const start = d.start.getTime();
    const end = start + seconds * 1000;
    first = first === undefined ? start : Math.min(first, start);
    last = last === undefined ? end : Math.max(last, end);
  }
  const hasDurations = dialogs.some((d) => d.duration !== undefined);
  const startsKnown = dialogs.filter((d) => d.start).length;

  let fromDialogs: number | undefined;
  if (first !== undefined && last !== undefined && (hasDurations || startsKnown > 1))
    fromDialogs = (last - first) / 1000;
  else if (first === undefined && hasDurations) fromDialogs = sum;

  const meta = isRecord(doc.meta) ? finiteNumber(doc.meta.duration) : undefined;
  const chosen =
    fromDialogs !== undefined && fromDialogs > 0 ? fromDialogs : meta !== undefined && meta >= 0 ? meta : fromDialogs;
  const durationSeconds = chosen === undefined ? undefined : Math.round(chosen);

  const startedAt = first !== undefined ? new Date(first) : doc.created_at;
  const endedAt =
    startedAt && durationSeconds !== undefined ? new Date(startedAt.getTime() + durationSeconds * 1000) : undefined;
  return { startedAt, endedAt, durationSeconds, vendorUpdatedAt: doc.updated_at ?? doc.created_at };
}

/**
 * A call whose vCon says nothing better than "0 seconds" (py-vcon writes 0 for external
 * recordings) but whose transcript runs for minutes lasts at least until its last line ends.
 */
export function stretchToTranscript(timing: Timing, segments: Segment[]): Timing {
  if ((timing.durationSeconds ?? 0) > 0) return timing;
  const lastMs = segments.reduce((max, s) => Math.max(max, s.endMs ?? s.startMs ?? 0), 0);
  if (lastMs === 0) return timing;
  const durationSeconds = Math.ceil(lastMs / 1000);
  const endedAt = timing.startedAt ? new Date(timing.startedAt.getTime() + durationSeconds * 1000) : undefined;
  return { ...timing, durationSeconds, endedAt };
}
