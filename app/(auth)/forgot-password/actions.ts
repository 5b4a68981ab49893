"use server";

import { headers } from "next/headers";

import { formFields, runAction, type ActionState } from "@/lib/auth/action-state";
import { clientIp } from "@/lib/auth/client-ip";
import { forgotPasswordSchema } from "@/lib/auth/password-reset";
import { requestPasswordResetAfterResponse } from "@/lib/auth/password-reset-page";
import { isEmailConfigured } from "@/lib/mail/mailer";

const RESET_REQUESTED_MESSAGE =
  "If an account exists for that address, we sent a link to it. The link works for 1 hour.";

/** The same answer for every valid address: whether an account exists is never shown here. */
export async function forgotPasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  if (!isEmailConfigured()) return { ok: false, error: "Password reset by email is not set up here." };
  const ip = clientIp(await headers());
  return runAction(forgotPasswordSchema, formFields(formData), async (input) => {
    requestPasswordResetAfterResponse({ email: input.email, next: input.next, ip });
    return { message: RESET_REQUESTED_MESSAGE };
  });
}
