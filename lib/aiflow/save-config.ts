import { and, eq, inArray } from "drizzle-orm";

import { recordAudit, type Actor } from "@/lib/audit/record";
import { flows, integrations } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

import { aiFlowConfigSchema, readAiFlowConfig, type AiFlowConfig } from "./config";
import { forgetAiFlowIntegrations } from "./verify-token";

/** Sets which flow answers which number of an AI Flow integration, and the fallback. */
export async function saveAiFlowConfig(
  db: Db,
  orgId: string,
  actor: Actor,
  integrationId: string,
  input: unknown,
): Promise<AiFlowConfig> {
  const config = parseInput(aiFlowConfigSchema, input, "Cannot save the routing");
  const saved = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: integrations.id, provider: integrations.provider, config: integrations.config })
      .from(integrations)
      .where(and(eq(integrations.orgId, orgId), eq(integrations.id, integrationId)))
      .for("update");
    if (!row || row.provider !== "aiflow") throw new AppError("not_found", "No such AI Flow integration.");
    const flowIds = [...new Set(config.routes.map((r) => r.flowId))];
    const found = flowIds.length
      ? await tx
          .select({ id: flows.id })
          .from(flows)
          .where(and(eq(flows.orgId, orgId), inArray(flows.id, flowIds)))
      : [];
    const missing = config.routes.findIndex((r) => !found.some((f) => f.id === r.flowId));
    if (missing >= 0)
      throw new AppError("unprocessable", "Cannot save the routing: a chosen flow does not exist.", {
        [`routes.${missing}.flowId`]: "No such flow.",
      });
    const before = readAiFlowConfig(row.config);
    await tx
      .update(integrations)
      .set({ config: { ...row.config, ...config } })
      .where(and(eq(integrations.orgId, orgId), eq(integrations.id, integrationId)));
    await recordAudit(tx, {
      orgId,
      actor,
      action: "integration.routing_changed",
      targetType: "integration",
      targetId: integrationId,
      before,
      after: config,
    });
    return config;
  });
  forgetAiFlowIntegrations();
  return saved;
}

/** Adds or replaces one number's route, keeping the rest (the CLI's route-number). */
export async function routeNumber(
  db: Db,
  orgId: string,
  actor: Actor,
  integrationId: string,
  route: { number: string; flowId: string },
): Promise<AiFlowConfig> {
  const [row] = await db
    .select({ config: integrations.config })
    .from(integrations)
    .where(and(eq(integrations.orgId, orgId), eq(integrations.id, integrationId)));
  if (!row) throw new AppError("not_found", "No such AI Flow integration.");
  const current = readAiFlowConfig(row.config);
  return saveAiFlowConfig(db, orgId, actor, integrationId, {
    ...current,
    routes: [...current.routes.filter((r) => r.number !== route.number.replace(/[^\d+]/g, "")), route],
  });
}
