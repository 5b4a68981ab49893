import { z } from "zod";

import { hashPassword, passwordProblem } from "@/lib/auth/passwords";
import { isUniqueViolation } from "@/lib/db/errors";
import { users } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { emailSchema, parseInput, personNameSchema } from "@/lib/validation";

import { userColumns, type UserSummary } from "./queries";

export type CreateUserInput = {
  email: string;
  name?: string;
  password: string;
  /** Set for one-time passwords handed out by an admin: the user picks their own at first sign-in. */
  mustChangePassword?: boolean;
};

const inputSchema = z.object({ email: emailSchema, name: personNameSchema.optional() });

export async function createUser(db: Db, input: CreateUserInput): Promise<UserSummary> {
  const { email, name } = parseInput(inputSchema, input, "Cannot create the user");
  const problem = passwordProblem(input.password, email);
  if (problem) throw new AppError("unprocessable", `The password is too weak: ${problem}`, { password: problem });
  const passwordHash = await hashPassword(input.password);
  try {
    const [user] = await db
      .insert(users)
      .values({ email, name: name || null, passwordHash, mustChangePassword: input.mustChangePassword ?? false })
      .returning(userColumns);
    if (!user) throw new Error("insert returned no row");
    return user;
  } catch (error) {
    if (isUniqueViolation(error, "users_email_key")) {
      throw new AppError("conflict", `A user with the email ${email} already exists.`, {
        email: "This email is already registered.",
      });
    }
    throw error;
  }
}

/**
 * Creates an account for an organisation's admin, with a one-time password they hand over, and
 * marks it as such (see users.createdByAdminAt). Returns undefined when the address already has
 * an account, also when another request created it a moment ago: callers must not tell apart
 * "created" and "existed" in anything the admin sees.
 */
export async function createAccountForAdmin(
  db: Db,
  input: { email: string; passwordHash: string; orgId: string; adminUserId?: string },
  now = new Date(),
): Promise<UserSummary | undefined> {
  const [user] = await db
    .insert(users)
    .values({
      email: input.email,
      passwordHash: input.passwordHash,
      mustChangePassword: true,
      createdByAdminAt: now,
      createdByOrgId: input.orgId,
      createdByUserId: input.adminUserId ?? null,
    })
    .onConflictDoNothing({ target: users.email })
    .returning(userColumns);
  return user;
}
