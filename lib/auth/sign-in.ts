import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db/types";
import { users } from "@/lib/db/schema";
import { emailSchema } from "@/lib/validation";
import { PASSWORD_MAX, verifyPassword } from "./passwords";
import { createSession } from "./sessions";
import { clearFailures, lockedUntil, MAX_FAILURES, recordFailure } from "./throttle";

const credentialsSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(PASSWORD_MAX),
});

export type SignInOutcome =
  | { kind: "signed-in"; user: { id: string; email: string; name: string | null }; sessionId: string }
  | { kind: "invalid"; attemptsLeft: number }
  | { kind: "throttled"; until: Date };

/**
 * Checks an email and password. Ten consecutive failures for one email from one IP pause
 * further tries for 15 minutes, whether or not the account exists, so the pause reveals nothing.
 */
export async function signInWithPassword(
  db: Db,
  input: { email: unknown; password: unknown; ip: string; userAgent?: string },
  now = new Date(),
): Promise<SignInOutcome> {
  const parsed = credentialsSchema.safeParse({ email: input.email, password: input.password });
  if (!parsed.success) return { kind: "invalid", attemptsLeft: MAX_FAILURES };
  const { email, password } = parsed.data;

  const pausedUntil = await lockedUntil(db, email, input.ip, now);
  if (pausedUntil) return { kind: "throttled", until: pausedUntil };

  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email));
  if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
    const state = await recordFailure(db, email, input.ip, now);
    if (state.lockedUntil && state.lockedUntil > now) return { kind: "throttled", until: state.lockedUntil };
    return { kind: "invalid", attemptsLeft: Math.max(0, MAX_FAILURES - state.failures) };
  }
  await clearFailures(db, email, input.ip);
  const session = await createSession(db, user.id, { ip: input.ip, userAgent: input.userAgent }, now);
  return { kind: "signed-in", user: { id: user.id, email: user.email, name: user.name }, sessionId: session.id };
}
