import { and, desc, eq } from "drizzle-orm";

import { integrations } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

import { isProviderId, type ProviderId } from "./providers";

export type IntegrationSummary = {
  id: string;
  provider: ProviderId;
  name: string;
  isEnabled: boolean;
  lastEventAt: Date | null;
  acceptedCount: number;
  refusedCount: number;
  createdAt: Date;
  previousSecretExpiresAt: Date | null;
};

const columns = {
  id: integrations.id,
  provider: integrations.provider,
  name: integrations.name,
  isEnabled: integrations.isEnabled,
  lastEventAt: integrations.lastEventAt,
  acceptedCount: integrations.acceptedCount,
  refusedCount: integrations.refusedCount,
  createdAt: integrations.createdAt,
  previousSecretExpiresAt: integrations.previousSecretExpiresAt,
};

const known = <T extends { provider: string }>(row: T): (T & { provider: ProviderId })[] =>
  isProviderId(row.provider) ? [{ ...row, provider: row.provider }] : [];

export async function listIntegrations(db: Db, orgId: string): Promise<IntegrationSummary[]> {
  const rows = await db
    .select(columns)
    .from(integrations)
    .where(eq(integrations.orgId, orgId))
    .orderBy(desc(integrations.createdAt));
  return rows.flatMap(known);
}

export async function getIntegration(db: Db, orgId: string, id: string): Promise<IntegrationSummary | undefined> {
  const rows = await db
    .select(columns)
    .from(integrations)
    .where(and(eq(integrations.id, id), eq(integrations.orgId, orgId)));
  return rows.flatMap(known)[0];
}

/** The integration's non-secret settings (AI Flow routing, ...). */
export async function getIntegrationConfig(
  db: Db,
  orgId: string,
  id: string,
): Promise<Record<string, unknown> | undefined> {
  const [row] = await db
    .select({ config: integrations.config })
    .from(integrations)
    .where(and(eq(integrations.id, id), eq(integrations.orgId, orgId)));
  return row?.config;
}
