// What every summariser takes and gives, whichever produces it: the built-in extractive one or
// a model behind an OpenAI-compatible endpoint.

export type SummaryTranscriptSegment = {
  speaker?: string | null;
  speakerRole?: "caller" | "callee" | "agent" | "assistant" | null;
  startMs?: number | null;
  text: string;
};

export type SummaryInput = {
  transcript: SummaryTranscriptSegment[];
  /** What is known about the call besides its words. */
  call: {
    direction: string;
    startedAt: Date;
    durationSeconds: number | null;
    parties: Array<{ role: string; name?: string; number?: string }>;
    /** The language the vendor reported, if any ("de", "en-US", ...). */
    language: string | null;
    channel: string | null;
  };
  /** The organisation's base instructions (may be empty). */
  instructions: string;
  /** Instructions for this call only, given on "Regenerate" (SIPSIM's per-call base_instructions). */
  overrideInstructions?: string;
  /** A fixed output language (ISO 639-1, "de"), or undefined to write in the call's own. */
  language?: string;
};

export type SummaryOutput = {
  headline: string;
  summary: string;
  actionItems: string[];
  tags: string[];
  /** ISO 639-1 code of the language the summary is written in, when known. */
  language: string | null;
};

export type Summarizer = {
  /** What the summary's provenance says: "built-in" or the model's name. */
  producer: string;
  summarize(input: SummaryInput, signal?: AbortSignal): Promise<SummaryOutput>;
};

/** A summary that could not be made; the message is shown on the summary version as its reason. */
export class SummaryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SummaryError";
  }
}
