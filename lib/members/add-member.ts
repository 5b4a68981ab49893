import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { z } from "zod";

import { recordAudit, type Actor } from "@/lib/audit/record";
import { generatePassword, hashPassword } from "@/lib/auth/passwords";
import { roles, type Role } from "@/lib/auth/roles";
import { hashSecret, newSecret } from "@/lib/auth/tokens";
import { isUniqueViolation } from "@/lib/db/errors";
import { invitations, memberships, organisations, users } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { configuredMailer, type Mailer } from "@/lib/mail/mailer";
import { createAccountForAdmin } from "@/lib/users/create-user";
import { emailSchema, parseInput } from "@/lib/validation";

import { sendInvitationEmail } from "./invitation-email";
import { assertCanManageRole } from "./owner-guard";

export const INVITATION_DAYS = 7;

export const addMemberSchema = z.object({
  email: emailSchema,
  role: z.enum(roles, { error: "Choose owner, admin or member." }),
  method: z.enum(["password", "invite"], { error: "Choose an invitation link, with or without a one-time password." }),
});

/**
 * Always an invitation: membership comes only from redeeming its link. The answer has the same
 * keys and kinds of values whether or not the address has an account, so an admin cannot find
 * out which addresses have one (an account may belong to someone another organisation knows).
 */
export type AddMemberResult = {
  email: string;
  role: Role;
  method: "invite" | "password";
  /** Goes into the link shown once; only its hash is stored. */
  token: string;
  expiresAt: Date;
  /**
   * With method "password", in every case. It becomes the password of a new account when the
   * address had none; otherwise it is stored nowhere and the person signs in with their own.
   */
  oneTimePassword: string | null;
  /** The link was also emailed to the address (method "invite" with SMTP configured). */
  isEmailed: boolean;
};

export async function addMember(
  db: Db,
  orgId: string,
  actor: Actor & { role: Role },
  input: { email: string; role: string; method: string },
  options: { mailer?: Mailer | null; now?: Date } = {},
): Promise<AddMemberResult> {
  const { email, role, method } = parseInput(addMemberSchema, input, "Cannot add the member");
  assertCanManageRole(actor.role, "member", role);
  const now = options.now ?? new Date();
  // Hashed before the transaction and whether or not it is used, so neither a held transaction
  // nor the response time tells an existing account from a new one.
  const oneTimePassword = method === "password" ? generatePassword() : null;
  const passwordHash = oneTimePassword ? await hashPassword(oneTimePassword) : null;
  let created: { token: string; expiresAt: Date; orgName: string };
  try {
    created = await inviteInTransaction(db, orgId, actor, { email, role, method, passwordHash }, now);
  } catch (error) {
    // Two admins inviting the same address at the same moment: one wins, the other is told.
    if (isUniqueViolation(error, "invitations_open_email_key")) {
      throw new AppError("conflict", `${email} was just invited by someone else. Reload to see it.`, {
        email: "Just invited by someone else.",
      });
    }
    throw error;
  }
  const mailer = options.mailer === undefined ? configuredMailer() : options.mailer;
  const isEmailed =
    method === "invite" && mailer !== null
      ? await sendInvitationEmail(mailer, {
          to: email,
          orgName: created.orgName,
          inviter: actor.label,
          role,
          token: created.token,
          expiresAt: created.expiresAt,
        })
      : false;
  return { email, role, method, token: created.token, expiresAt: created.expiresAt, oneTimePassword, isEmailed };
}

async function inviteInTransaction(
  db: Db,
  orgId: string,
  actor: Actor,
  { email, role, method, passwordHash }: z.output<typeof addMemberSchema> & { passwordHash: string | null },
  now: Date,
): Promise<{ token: string; expiresAt: Date; orgName: string }> {
  return db.transaction(async (tx) => {
    const [org] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, orgId));
    if (!org) throw new AppError("not_found", "No such organisation.");
    // Members are listed on the admin's own page already; saying so reveals nothing new.
    const [member] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, orgId), eq(users.email, email)));
    if (member)
      throw new AppError("conflict", `${email} is already a member.`, {
        email: "Already a member of this organisation.",
      });

    if (passwordHash) await provideOneTimePassword(tx, orgId, actor, email, passwordHash, now);

    const token = newSecret("sbi");
    const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 24 * 60 * 60 * 1000);
    // A new invitation replaces an open one for the same address: only the newest link works.
    await tx
      .delete(invitations)
      .where(and(eq(invitations.orgId, orgId), eq(invitations.email, email), isNull(invitations.acceptedAt)));
    const [invitation] = await tx
      .insert(invitations)
      .values({ orgId, email, role, tokenHash: hashSecret(token), invitedBy: actor.userId, expiresAt })
      .returning({ id: invitations.id });
    // The same entry either way: the audit log is read by admins too.
    await recordAudit(tx, {
      orgId,
      actor,
      action: "member.invited",
      targetType: "invitation",
      targetId: invitation?.id,
      after: { email, role, method },
    });
    return { token, expiresAt, orgName: org.name };
  });
}

/**
 * Makes the one-time password work if this organisation may decide the address's password: a
 * new account is created with it, or an account this organisation's admins created that has
 * never been signed in to gets it instead of the earlier one (a second try after a lost
 * password). Any other account is left alone and the password is stored nowhere.
 */
async function provideOneTimePassword(
  tx: Db,
  orgId: string,
  actor: Actor,
  email: string,
  passwordHash: string,
  now: Date,
): Promise<void> {
  const createdUser = await createAccountForAdmin(tx, { email, passwordHash, orgId, adminUserId: actor.userId }, now);
  if (createdUser) return;
  await tx
    .update(users)
    .set({ passwordHash })
    .where(
      and(
        eq(users.email, email),
        eq(users.createdByOrgId, orgId),
        isNotNull(users.createdByAdminAt),
        isNull(users.lastSignInAt),
      ),
    );
}

/** What the admin sees after adding someone: the secret parts turned into links, shown once. */
export type AddMemberView = {
  email: string;
  method: "invite" | "password";
  url: string;
  expiresAt: string;
  oneTimePassword: string | null;
  isEmailed: boolean;
};
