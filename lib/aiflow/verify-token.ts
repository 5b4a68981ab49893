import { randomBytes, timingSafeEqual } from "node:crypto";

import { and, eq } from "drizzle-orm";

import { hashSecret } from "@/lib/auth/tokens";
import { integrations } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { isUuid } from "@/lib/ids";

import { readAiFlowConfig } from "./config";
import {
  forgetCachedIntegrations,
  integrationCaches,
  type AiFlowIntegration,
  type CachedIntegration,
} from "./integration-cache";
import { recheckOpenSockets } from "./open-sockets";

// The one chokepoint for AI Flow requests: the integration comes from the URL, the tenant from
// the integration, and the X-API-TOKEN must match its stored hash (compared in constant time).
// Integrations are remembered for a few seconds per process, so an event costs no lookup; a
// change in this process forgets them at once (and checks its open sockets), other processes
// notice within the TTL (and their sockets within open-sockets' RECHECK_MS).
//
// A refusal must not tell whether the id exists: an unknown id is remembered like a known one
// (integration-cache.ts), and every refusal hashes the token and compares it with two digests,
// stand-ins when there are none.

export type { AiFlowIntegration } from "./integration-cache";

/** What a token opened: the integration, whether by its current or its previous secret, and that secret's stored hash. */
export type AiFlowCredential = { integration: AiFlowIntegration; standing: "current" | "previous"; secretHash: string };

const TTL_MS = 5000;
const MAX_ENTRIES = 10_000;

/** Forgets every integration (after a change in this process) and checks this process's open sockets at once. */
export function forgetAiFlowIntegrations(): void {
  forgetCachedIntegrations();
  void recheckOpenSockets();
}

/** A stored hash as the 32 bytes it stands for; anything else (no hash) as bytes no token hashes to. */
const digest = (hex: string | null): Buffer => {
  const bytes = hex ? Buffer.from(hex, "hex") : Buffer.alloc(0);
  return bytes.length === 32 ? bytes : randomBytes(32);
};

async function load(db: Db, integrationId: string, now: number): Promise<CachedIntegration> {
  const { known, unknown } = integrationCaches();
  // Both maps are asked every time, so a remembered unknown id costs what a known one does.
  const remembered = known.get(integrationId);
  const rememberedUnknown = unknown.get(integrationId);
  const cached = remembered ?? rememberedUnknown;
  if (cached && cached.expires > now) return cached;
  const [row] = await db
    .select({
      id: integrations.id,
      orgId: integrations.orgId,
      name: integrations.name,
      config: integrations.config,
      isEnabled: integrations.isEnabled,
      secretHash: integrations.secretHash,
      previousSecretHash: integrations.previousSecretHash,
      previousSecretExpiresAt: integrations.previousSecretExpiresAt,
    })
    .from(integrations)
    .where(and(eq(integrations.id, integrationId), eq(integrations.provider, "aiflow")));
  const entry: CachedIntegration = row
    ? {
        integration: { id: row.id, orgId: row.orgId, name: row.name, config: readAiFlowConfig(row.config) },
        isEnabled: row.isEnabled,
        secretHash: row.secretHash,
        previousSecretHash: row.previousSecretHash,
        previousSecretExpiresAt: row.previousSecretExpiresAt?.getTime() ?? 0,
        current: digest(row.secretHash),
        previous: digest(row.previousSecretHash),
        expires: now + TTL_MS,
      }
    : {
        isEnabled: false,
        secretHash: "",
        previousSecretHash: null,
        previousSecretExpiresAt: 0,
        current: digest(null),
        previous: digest(null),
        expires: now + TTL_MS,
      };
  const into = row ? known : unknown;
  if (into.size >= MAX_ENTRIES) into.clear();
  (row ? unknown : known).delete(integrationId);
  into.set(integrationId, entry);
  return entry;
}

/** The enabled AI Flow integration this token opens and how, or undefined (answer 401 either way). */
export async function verifyAiFlowCredential(
  db: Db,
  integrationId: string,
  token: string | undefined,
  now = Date.now(),
): Promise<AiFlowCredential | undefined> {
  if (!token || token.length > 200 || !isUuid(integrationId)) return undefined;
  const entry = await load(db, integrationId, now);
  const presented = Buffer.from(token);
  const isAccepted =
    entry.accepted !== undefined &&
    entry.accepted.length === presented.length &&
    timingSafeEqual(entry.accepted, presented);
  if (isAccepted && entry.integration && entry.isEnabled)
    return { integration: entry.integration, standing: "current", secretHash: entry.secretHash };
  // From here on the same work whatever the entry is: one hash, two comparisons.
  const hashed = Buffer.from(hashSecret(token), "hex");
  const isCurrent = timingSafeEqual(hashed, entry.current);
  const isPrevious = timingSafeEqual(hashed, entry.previous) && entry.previousSecretExpiresAt > now;
  if (!entry.integration || !entry.isEnabled) return undefined;
  if (isCurrent) {
    entry.accepted = presented;
    return { integration: entry.integration, standing: "current", secretHash: entry.secretHash };
  }
  return isPrevious && entry.previousSecretHash
    ? { integration: entry.integration, standing: "previous", secretHash: entry.previousSecretHash }
    : undefined;
}

/** The enabled AI Flow integration this token opens, or undefined (answer 401 either way). */
export async function verifyAiFlowToken(
  db: Db,
  integrationId: string,
  token: string | undefined,
  now = Date.now(),
): Promise<AiFlowIntegration | undefined> {
  return (await verifyAiFlowCredential(db, integrationId, token, now))?.integration;
}
