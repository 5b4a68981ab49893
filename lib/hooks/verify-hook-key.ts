import { and, eq, gt } from "drizzle-orm";

import { hashSecret } from "@/lib/auth/tokens";
import { integrations } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

import { cachedLookup, rememberLookup } from "./key-cache";

export type HookIntegration = { id: string; orgId: string; provider: string; isEnabled: boolean };

const KEY_FORMAT = /^sbk_[A-Za-z0-9_-]{43}$/;

const columns = {
  id: integrations.id,
  orgId: integrations.orgId,
  provider: integrations.provider,
  isEnabled: integrations.isEnabled,
};

/**
 * The integration a hook key belongs to: the tenant comes from the credential, never from the
 * payload. A rotated-out key keeps working until its grace period ends. The key is looked up by
 * its SHA-256, so the comparison never touches the secret itself.
 */
export async function verifyHookKey(
  db: Db,
  provider: string,
  key: string,
  now = new Date(),
): Promise<HookIntegration | undefined> {
  if (!KEY_FORMAT.test(key)) return undefined;
  const hash = hashSecret(key);
  const cached = cachedLookup(hash, now.getTime());
  if (cached) return cached.provider === provider ? cached : undefined;
  const found = await lookUp(db, hash, now);
  if (found) rememberLookup(hash, found, now.getTime());
  return found && found.provider === provider ? found : undefined;
}

async function lookUp(db: Db, hash: string, now: Date): Promise<HookIntegration | undefined> {
  const [current] = await db.select(columns).from(integrations).where(eq(integrations.secretHash, hash));
  const found =
    current ??
    (
      await db
        .select(columns)
        .from(integrations)
        .where(and(eq(integrations.previousSecretHash, hash), gt(integrations.previousSecretExpiresAt, now)))
    )[0];
  return found;
}
