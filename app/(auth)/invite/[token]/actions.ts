"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/current-user";
import type { ActionState } from "@/lib/auth/org-action";
import { newPasswordSchema } from "@/lib/auth/passwords";
import { isAppError } from "@/lib/errors";
import { acceptAsCurrentUser, acceptAsNewAccount } from "@/lib/members/invitation-page";
import { fieldErrors, personNameSchema } from "@/lib/validation";

const newAccountSchema = z
  .object({
    token: z.string().max(100),
    name: personNameSchema.optional(),
    password: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The two passwords differ." });

/** A new person accepts: creates their account, then signs in with it. */
export async function acceptAsNewAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = newAccountSchema.safeParse(Object.fromEntries(formData.entries()));
  if (!parsed.success) return { ok: false, error: "Please correct the fields marked below.", fields: fieldErrors(parsed.error) };
  let email: string;
  try {
    ({ email } = await acceptAsNewAccount(parsed.data.token, { name: parsed.data.name, password: parsed.data.password }));
  } catch (error) {
    if (isAppError(error)) return { ok: false, error: error.message, fields: error.fields };
    throw error;
  }
  redirect(`/sign-in?joined=1&email=${encodeURIComponent(email)}`);
}

/** Someone with an account, signed in as the invited address, joins. */
export async function acceptAsUserAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const token = z.string().max(100).parse(formData.get("token"));
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`);
  let orgSlug: string;
  try {
    ({ orgSlug } = await acceptAsCurrentUser(token, user));
  } catch (error) {
    if (isAppError(error)) return { ok: false, error: error.message };
    throw error;
  }
  redirect(`/${orgSlug}/dashboard`);
}
