import { processSingleton } from "@/lib/process-singleton";

import type { AiFlowConfig } from "./config";

// What verify-token.ts remembers per integration id for a few seconds: known ids and, in their
// own bounded map (so a flood of made-up ids cannot push the real ones out), unknown ones.

export type AiFlowIntegration = { id: string; orgId: string; name: string; config: AiFlowConfig };

export type CachedIntegration = {
  /** Undefined: no AI Flow integration has this id. */
  integration?: AiFlowIntegration;
  isEnabled: boolean;
  secretHash: string;
  previousSecretHash: string | null;
  previousSecretExpiresAt: number;
  /** The digests of the current and previous secret as bytes (random ones where there is none). */
  current: Buffer;
  previous: Buffer;
  expires: number;
  /** The token that last matched the current secret: the next event compares against it without hashing. */
  accepted?: Buffer;
};

type Caches = { known: Map<string, CachedIntegration>; unknown: Map<string, CachedIntegration> };
const isCaches = (value: unknown): value is Caches =>
  typeof value === "object" && value !== null && "known" in value && "unknown" in value;
export const integrationCaches = () =>
  processSingleton("aiflow-integration-cache", isCaches, (): Caches => ({ known: new Map(), unknown: new Map() }));

/** Forgets one integration: its next request reads it again. */
export function forgetCachedIntegration(id: string): void {
  integrationCaches().known.delete(id);
  integrationCaches().unknown.delete(id);
}

export function forgetCachedIntegrations(): void {
  integrationCaches().known.clear();
  integrationCaches().unknown.clear();
}
