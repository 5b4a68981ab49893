import { z } from "zod";

import { recordAudit, type Actor } from "@/lib/audit/record";
import { hashSecret, newSecret } from "@/lib/auth/tokens";
import { integrations } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { parseInput } from "@/lib/validation";

import { endpointPath, providerIds, providers, type ProviderId } from "./providers";

export const createIntegrationSchema = z.object({
  provider: z.enum(providerIds, { error: `Choose one of: ${providerIds.join(", ")}.` }),
  name: z.string().trim().min(1, "Enter a name.").max(80, "Use at most 80 characters."),
});

export type CreatedIntegration = {
  id: string;
  provider: ProviderId;
  name: string;
  /** Shown once: the hook key (part of the URL) or the X-API-TOKEN. Only its hash is stored. */
  secret: string;
  /** Path of the endpoint the vendor calls; prefix it with the app's public URL. */
  path: string;
};

export const secretPrefix = (provider: ProviderId) => (providers[provider].kind === "aiflow" ? "sbt" : "sbk");

export async function createIntegration(
  db: Db,
  orgId: string,
  actor: Actor,
  input: { provider: string; name: string },
): Promise<CreatedIntegration> {
  const { provider, name } = parseInput(createIntegrationSchema, input, "Cannot create the integration");
  const secret = newSecret(secretPrefix(provider));
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(integrations)
      .values({ orgId, provider, name, secretHash: hashSecret(secret), createdBy: actor.userId })
      .returning({ id: integrations.id });
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, {
      orgId,
      actor,
      action: "integration.created",
      targetType: "integration",
      targetId: row.id,
      after: { provider, name },
    });
    return { id: row.id, provider, name, secret, path: endpointPath(provider, row.id, secret) };
  });
}

/** What the admin sees once after creating an integration. */
export type CreatedIntegrationView = {
  name: string;
  provider: ProviderId;
  providerLabel: string;
  kind: "hook" | "aiflow";
  url: string;
  token?: string;
};
