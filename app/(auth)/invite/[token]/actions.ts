"use server";

import { redirect } from "next/navigation";
import { z } from "zod";

import { formFields, runAction, type ActionState } from "@/lib/auth/action-state";
import { getCurrentUser } from "@/lib/auth/current-user";
import { newPasswordSchema } from "@/lib/auth/passwords";
import { acceptAsCurrentUser, acceptAsNewAccount } from "@/lib/members/invitation-page";
import { personNameSchema } from "@/lib/validation";

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
  const state = await runAction(newAccountSchema, formFields(formData), async (input) => ({
    data: (await acceptAsNewAccount(input.token, { name: input.name, password: input.password })).email,
  }));
  if (state?.ok && state.data) redirect(`/sign-in?joined=1&email=${encodeURIComponent(state.data)}`);
  return state;
}

/** Someone with an account, signed in as the invited address, joins. */
export async function acceptAsUserAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const token = z.string().max(100).parse(formData.get("token"));
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`);
  if (user.mustChangePassword) redirect(`/account/password?next=${encodeURIComponent(`/invite/${token}`)}`);
  const state = await runAction(z.object({}), {}, async () => ({
    data: (await acceptAsCurrentUser(token, user)).orgSlug,
  }));
  if (state?.ok && state.data) redirect(`/${state.data}/dashboard`);
  return state;
}
