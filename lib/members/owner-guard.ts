import { and, eq } from "drizzle-orm";

import type { Role } from "@/lib/auth/roles";
import { memberships, organisations } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";

/**
 * Serialises membership changes within one organisation. Every change takes this lock first, so
 * two changes can never lock member rows in opposite orders (a deadlock on PostgreSQL). NO KEY
 * UPDATE does not block inserts that reference the organisation.
 */
export async function lockOrgMemberships(tx: Db, orgId: string): Promise<void> {
  const [org] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, orgId))
    .for("no key update");
  if (!org) throw new AppError("not_found", "No such organisation.");
}

/**
 * Locks the organisation's owner rows and refuses when `userId` is the only one. Two admins
 * demoting the last two owners at once serialise on these locks, so one of them is refused.
 */
export async function assertNotLastOwner(tx: Db, orgId: string, userId: string, what: string): Promise<void> {
  const owners = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "owner")))
    .for("update");
  if (owners.length === 1 && owners[0]?.userId === userId) {
    throw new AppError(
      "conflict",
      `${what}: this is the organisation's last owner. Make another member an owner first.`,
    );
  }
}

/** Granting or taking away the owner role is for owners only. */
export function assertCanManageRole(actorRole: Role, targetRole: Role, newRole?: Role): void {
  if ((targetRole === "owner" || newRole === "owner") && actorRole !== "owner") {
    throw new AppError("forbidden", "Only an owner can grant or remove the owner role.");
  }
}
