import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";

import type { Role } from "@/lib/auth/roles";
import { invitations, memberships, users } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

export type Member = {
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  joinedAt: Date;
  lastSignInAt: Date | null;
  /** An organisation's admin created the account with a one-time password; its owner has not taken it back yet. */
  isAdminCreated: boolean;
};

export async function listMembers(db: Db, orgId: string): Promise<Member[]> {
  const rows = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      joinedAt: memberships.createdAt,
      lastSignInAt: users.lastSignInAt,
      createdByAdminAt: users.createdByAdminAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(asc(users.email));
  return rows.map(({ createdByAdminAt, ...member }) => ({ ...member, isAdminCreated: createdByAdminAt !== null }));
}

export type OpenInvitation = { id: string; email: string; role: Role; expiresAt: Date; invitedBy: string | null };

export async function listOpenInvitations(db: Db, orgId: string, now = new Date()): Promise<OpenInvitation[]> {
  const inviter = alias(users, "inviter");
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      invitedBy: inviter.email,
    })
    .from(invitations)
    .leftJoin(inviter, eq(inviter.id, invitations.invitedBy))
    .where(and(eq(invitations.orgId, orgId), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
    .orderBy(asc(invitations.email));
}

export async function findMemberRole(db: Db, orgId: string, userId: string): Promise<Role | undefined> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return row?.role;
}
