import { after } from "next/server";

import { getDb } from "@/lib/db/client";
import { configuredMailer } from "@/lib/mail/mailer";

import { findPasswordReset, requestPasswordReset, resetPassword } from "./password-reset";

/**
 * Looks the address up and sends the link after the response has gone out, so the answer comes
 * back equally fast whether or not the address has an account.
 */
export function requestPasswordResetAfterResponse(input: { email: string; ip: string; next?: string }): void {
  after(async () => {
    try {
      await requestPasswordReset(await getDb(), input, { mailer: configuredMailer() });
    } catch (error) {
      console.error("Password reset request failed:", error);
    }
  });
}

export async function passwordResetPageState(token: string): Promise<{ email: string } | undefined> {
  return findPasswordReset(await getDb(), token);
}

export async function resetPasswordWithLink(token: string, newPassword: string): Promise<{ email: string }> {
  return resetPassword(await getDb(), token, newPassword);
}
