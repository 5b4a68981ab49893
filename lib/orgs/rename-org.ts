import { eq } from "drizzle-orm";
import { z } from "zod";

import { recordAudit, type Actor } from "@/lib/audit/record";
import { organisations } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { orgNameSchema, parseInput } from "@/lib/validation";

export async function renameOrganisation(db: Db, orgId: string, newName: string, actor: Actor): Promise<void> {
  const { name } = parseInput(z.object({ name: orgNameSchema }), { name: newName }, "Cannot rename the organisation");
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, orgId))
      .for("update");
    if (!before) throw new AppError("not_found", "No such organisation.");
    if (before.name === name) return;
    await tx.update(organisations).set({ name }).where(eq(organisations.id, orgId));
    await recordAudit(tx, {
      orgId,
      actor,
      action: "organisation.renamed",
      targetType: "organisation",
      targetId: orgId,
      before,
      after: { name },
    });
  });
}
