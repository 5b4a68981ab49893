import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/db/errors";
import type { Db } from "@/lib/db/types";
import { invitations, memberships, users } from "@/lib/db/schema";
import { recordAudit, type Actor } from "@/lib/audit/record";
import { generatePassword } from "@/lib/auth/passwords";
import { hashSecret, newSecret } from "@/lib/auth/tokens";
import { roles, type Role } from "@/lib/auth/roles";
import { createUser } from "@/lib/users/create-user";
import { emailSchema, parseInput } from "@/lib/validation";
import { assertCanManageRole } from "./owner-guard";

export const INVITATION_DAYS = 7;

export const addMemberSchema = z.object({
  email: emailSchema,
  role: z.enum(roles, { error: "Choose owner, admin or member." }),
  method: z.enum(["password", "invite"], { error: "Choose a one-time password or an invitation link." }),
});

export type AddMemberResult =
  /** The address already had an account: it is a member now. */
  | { kind: "added"; email: string }
  /** A new account with a password to hand over once; it must be changed at first sign-in. */
  | { kind: "one-time-password"; email: string; password: string }
  /** An invitation; the token goes into a link shown once. */
  | { kind: "invitation"; email: string; token: string; expiresAt: Date };

export async function addMember(
  db: Db,
  orgId: string,
  actor: Actor & { role: Role },
  input: { email: string; role: string; method: string },
): Promise<AddMemberResult> {
  const { email, role, method } = parseInput(addMemberSchema, input, "Cannot add the member");
  assertCanManageRole(actor.role, "member", role);
  try {
    return await addInTransaction(db, orgId, actor, { email, role, method });
  } catch (error) {
    // Two admins inviting the same address at the same moment: one wins, the other is told.
    if (isUniqueViolation(error, "invitations_open_email_key") || isUniqueViolation(error, "memberships_org_id_user_id_pk")) {
      throw new AppError("conflict", `${email} was just added or invited by someone else. Reload to see it.`, { email: "Just added by someone else." });
    }
    throw error;
  }
}

async function addInTransaction(
  db: Db,
  orgId: string,
  actor: Actor & { role: Role },
  { email, role, method }: z.output<typeof addMemberSchema>,
): Promise<AddMemberResult> {
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id, memberRole: memberships.role })
      .from(users)
      .leftJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.orgId, orgId)))
      .where(eq(users.email, email));
    if (existing?.memberRole) {
      throw new AppError("conflict", `${email} is already a member.`, { email: "Already a member of this organisation." });
    }
    const audit = { orgId, actor, targetType: "user", after: { email, role, method } } as const;

    if (existing) {
      await tx.insert(memberships).values({ orgId, userId: existing.id, role });
      await recordAudit(tx, { ...audit, action: "member.added", targetId: existing.id });
      return { kind: "added", email };
    }
    if (method === "password") {
      const password = generatePassword();
      const user = await createUser(tx, { email, password, mustChangePassword: true });
      await tx.insert(memberships).values({ orgId, userId: user.id, role });
      await recordAudit(tx, { ...audit, action: "member.added", targetId: user.id });
      return { kind: "one-time-password", email, password };
    }
    const token = newSecret("sbi");
    const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60 * 1000);
    // A new invitation replaces an open one for the same address: only the newest link works.
    await tx.delete(invitations).where(and(eq(invitations.orgId, orgId), eq(invitations.email, email), isNull(invitations.acceptedAt)));
    const [invitation] = await tx
      .insert(invitations)
      .values({ orgId, email, role, tokenHash: hashSecret(token), invitedBy: actor.userId, expiresAt })
      .returning({ id: invitations.id });
    await recordAudit(tx, { ...audit, action: "member.invited", targetType: "invitation", targetId: invitation?.id });
    return { kind: "invitation", email, token, expiresAt };
  });
}

/** What the admin sees after adding someone: the secret parts turned into links, shown once. */
export type AddMemberView =
  | { kind: "added"; email: string }
  | { kind: "one-time-password"; email: string; password: string; signInUrl: string }
  | { kind: "invitation"; email: string; url: string; expiresAt: string };
