import { and, eq } from "drizzle-orm";

import { forgetAiFlowIntegrations } from "@/lib/aiflow/verify-token";
import { recordAudit, type Actor } from "@/lib/audit/record";
import { hashSecret, newSecret } from "@/lib/auth/tokens";
import { integrations } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { forgetLookups } from "@/lib/hooks/key-cache";

import { secretPrefix } from "./create-integration";
import { endpointPath, isProviderId } from "./providers";

/** A changed integration is forgotten by both credential caches (hook keys, AI Flow tokens) at once. */
function forgetCachedIntegrations(): void {
  forgetLookups();
  forgetAiFlowIntegrations();
}

export const ROTATION_GRACE_HOURS = 24;

const gone = () => new AppError("not_found", "This integration does not exist (any more).");

async function lockIntegration(tx: Db, orgId: string, id: string) {
  const [row] = await tx
    .select({
      id: integrations.id,
      provider: integrations.provider,
      name: integrations.name,
      isEnabled: integrations.isEnabled,
      secretHash: integrations.secretHash,
    })
    .from(integrations)
    .where(and(eq(integrations.id, id), eq(integrations.orgId, orgId)))
    .for("update");
  if (!row || !isProviderId(row.provider)) throw gone();
  return { ...row, provider: row.provider };
}

/**
 * Issues a new secret. The old one keeps working for 24 hours, so the vendor can be switched over
 * without losing a call in between; rotating again ends the older grace at once.
 */
export async function rotateIntegrationSecret(db: Db, orgId: string, id: string, actor: Actor, now = new Date()) {
  const rotated = await db.transaction(async (tx) => {
    const row = await lockIntegration(tx, orgId, id);
    const secret = newSecret(secretPrefix(row.provider));
    const graceUntil = new Date(now.getTime() + ROTATION_GRACE_HOURS * 60 * 60 * 1000);
    await tx
      .update(integrations)
      .set({ secretHash: hashSecret(secret), previousSecretHash: row.secretHash, previousSecretExpiresAt: graceUntil })
      .where(and(eq(integrations.id, id), eq(integrations.orgId, orgId)));
    await recordAudit(tx, {
      orgId,
      actor,
      action: "integration.secret_rotated",
      targetType: "integration",
      targetId: id,
      after: { previousValidUntil: graceUntil },
    });
    return {
      secret,
      path: endpointPath(row.provider, id, secret),
      previousValidUntil: graceUntil,
      provider: row.provider,
      name: row.name,
    };
  });
  forgetCachedIntegrations();
  return rotated;
}

/** Disabled integrations answer 404 to their vendor and record the refusal. */
export async function setIntegrationEnabled(
  db: Db,
  orgId: string,
  id: string,
  isEnabled: boolean,
  actor: Actor,
): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await lockIntegration(tx, orgId, id);
    if (row.isEnabled === isEnabled) return;
    await tx
      .update(integrations)
      .set({ isEnabled })
      .where(and(eq(integrations.id, id), eq(integrations.orgId, orgId)));
    await recordAudit(tx, {
      orgId,
      actor,
      action: isEnabled ? "integration.enabled" : "integration.disabled",
      targetType: "integration",
      targetId: id,
      before: { isEnabled: row.isEnabled },
      after: { isEnabled },
    });
  });
  forgetCachedIntegrations();
}

/** Deletes the integration and its secret; the calls it delivered stay in the inbox. */
export async function deleteIntegration(db: Db, orgId: string, id: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await lockIntegration(tx, orgId, id);
    await tx.delete(integrations).where(and(eq(integrations.id, id), eq(integrations.orgId, orgId)));
    await recordAudit(tx, {
      orgId,
      actor,
      action: "integration.deleted",
      targetType: "integration",
      targetId: id,
      before: { provider: row.provider, name: row.name },
    });
  });
  forgetCachedIntegrations();
}
