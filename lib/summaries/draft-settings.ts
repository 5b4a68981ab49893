import type { Db } from "@/lib/db/types";

import { storedApiKeyFor, type SummarySettings } from "./settings";
import type { SummarySettingsInput } from "./settings-input";

/**
 * The draft's settings with the key typed, or else the stored one (a key is never sent to the
 * page), which only goes to the base URL it was saved with: for another URL, this throws an
 * AppError asking for the key again beside the key field.
 */
export async function draftSettings(
  db: Db,
  orgId: string,
  input: SummarySettingsInput,
): Promise<SummarySettings & { apiKey?: string }> {
  const isKeyUsed = input.provider === "openai" && !input.removeApiKey;
  const apiKey = isKeyUsed ? input.apiKey || (await storedApiKeyFor(db, orgId, input.baseUrl)) : undefined;
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
