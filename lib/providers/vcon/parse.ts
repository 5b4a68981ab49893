import { normalisedCallSchema, type ParseResult } from "@/lib/calls/model";
import { withinStorableRanges } from "@/lib/calls/storable";

import { analysesOf, type AnalysisView } from "./analyses";
import { fieldPath, vconDocumentSchema, type VconDialog, type VconDocument } from "./document";
import { identify, wrappedForm, wrappedFormMessage } from "./envelope";
import { insightsOf } from "./insights";
import { directionOf, mapParties } from "./parties";
import { checkReferences } from "./references";
import { stretchToTranscript, timingOf } from "./timing";
import { transcriptOf } from "./transcript";
import { clip, isRecord, stringText, text } from "./values";

// vCon importer: any vCon (IETF draft 0.4.0 back to py-vcon's 0.0.1, with the quirks real
// producers have) becomes Switchboard's normalised call, or a refusal that says what is wrong.
// Pure: nothing is fetched (external recordings and analyses stay URLs) and nothing is stored.

const vconLists = ["parties", "dialog", "analysis", "attachments"];

/**
 * True when a JSON body is a vCon (or a signed/encrypted one) rather than another vendor's
 * payload. A webhook that may receive either uses this to pick the parser; it only has to
 * tell vCons from other JSON, not check that the vCon is valid.
 */
export function isVconLike(body: unknown): boolean {
  if (wrappedForm(body)) return true;
  if (!isRecord(body)) return false;
  if (typeof body.vcon === "string") return true;
  const lists = vconLists.filter((key) => Array.isArray(body[key])).length;
  if (typeof body.uuid === "string" && lists >= 1) return true;
  return Array.isArray(body.parties) && Array.isArray(body.dialog);
}

function refusal(problems: Record<string, string>): ParseResult {
  const entries = Object.entries(problems);
  const shown = entries.slice(0, 5).map(([path, message]) => `${path} ${message}`);
  const more = entries.length > 5 ? ` (and ${entries.length - 5} more)` : "";
  return { ok: false, error: `The vCon is not valid: ${shown.join("; ")}${more}.`, fields: problems };
}

/** The document's structure checked by zod and its references by index range, all at once. */
function readDocument(
  body: Record<string, unknown>,
): { ok: true; doc: VconDocument } | { ok: false; result: ParseResult } {
  const parsed = vconDocumentSchema.safeParse(body);
  const problems: Record<string, string> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) problems[fieldPath(issue.path)] ??= issue.message;
  Object.assign(problems, checkReferences(body));
  if (!parsed.success || Object.keys(problems).length > 0) return { ok: false, result: refusal(problems) };
  return { ok: true, doc: parsed.data };
}

const languageTag = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i;

/** A language tag from the transcript, else from any analysis body that states one. */
function languageOf(found: string | undefined, analyses: AnalysisView[]): string | undefined {
  const stated = [found];
  for (const { body, language } of analyses) {
    stated.push(language);
    if (!isRecord(body)) continue;
    stated.push(stringText(body.language), stringText(body.detected_language));
    if (isRecord(body.transcript)) stated.push(stringText(body.transcript.language));
  }
  return stated.map((l) => l?.replace(/_/g, "-")).find((l) => l !== undefined && l.length <= 35 && languageTag.test(l));
}

/** The line or channel: the dialog's `application` (vCon 0.3+) or a producer's meta.channel. */
function channelOf(doc: VconDocument): string | undefined {
  const fromDialog = (doc.dialog ?? []).map((d: VconDialog) => stringText(d.application)).find(Boolean);
  return clip(fromDialog ?? (isRecord(doc.meta) ? text(doc.meta.channel) : undefined), 200);
}

export function parseVcon(body: unknown): ParseResult {
  const form = wrappedForm(body);
  if (form) return { ok: false, error: wrappedFormMessage[form] };
  if (!isRecord(body)) {
    return {
      ok: false,
      error: `Not a vCon: expected a JSON object, got ${Array.isArray(body) ? "an array" : typeof body}.`,
    };
  }
  const identity = identify(body);
  if (!identity.ok) return { ok: false, error: identity.error, fields: identity.fields };
  const read = readDocument(body);
  if (!read.ok) return read.result;

  const { doc } = read;
  const parties = mapParties(doc);
  const timing = timingOf(doc);
  const analyses = analysesOf(doc);
  const transcript = transcriptOf({ doc, parties, callStart: timing.startedAt }, analyses);

  const call = normalisedCallSchema.safeParse(
    withinStorableRanges({
      vendorCallId: identity.vendorCallId,
      direction: directionOf(doc, parties),
      ...(transcript.isExact ? timing : stretchToTranscript(timing, transcript.segments)),
      channel: channelOf(doc),
      ...insightsOf(doc, analyses),
      language: languageOf(transcript.language, analyses),
      // The model holds 100 parties; a larger meeting keeps its first 100 (never reordered).
      parties: parties.slice(0, 100).map((p) => p.party),
      transcript: transcript.segments,
    }),
  );
  if (!call.success) {
    const problems: Record<string, string> = {};
    for (const issue of call.error.issues) problems[fieldPath(issue.path)] ??= issue.message;
    return { ok: false, error: "The vCon does not fit Switchboard's limits.", fields: problems };
  }
  return { ok: true, call: call.data };
}
