import { roleLabel, type Role } from "@/lib/auth/roles";
import type { Mailer } from "@/lib/mail/mailer";
import { absoluteUrl } from "@/lib/server/urls";

/**
 * Emails an invitation link to the invited address. True when the mail server took it; a
 * failure is logged and reported as false, so the admin knows to pass the link on themselves.
 */
export async function sendInvitationEmail(
  mailer: Mailer,
  invitation: { to: string; orgName: string; inviter: string; role: Role; token: string; expiresAt: Date },
): Promise<boolean> {
  const text = [
    `${invitation.inviter} invited you to join ${invitation.orgName} on Switchboard as ${roleLabel[invitation.role].toLowerCase()}.`,
    "",
    `Open this link to accept: ${absoluteUrl(`/invite/${invitation.token}`)}`,
    "",
    `It works once, until ${invitation.expiresAt.toISOString().replace("T", " ").slice(0, 16)} UTC.`,
    "If you already have a Switchboard account for this address, you sign in with it; otherwise you choose a password there.",
    "If you did not expect this invitation, ignore this email.",
  ].join("\n");
  try {
    await mailer.send({ to: invitation.to, subject: `Join ${invitation.orgName} on Switchboard`, text });
    return true;
  } catch (error) {
    console.error("Could not email an invitation:", error);
    return false;
  }
}
