import { and, eq } from "drizzle-orm";

import { recordAudit, type Actor } from "@/lib/audit/record";
import type { Role } from "@/lib/auth/roles";
import { memberships } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";

import { assertCanManageRole, assertNotLastOwner, lockOrgMemberships } from "./owner-guard";

export async function changeMemberRole(
  db: Db,
  orgId: string,
  actor: Actor & { role: Role },
  input: { userId: string; role: Role },
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockOrgMemberships(tx, orgId);
    const [current] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, input.userId)))
      .for("update");
    if (!current) throw new AppError("not_found", "This person is not a member of the organisation.");
    if (current.role === input.role) return;
    assertCanManageRole(actor.role, current.role, input.role);
    if (current.role === "owner") await assertNotLastOwner(tx, orgId, input.userId, "Cannot change the role");
    await tx
      .update(memberships)
      .set({ role: input.role })
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, input.userId)));
    await recordAudit(tx, {
      orgId,
      actor,
      action: "member.role_changed",
      targetType: "user",
      targetId: input.userId,
      before: { role: current.role },
      after: { role: input.role },
    });
  });
}
