import { decodeBody } from "./bodies";
import { mediaTypeOf, type VconDocument } from "./document";
import { isIndex, label, stringText } from "./values";

/** An analysis entry with its body decoded once, for all the readers that look at it. */
export type AnalysisView = {
  /** Position in `analysis` (or in `attachments`, for an attachment read as an analysis). */
  index: number;
  /** Lower-cased `type` ("transcript", "summary", "wtf_transcription"). */
  type: string;
  isSwitchboard: boolean;
  /** The body by its real type (see bodies.ts); undefined when it is only a URL. */
  body: unknown;
  mediaType?: string;
  /** A language stated on the entry itself rather than in its body. */
  language?: string;
  /** The single dialog the analysis is about, when it names exactly one. */
  dialog?: number;
};

function singleDialog(value: unknown): number | undefined {
  if (isIndex(value)) return value;
  return Array.isArray(value) && value.length === 1 && isIndex(value[0]) ? value[0] : undefined;
}

export function analysesOf(doc: VconDocument): AnalysisView[] {
  return (doc.analysis ?? []).map((a, index) => ({
    index,
    type: label(a.type) ?? "",
    isSwitchboard: label(a.vendor) === "switchboard",
    // py-vcon before 0.0.1 kept the transcript under `transcript` instead of `body`.
    body: decodeBody(a.body ?? a.transcript, a.encoding),
    mediaType: mediaTypeOf(a),
    language: stringText(a.language),
    dialog: singleDialog(a.dialog),
  }));
}

/**
 * Attachments of the wanted kinds seen as analyses. Some producers file a transcript as an
 * attachment (`purpose` or, before vCon 0.3, `type` "wtf_transcription"): ietf2vcon before its
 * output is normalised, and vcon-server's WTF link alongside the vendor's own analysis. Only the
 * wanted ones are decoded, so large binary attachments are never touched.
 */
export function attachmentsAsAnalyses(doc: VconDocument, isWanted: (type: string) => boolean): AnalysisView[] {
  return (doc.attachments ?? []).flatMap((a, index) => {
    const type = label(a.purpose ?? a.type) ?? "";
    if (!isWanted(type)) return [];
    const body = decodeBody(a.body, a.encoding);
    return [
      {
        index,
        type,
        isSwitchboard: false,
        body,
        mediaType: mediaTypeOf(a),
        language: stringText(a.language),
        dialog: singleDialog(a.dialog),
      },
    ];
  });
}

/** Switchboard's own entry of a type, which wins over any other vendor's. */
export const switchboardEntry = (analyses: AnalysisView[], type: string): AnalysisView | undefined =>
  analyses.find((a) => a.isSwitchboard && a.type === type);

/** All entries with Switchboard's own first, for readers where ours wins over other vendors'. */
export const switchboardFirst = (analyses: AnalysisView[]): AnalysisView[] => [
  ...analyses.filter((a) => a.isSwitchboard),
  ...analyses.filter((a) => !a.isSwitchboard),
];
