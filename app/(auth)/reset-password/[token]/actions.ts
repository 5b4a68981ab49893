"use server";

import { redirect } from "next/navigation";
import { z } from "zod";

import { formFields, runAction, type ActionState } from "@/lib/auth/action-state";
import { resetNextSchema } from "@/lib/auth/password-reset";
import { resetPasswordWithLink } from "@/lib/auth/password-reset-page";
import { newPasswordSchema } from "@/lib/auth/passwords";

const schema = z
  .object({
    token: z.string().max(100),
    password: newPasswordSchema,
    confirmPassword: z.string(),
    next: resetNextSchema.optional().catch(undefined),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The two passwords differ." });

/** Sets the new password through the emailed link, then sends the person to sign in with it. */
export async function resetPasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  let next: string | undefined;
  const state = await runAction(schema, formFields(formData), async (input) => {
    next = input.next;
    return { data: (await resetPasswordWithLink(input.token, input.password)).email };
  });
  if (state?.ok && typeof state.data === "string") {
    const callback = next ? `&callbackUrl=${encodeURIComponent(next)}` : "";
    redirect(`/sign-in?reset=1&email=${encodeURIComponent(state.data)}${callback}`);
  }
  return state;
}
