import { eq } from "drizzle-orm";
import { z } from "zod";

import { users } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { emailSchema } from "@/lib/validation";

import { PASSWORD_MAX, verifyPassword } from "./passwords";
import { createSession } from "./sessions";
import { chargeAttempt, isKnownAddress, settleSuccess, type Charged } from "./throttle";
import { addressKey, attemptsLeft, isLocked, MAX_FAILURES, type Scope } from "./throttle-rules";

const credentialsSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(PASSWORD_MAX),
});

export type SignInOutcome =
  | { kind: "signed-in"; user: { id: string; email: string; name: string | null }; sessionId: string }
  /** `limit`: the counter closest to pausing, which the warning names. */
  | { kind: "invalid"; attemptsLeft: number; limit: Scope }
  | { kind: "throttled"; until: Date; scope: Scope };

/**
 * Checks an email and password, within the throttle's three limits (throttle-rules.ts): per
 * email and address, per email from anywhere, per address across emails. They count whether or
 * not the account exists, so neither a pause nor the attempts left reveal it.
 */
export async function signInWithPassword(
  db: Db,
  input: { email: unknown; password: unknown; ip: string; userAgent?: string },
  now = new Date(),
): Promise<SignInOutcome> {
  const parsed = credentialsSchema.safeParse({ email: input.email, password: input.password });
  if (!parsed.success) return { kind: "invalid", attemptsLeft: MAX_FAILURES, limit: "pair" };
  const { email, password } = parsed.data;

  const keys = { email, address: addressKey(input.ip), isKnownAddress: await isKnownAddress(db, email, input.ip, now) };
  const charged = await chargeAttempt(db, keys, now);
  if (!charged.allowed) return { kind: "throttled", until: charged.until, scope: charged.scope };

  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email));
  if (!(await verifyPassword(user?.passwordHash, password)) || !user) return failureOutcome(charged.counters, now);
  await settleSuccess(db, keys);
  const session = await createSession(db, user.id, { ip: input.ip, userAgent: input.userAgent }, now);
  return { kind: "signed-in", user: { id: user.id, email: user.email, name: user.name }, sessionId: session.id };
}

// On a tie the per-address pause is named: its message is the one people know from before.
const order: Scope[] = ["pair", "network", "account"];

/** The try was charged already (throttle.ts): say whether that started a pause, or how close one is. */
function failureOutcome(counters: Charged[], now: Date): SignInOutcome {
  const paused = counters
    .filter((c) => isLocked(c.counter, now))
    .sort((a, b) => (b.counter.lockedUntil?.getTime() ?? 0) - (a.counter.lockedUntil?.getTime() ?? 0))[0];
  if (paused?.counter.lockedUntil) return { kind: "throttled", until: paused.counter.lockedUntil, scope: paused.scope };
  const closest = counters
    .map((c) => ({ scope: c.scope, left: attemptsLeft(c.scope, c.counter) }))
    .sort((a, b) => a.left - b.left || order.indexOf(a.scope) - order.indexOf(b.scope))[0];
  return { kind: "invalid", attemptsLeft: closest?.left ?? MAX_FAILURES, limit: closest?.scope ?? "pair" };
}
