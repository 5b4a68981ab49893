import type { Mailer } from "@/lib/mail/mailer";
import { absoluteUrl } from "@/lib/server/urls";

/** Emails a reset link. True when the mail server took it; a failure is logged, never shown. */
export async function sendPasswordResetEmail(
  mailer: Mailer,
  reset: { to: string; token: string; next?: string; minutes: number },
): Promise<boolean> {
  const url = absoluteUrl(
    `/reset-password/${reset.token}${reset.next ? `?next=${encodeURIComponent(reset.next)}` : ""}`,
  );
  const text = [
    "Someone asked to reset the password of your Switchboard account. If it was you, open this link and choose a new password:",
    "",
    url,
    "",
    `The link works once, for ${reset.minutes} minutes. Setting a new password signs out every session of your account, on every device.`,
    "If you did not ask for this, ignore this email: your password stays as it is.",
  ].join("\n");
  try {
    await mailer.send({ to: reset.to, subject: "Reset your Switchboard password", text });
    return true;
  } catch (error) {
    console.error("Could not email a password reset link:", error);
    return false;
  }
}
