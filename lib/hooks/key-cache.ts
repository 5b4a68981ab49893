import { processSingleton } from "@/lib/process-singleton";

import type { HookIntegration } from "./verify-hook-key";

// Every delivery would otherwise look its key up in the database first. Found keys are
// remembered for a few seconds, shared by the fast path and the Next.js copy of this module.
// Disabling, rotating or deleting an integration clears the cache at once in this process;
// other processes notice within the TTL. Unknown keys are never cached.

const TTL_MS = 5000;
const MAX_ENTRIES = 10_000;

type Entry = { value: HookIntegration; expires: number };
const isMap = (value: unknown): value is Map<string, Entry> => value instanceof Map;
const cache = () => processSingleton("hook-key-cache", isMap, () => new Map<string, Entry>());

export function cachedLookup(hash: string, now = Date.now()): HookIntegration | undefined {
  const entry = cache().get(hash);
  return entry && entry.expires > now ? entry.value : undefined;
}

export function rememberLookup(hash: string, value: HookIntegration, now = Date.now()): void {
  const map = cache();
  if (map.size >= MAX_ENTRIES) map.clear();
  map.set(hash, { value, expires: now + TTL_MS });
}

/** After an integration changed (enabled, disabled, rotated, deleted). */
export function forgetLookups(): void {
  cache().clear();
}
