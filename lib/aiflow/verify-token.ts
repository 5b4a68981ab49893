import { randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { integrations } from "@/lib/db/schema";
import { hashSecret } from "@/lib/auth/tokens";
import { processSingleton } from "@/lib/process-singleton";
import { isUuid } from "@/lib/ids";
import { readAiFlowConfig, type AiFlowConfig } from "./config";

// The one chokepoint for AI Flow requests: the integration comes from the URL, the tenant from
// the integration, and the X-API-TOKEN must match its stored hash (compared in constant time).
// Integrations are remembered for a few seconds per process, so an event costs no lookup; a
// change in this process forgets them at once, other processes notice within the TTL.
//
// A refusal must not tell whether the id exists: an unknown id is remembered like a known one
// (in its own bounded map, so a flood of made-up ids cannot push the real ones out), and every
// refusal hashes the token and compares it with two digests, stand-ins when there are none.

export type AiFlowIntegration = { id: string; orgId: string; name: string; config: AiFlowConfig };

/** What a token opened: the integration, whether by its current or its previous secret, and that secret's stored hash. */
export type AiFlowCredential = { integration: AiFlowIntegration; standing: "current" | "previous"; secretHash: string };

type Entry = {
  /** Undefined: no AI Flow integration has this id. */
  integration?: AiFlowIntegration;
  isEnabled: boolean;
  secretHash: string;
  previousSecretHash: string | null;
  previousSecretExpiresAt: number;
  current: Buffer;
  previous: Buffer;
  expires: number;
  /** The token that last matched the current secret: the next event compares against it without hashing. */
  accepted?: Buffer;
};

const TTL_MS = 5000;
const MAX_ENTRIES = 10_000;
type Caches = { known: Map<string, Entry>; unknown: Map<string, Entry> };
const isCaches = (value: unknown): value is Caches => typeof value === "object" && value !== null && "known" in value && "unknown" in value;
const caches = () => processSingleton("aiflow-integration-cache", isCaches, (): Caches => ({ known: new Map(), unknown: new Map() }));

export function forgetAiFlowIntegrations(): void {
  caches().known.clear();
  caches().unknown.clear();
}

/** A stored hash as the 32 bytes it stands for; anything else (no hash) as bytes no token hashes to. */
const digest = (hex: string | null): Buffer => {
  const bytes = hex ? Buffer.from(hex, "hex") : Buffer.alloc(0);
  return bytes.length === 32 ? bytes : randomBytes(32);
};

async function load(db: Db, integrationId: string, now: number): Promise<Entry> {
  const { known, unknown } = caches();
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
  const entry: Entry = row
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
    : { isEnabled: false, secretHash: "", previousSecretHash: null, previousSecretExpiresAt: 0, current: digest(null), previous: digest(null), expires: now + TTL_MS };
  const into = row ? known : unknown;
  if (into.size >= MAX_ENTRIES) into.clear();
  (row ? unknown : known).delete(integrationId);
  into.set(integrationId, entry);
  return entry;
}

/** The enabled AI Flow integration this token opens and how, or undefined (answer 401 either way). */
export async function verifyAiFlowCredential(db: Db, integrationId: string, token: string | undefined, now = Date.now()): Promise<AiFlowCredential | undefined> {
  if (!token || token.length > 200 || !isUuid(integrationId)) return undefined;
  const entry = await load(db, integrationId, now);
  const presented = Buffer.from(token);
  const isAccepted = entry.accepted !== undefined && entry.accepted.length === presented.length && timingSafeEqual(entry.accepted, presented);
  if (isAccepted && entry.integration && entry.isEnabled) return { integration: entry.integration, standing: "current", secretHash: entry.secretHash };
  // From here on the same work whatever the entry is: one hash, two comparisons.
  const hashed = Buffer.from(hashSecret(token), "hex");
  const isCurrent = timingSafeEqual(hashed, entry.current);
  const isPrevious = timingSafeEqual(hashed, entry.previous) && entry.previousSecretExpiresAt > now;
  if (!entry.integration || !entry.isEnabled) return undefined;
  if (isCurrent) {
    entry.accepted = presented;
    return { integration: entry.integration, standing: "current", secretHash: entry.secretHash };
  }
  return isPrevious && entry.previousSecretHash ? { integration: entry.integration, standing: "previous", secretHash: entry.previousSecretHash } : undefined;
}

/** The enabled AI Flow integration this token opens, or undefined (answer 401 either way). */
export async function verifyAiFlowToken(db: Db, integrationId: string, token: string | undefined, now = Date.now()): Promise<AiFlowIntegration | undefined> {
  return (await verifyAiFlowCredential(db, integrationId, token, now))?.integration;
}
