import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { users } from "@/lib/db/schema";

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
