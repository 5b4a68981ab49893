import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { Db } from "@/lib/db/types";
import { users } from "@/lib/db/schema";
import { isUniqueViolation } from "@/lib/db/errors";
import { hashPassword, passwordProblem } from "@/lib/auth/passwords";
import { emailSchema, parseInput, personNameSchema } from "@/lib/validation";
import type { UserSummary } from "./queries";

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
      .returning({ id: users.id, email: users.email, name: users.name, mustChangePassword: users.mustChangePassword });
    if (!user) throw new Error("insert returned no row");
    return user;
  } catch (error) {
    if (isUniqueViolation(error, "users_email_key")) {
      throw new AppError("conflict", `A user with the email ${email} already exists.`, { email: "This email is already registered." });
    }
    throw error;
  }
}
