import { eq } from "drizzle-orm";

import { organisations, users } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

export const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  mustChangePassword: users.mustChangePassword,
};

export type UserSummary = { id: string; email: string; name: string | null; mustChangePassword: boolean };

export async function findUserByEmail(db: Db, email: string): Promise<UserSummary | undefined> {
  const [row] = await db.select(userColumns).from(users).where(eq(users.email, email.trim().toLowerCase()));
  return row;
}

export async function getPasswordHash(db: Db, userId: string): Promise<string | null | undefined> {
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return row?.passwordHash;
}

/**
 * When an organisation's admin created this account with a one-time password and its owner has
 * not taken it back through a password reset yet: when, and by which organisation (null when
 * that organisation was deleted since). Undefined for every other account.
 */
export type AdminCreatedMark = { at: Date; orgId: string | null; orgName: string | null };

export async function findAdminCreatedMark(db: Db, userId: string): Promise<AdminCreatedMark | undefined> {
  const [row] = await db
    .select({ at: users.createdByAdminAt, orgId: users.createdByOrgId, orgName: organisations.name })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.createdByOrgId))
    .where(eq(users.id, userId));
  return row?.at ? { at: row.at, orgId: row.orgId, orgName: row.orgName } : undefined;
}
