import { builtinSummarizer } from "./builtin";
import { createOpenAiSummarizer } from "./openai";
import type { SummarySettings } from "./settings";
import type { Summarizer } from "./types";

/** The summariser a settings version asks for. */
export function summarizerFor(settings: SummarySettings & { apiKey?: string }): Summarizer {
  if (settings.provider === "openai" && settings.baseUrl && settings.model) {
    return createOpenAiSummarizer({
      baseUrl: settings.baseUrl,
      model: settings.model,
      ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
    });
  }
  return builtinSummarizer;
}
