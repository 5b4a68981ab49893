import type { Summarizer } from "../types";
import { summarizeExtractive } from "./summarize";

export { detectLanguage } from "./language";
export { summarizeExtractive };

/** The offline summariser: no model, no network, the same summary for the same call every time. */
export const builtinSummarizer: Summarizer = {
  producer: "built-in",
  async summarize(input, signal) {
    signal?.throwIfAborted();
    return summarizeExtractive(input);
  },
};
