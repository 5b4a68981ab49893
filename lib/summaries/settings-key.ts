import { z } from "zod";

import { decryptSecret, encryptSecret } from "@/lib/secret-box";

import { isSameBaseUrl, normalisedBaseUrl } from "./settings-base-url";

// The stored API key belongs to the base URL it was entered with: it is sealed together with that
// URL, and opened only for it. Someone who may edit the settings but does not know the key cannot
// send it elsewhere by typing another URL (issue 12, item 3). No column was added for this: the
// binding lives inside the sealed value of the existing encrypted_api_key column.

const KEY_PURPOSE = "summaries.api-key";

export const API_KEY_AGAIN = "Enter the API key again to use a different base URL.";

const boundKeySchema = z.object({ apiKey: z.string(), baseUrl: z.string() });

/** The key sealed with the base URL it may be sent to. */
export function sealApiKey(apiKey: string, baseUrl: string): string {
  return encryptSecret(JSON.stringify({ apiKey, baseUrl: normalisedBaseUrl(baseUrl) }), KEY_PURPOSE);
}

/**
 * The key, if it may be sent to `baseUrl`. A key sealed before keys were bound (the bare key) is
 * taken as bound to its own row's URL, the only one it was ever used with since.
 */
export function openApiKey(sealed: string, baseUrl: string | null): string | undefined {
  const opened = decryptSecret(sealed, KEY_PURPOSE);
  let bound: z.infer<typeof boundKeySchema> | undefined;
  try {
    const parsed = boundKeySchema.safeParse(JSON.parse(opened));
    bound = parsed.success ? parsed.data : undefined;
  } catch {
    bound = undefined; // a bare key: API keys are never JSON
  }
  if (!bound) return opened;
  return isSameBaseUrl(bound.baseUrl, baseUrl) ? bound.apiKey : undefined;
}
