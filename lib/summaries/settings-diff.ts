import { diffWords } from "diff";

import { languageLabel } from "./languages";
import type { SummarySettings } from "./settings";

export type TextChange = { value: string; kind: "same" | "added" | "removed" };
export type SettingsDiff = {
  instructions: TextChange[];
  hasInstructionChanges: boolean;
  fields: Array<{ label: string; before: string; after: string }>;
};

const providerLabel = (s: SummarySettings) =>
  s.provider === "openai" ? `OpenAI-compatible (${s.model ?? "?"} at ${s.baseUrl ?? "?"})` : "Built-in (offline)";

/** What changed from one settings version to the next: the instructions word by word, the rest by field. */
export function diffSettings(before: SummarySettings, after: SummarySettings): SettingsDiff {
  const instructions = diffWords(before.baseInstructions, after.baseInstructions).map((part): TextChange => ({
    value: part.value,
    kind: part.added ? "added" : part.removed ? "removed" : "same",
  }));
  const fields: SettingsDiff["fields"] = [];
  const compare = (label: string, a: string, b: string) => {
    if (a !== b) fields.push({ label, before: a, after: b });
  };
  compare("Model", providerLabel(before), providerLabel(after));
  compare(
    "API key",
    before.hasApiKey ? `ending in ${before.apiKeyHint ?? "…"}` : "none",
    after.hasApiKey ? `ending in ${after.apiKeyHint ?? "…"}` : "none",
  );
  compare(
    "Internal calls",
    before.includeInternal ? "summarised" : "not summarised",
    after.includeInternal ? "summarised" : "not summarised",
  );
  compare("Summary language", languageLabel(before.language), languageLabel(after.language));
  return { instructions, hasInstructionChanges: instructions.some((p) => p.kind !== "same"), fields };
}
