import { and, eq } from "drizzle-orm";

import { recordAudit, type Actor } from "@/lib/audit/record";
import type { Role } from "@/lib/auth/roles";
import { memberships, users } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";

import { assertCanManageRole, assertNotLastOwner, lockOrgMemberships } from "./owner-guard";

/** Removes a member from one organisation; their account and other memberships stay. */
export async function removeMember(
  db: Db,
  orgId: string,
  actor: Actor & { role: Role },
  userId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockOrgMemberships(tx, orgId);
    const [current] = await tx
      .select({ role: memberships.role, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
      .for("update", { of: memberships });
    if (!current) throw new AppError("not_found", "This person is not a member of the organisation.");
    if (actor.userId !== userId) assertCanManageRole(actor.role, current.role);
    if (current.role === "owner") await assertNotLastOwner(tx, orgId, userId, "Cannot remove this member");
    await tx.delete(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
    await recordAudit(tx, {
      orgId,
      actor,
      action: "member.removed",
      targetType: "user",
      targetId: userId,
      before: { email: current.email, role: current.role },
    });
  });
}
