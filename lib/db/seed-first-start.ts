import { sql } from "drizzle-orm";

import { saveAiFlowConfig } from "@/lib/aiflow/save-config";
import { systemActor } from "@/lib/audit/record";
import { generatePassword } from "@/lib/auth/passwords";
import { createFlow } from "@/lib/flows/create-flow";
import { receptionFlow } from "@/lib/flows/examples/reception";
import { autoLayout } from "@/lib/flows/ops";
import { publishFlow } from "@/lib/flows/publish-flow";
import { flowDocumentSchema } from "@/lib/flows/schema";
import { createIntegration } from "@/lib/integrations/create-integration";
import { createOrganisation } from "@/lib/orgs/create-org";
import { createUser } from "@/lib/users/create-user";
import { findUserByEmail } from "@/lib/users/queries";

import { seedDemoCalls } from "./demo-calls";
import { organisations } from "./schema";
import type { Db } from "./types";

export const DEMO_ORG = { name: "Demo", slug: "demo" } as const;
export const DEMO_ADMIN_EMAIL = "admin@example.com";

export const DEMO_FLOW_NUMBER = "+493012345600";

export type FirstStart = {
  orgSlug: string;
  email: string;
  password: string | undefined;
  /** The demo AI Flow endpoint: its path and token (shown once), answering DEMO_FLOW_NUMBER with the Reception flow. */
  aiFlow: { path: string; token: string };
};

/**
 * On an empty database, creates the "Demo" organisation, its owner with a random password, and a
 * few dozen demo calls.
 * Returns what to print once, or undefined when the database already had organisations.
 */
export async function seedFirstStart(db: Db): Promise<FirstStart | undefined> {
  return db.transaction(async (tx) => {
    // Several processes starting together on one PostgreSQL: only one may seed.
    await tx.execute(sql`select pg_advisory_xact_lock(727002)`);
    const [any] = await tx.select({ id: organisations.id }).from(organisations).limit(1);
    if (any) return undefined;
    const existing = await findUserByEmail(tx, DEMO_ADMIN_EMAIL);
    const password = existing ? undefined : generatePassword();
    const user =
      existing ?? (await createUser(tx, { email: DEMO_ADMIN_EMAIL, name: "Demo Admin", password: password ?? "" }));
    const org = await createOrganisation(tx, { ...DEMO_ORG, ownerUserId: user.id }, systemActor);
    await seedDemoCalls(tx, org.id);
    const flow = await createFlow(tx, org.id, systemActor, {
      name: "Reception",
      document: autoLayout(flowDocumentSchema.parse(receptionFlow)),
    });
    await publishFlow(tx, org.id, systemActor, { flowId: flow.id, note: "Example flow" });
    const endpoint = await createIntegration(tx, org.id, systemActor, { provider: "aiflow", name: "Demo assistant" });
    await saveAiFlowConfig(tx, org.id, systemActor, endpoint.id, {
      routes: [{ number: DEMO_FLOW_NUMBER, flowId: flow.id }],
    });
    return { orgSlug: org.slug, email: user.email, password, aiFlow: { path: endpoint.path, token: endpoint.secret } };
  });
}
