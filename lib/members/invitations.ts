import { and, eq, gt, isNull } from "drizzle-orm";

import { recordAudit } from "@/lib/audit/record";
import type { Role } from "@/lib/auth/roles";
import { hashSecret } from "@/lib/auth/tokens";
import { invitations, memberships, organisations, users } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";

export type InvitationView = {
  id: string;
  orgId: string;
  orgName: string;
  orgSlug: string;
  email: string;
  role: Role;
  /** Told only to the link holder, who is the invitee. */
  hasAccount: boolean;
  /**
   * The address's account was created by an admin of another organisation with a one-time
   * password and not taken back since: that admin may hold it (see acceptInvitation).
   */
  isCreatedByOtherOrgAdmin: boolean;
};

const gone = () => new AppError("not_found", "This invitation link is not valid any more. Ask an admin for a new one.");

export const TAKE_BACK_MESSAGE =
  "An admin of another organisation created this account with a one-time password, so someone else may know its password. " +
  "Take it back first: reset the password through “Forgot password?”, then open this link again.";

/** The open, unexpired invitation behind a link token. */
export async function findInvitation(db: Db, token: string, now = new Date()): Promise<InvitationView | undefined> {
  return (await loadInvitation(db, token, now))?.view;
}

async function loadInvitation(db: Db, token: string, now: Date) {
  if (!/^sbi_[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const [row] = await db
    .select({
      id: invitations.id,
      orgId: invitations.orgId,
      orgName: organisations.name,
      orgSlug: organisations.slug,
      email: invitations.email,
      role: invitations.role,
      userId: users.id,
      mustChangePassword: users.mustChangePassword,
      createdByAdminAt: users.createdByAdminAt,
      createdByOrgId: users.createdByOrgId,
    })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.orgId))
    .leftJoin(users, eq(users.email, invitations.email))
    .where(
      and(eq(invitations.tokenHash, hashSecret(token)), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)),
    );
  if (!row) return undefined;
  const { userId, mustChangePassword, createdByAdminAt, createdByOrgId, ...rest } = row;
  const view: InvitationView = {
    ...rest,
    hasAccount: userId !== null,
    isCreatedByOtherOrgAdmin: createdByAdminAt !== null && createdByOrgId !== row.orgId,
  };
  return { view, mustChangePassword: mustChangePassword === true };
}

/**
 * Accepts an invitation: the only way into an organisation besides the operator's CLI. A new
 * person sets their password here; someone who already has an account must be signed in as the
 * invited address, have chosen their own password, and, when email is set up (so a reset link
 * can prove who owns the address), must have taken back an account another organisation's
 * admin created for them.
 */
export async function acceptInvitation(
  db: Db,
  token: string,
  who: { kind: "new"; name?: string; password: string } | { kind: "signed-in"; userId: string; email: string },
  options: { isEmailConfigured: boolean },
): Promise<{ orgSlug: string; email: string }> {
  return db.transaction(async (tx) => {
    const loaded = await loadInvitation(tx, token, new Date());
    if (!loaded) throw gone();
    const invitation = loaded.view;
    // Lock the invitation so a double submit cannot accept it twice.
    const [locked] = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt)))
      .for("update");
    if (!locked) throw gone();
    let userId: string;
    if (who.kind === "new") {
      if (invitation.hasAccount)
        throw new AppError("conflict", `An account for ${invitation.email} exists. Sign in to accept.`);
      userId = (await createUser(tx, { email: invitation.email, name: who.name, password: who.password })).id;
    } else {
      if (who.email !== invitation.email) {
        throw new AppError(
          "forbidden",
          `This invitation is for ${invitation.email}. Sign in with that address to accept it.`,
        );
      }
      if (loaded.mustChangePassword)
        throw new AppError("forbidden", "Choose your own password first, then accept the invitation.");
      if (options.isEmailConfigured && invitation.isCreatedByOtherOrgAdmin)
        throw new AppError("forbidden", TAKE_BACK_MESSAGE);
      userId = who.userId;
    }
    await tx
      .insert(memberships)
      .values({ orgId: invitation.orgId, userId, role: invitation.role })
      .onConflictDoNothing();
    await tx.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, invitation.id));
    await recordAudit(tx, {
      orgId: invitation.orgId,
      actor: { userId, label: invitation.email },
      action: "member.joined",
      targetType: "user",
      targetId: userId,
      after: { email: invitation.email, role: invitation.role },
    });
    return { orgSlug: invitation.orgSlug, email: invitation.email };
  });
}

export async function revokeInvitation(
  db: Db,
  orgId: string,
  invitationId: string,
  actor: { userId?: string; label: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(invitations)
      .where(and(eq(invitations.id, invitationId), eq(invitations.orgId, orgId), isNull(invitations.acceptedAt)))
      .returning({ email: invitations.email });
    if (deleted.length === 0) throw new AppError("not_found", "This invitation does not exist any more.");
    await recordAudit(tx, {
      orgId,
      actor,
      action: "member.invitation_revoked",
      targetType: "invitation",
      targetId: invitationId,
      before: deleted[0],
    });
  });
}
