import { timingSafeEqual } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { integrations } from "@/lib/db/schema";
import { secretMatches } from "@/lib/auth/tokens";
import { processSingleton } from "@/lib/process-singleton";
import { isUuid } from "@/lib/ids";
import { readAiFlowConfig, type AiFlowConfig } from "./config";

// The one chokepoint for AI Flow requests: the integration comes from the URL, the tenant from
// the integration, and the X-API-TOKEN must match its stored hash (compared in constant time).
// Integrations are remembered for a few seconds per process, so an event costs no lookup; a
// change in this process forgets them at once, other processes notice within the TTL.

export type AiFlowIntegration = { id: string; orgId: string; name: string; config: AiFlowConfig };

type Entry = {
  integration: AiFlowIntegration;
  isEnabled: boolean;
  secretHash: string;
  previousSecretHash: string | null;
  previousSecretExpiresAt: number | null;
  expires: number;
  /** The token that last matched the current secret: the next event compares against it without hashing. */
  accepted?: Buffer;
};

const TTL_MS = 5000;
const isMap = (value: unknown): value is Map<string, Entry> => value instanceof Map;
const cache = () => processSingleton("aiflow-integration-cache", isMap, () => new Map<string, Entry>());

export function forgetAiFlowIntegrations(): void {
  cache().clear();
}

async function load(db: Db, integrationId: string, now: number): Promise<Entry | undefined> {
  const cached = cache().get(integrationId);
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
  if (!row) return undefined;
  const entry: Entry = {
    integration: { id: row.id, orgId: row.orgId, name: row.name, config: readAiFlowConfig(row.config) },
    isEnabled: row.isEnabled,
    secretHash: row.secretHash,
    previousSecretHash: row.previousSecretHash,
    previousSecretExpiresAt: row.previousSecretExpiresAt?.getTime() ?? null,
    expires: now + TTL_MS,
  };
  if (cache().size > 10_000) cache().clear();
  cache().set(integrationId, entry);
  return entry;
}

/** The enabled AI Flow integration this token opens, or undefined (answer 401 either way). */
export async function verifyAiFlowToken(db: Db, integrationId: string, token: string | undefined, now = Date.now()): Promise<AiFlowIntegration | undefined> {
  if (!token || token.length > 200 || !isUuid(integrationId)) return undefined;
  const entry = await load(db, integrationId, now);
  if (!entry || !entry.isEnabled) return undefined;
  if (entry.accepted && entry.accepted.length === Buffer.byteLength(token) && timingSafeEqual(entry.accepted, Buffer.from(token))) return entry.integration;
  const current = secretMatches(token, entry.secretHash);
  if (current) entry.accepted = Buffer.from(token);
  const previous = entry.previousSecretHash !== null && (entry.previousSecretExpiresAt ?? 0) > now && secretMatches(token, entry.previousSecretHash);
  return current || previous ? entry.integration : undefined;
}
