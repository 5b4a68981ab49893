import { getCurrentUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db/client";
import { isEmailConfigured } from "@/lib/mail/mailer";

import { acceptInvitation, findInvitation, type InvitationView } from "./invitations";

export type InvitationPageState =
  | { kind: "invalid" }
  | { kind: "new-account"; invitation: InvitationView }
  | { kind: "sign-in"; invitation: InvitationView; canResetPassword: boolean }
  | { kind: "take-back"; invitation: InvitationView }
  | { kind: "change-password"; invitation: InvitationView }
  | { kind: "accept"; invitation: InvitationView }
  | { kind: "wrong-user"; invitation: InvitationView; signedInAs: string };

/**
 * Decides what the invitation page offers: create an account, sign in first, choose an own
 * password first, take the account back first, or join. The link holder is the invitee, so the
 * page may say whether the address has an account.
 */
export async function invitationPageState(token: string): Promise<InvitationPageState> {
  const invitation = await findInvitation(await getDb(), token);
  if (!invitation) return { kind: "invalid" };
  const user = await getCurrentUser();
  if (user && user.email !== invitation.email) return { kind: "wrong-user", invitation, signedInAs: user.email };
  if (invitation.isCreatedByOtherOrgAdmin && isEmailConfigured()) return { kind: "take-back", invitation };
  if (!user)
    return invitation.hasAccount
      ? { kind: "sign-in", invitation, canResetPassword: isEmailConfigured() }
      : { kind: "new-account", invitation };
  return user.mustChangePassword ? { kind: "change-password", invitation } : { kind: "accept", invitation };
}

/** A new person accepts: their account is created with the password they chose. */
export async function acceptAsNewAccount(token: string, input: { name?: string; password: string }) {
  return acceptInvitation(await getDb(), token, { kind: "new", ...input }, { isEmailConfigured: isEmailConfigured() });
}

/** A signed-in user accepts an invitation for their own address. */
export async function acceptAsCurrentUser(token: string, user: { id: string; email: string }) {
  return acceptInvitation(
    await getDb(),
    token,
    { kind: "signed-in", userId: user.id, email: user.email },
    { isEmailConfigured: isEmailConfigured() },
  );
}
