import { getCurrentUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db/client";
import { acceptInvitation, findInvitation, type InvitationView } from "./invitations";

export type InvitationPageState =
  | { kind: "invalid" }
  | { kind: "new-account"; invitation: InvitationView }
  | { kind: "sign-in"; invitation: InvitationView }
  | { kind: "accept"; invitation: InvitationView }
  | { kind: "wrong-user"; invitation: InvitationView; signedInAs: string };

/** Decides what the invitation page offers: create an account, sign in first, or join. */
export async function invitationPageState(token: string): Promise<InvitationPageState> {
  const invitation = await findInvitation(await getDb(), token);
  if (!invitation) return { kind: "invalid" };
  const user = await getCurrentUser();
  if (user) return user.email === invitation.email ? { kind: "accept", invitation } : { kind: "wrong-user", invitation, signedInAs: user.email };
  return invitation.hasAccount ? { kind: "sign-in", invitation } : { kind: "new-account", invitation };
}

/** A new person accepts: their account is created with the password they chose. */
export async function acceptAsNewAccount(token: string, input: { name?: string; password: string }) {
  return acceptInvitation(await getDb(), token, { kind: "new", ...input });
}

/** A signed-in user accepts an invitation for their own address. */
export async function acceptAsCurrentUser(token: string, user: { id: string; email: string }) {
  return acceptInvitation(await getDb(), token, { kind: "signed-in", userId: user.id, email: user.email });
}
