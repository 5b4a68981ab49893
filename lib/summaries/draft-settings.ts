import type { Db } from "@/lib/db/types";
import { storedApiKey, type SummarySettings } from "./settings";
import type { SummarySettingsInput } from "./settings-input";

/** The draft's settings with the key typed, or else the stored one (a key is never sent to the page). */
export async function draftSettings(db: Db, orgId: string, input: SummarySettingsInput): Promise<SummarySettings & { apiKey?: string }> {
  const apiKey = input.removeApiKey ? undefined : input.apiKey || (await storedApiKey(db, orgId));
  return {
    version: input.baseVersion,
    baseInstructions: input.baseInstructions,
    provider: input.provider,
    baseUrl: input.baseUrl || null,
    model: input.model || null,
    hasApiKey: Boolean(apiKey),
    apiKeyHint: null,
    includeInternal: input.includeInternal,
    language: input.language || null,
    restoredFrom: null,
    authorLabel: null,
    createdAt: null,
    ...(apiKey ? { apiKey } : {}),
  };
}
