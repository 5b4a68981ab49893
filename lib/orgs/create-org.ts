import { z } from "zod";

import { recordAudit, type Actor } from "@/lib/audit/record";
import { isUniqueViolation } from "@/lib/db/errors";
import { memberships, organisations } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { orgNameSchema, parseInput, slugSchema } from "@/lib/validation";

import type { OrgSummary } from "./queries";

const inputSchema = z.object({ name: orgNameSchema, slug: slugSchema });

/** Creates an organisation; when an owner is given, they become its first member. */
export async function createOrganisation(
  db: Db,
  input: { name: string; slug: string; ownerUserId?: string },
  actor: Actor,
): Promise<OrgSummary> {
  const { name, slug } = parseInput(inputSchema, input, "Cannot create the organisation");
  try {
    return await db.transaction(async (tx) => {
      const [org] = await tx
        .insert(organisations)
        .values({ name, slug })
        .returning({ id: organisations.id, slug: organisations.slug, name: organisations.name });
      if (!org) throw new Error("insert returned no row");
      if (input.ownerUserId)
        await tx.insert(memberships).values({ orgId: org.id, userId: input.ownerUserId, role: "owner" });
      await recordAudit(tx, {
        orgId: org.id,
        actor,
        action: "organisation.created",
        targetType: "organisation",
        targetId: org.id,
        after: org,
      });
      return org;
    });
  } catch (error) {
    if (isUniqueViolation(error, "organisations_slug_key")) {
      throw new AppError("conflict", `The address "${slug}" is already taken.`, {
        slug: "This address is already taken.",
      });
    }
    throw error;
  }
}
