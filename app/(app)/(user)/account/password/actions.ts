"use server";

import { redirect } from "next/navigation";
import { z } from "zod";

import { safeCallbackPath } from "@/lib/auth/callback-path";
import { newPasswordSchema } from "@/lib/auth/passwords";
import { userAction } from "@/lib/auth/user-action";
import { changeOwnPassword } from "@/lib/users/set-password";

const schema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(200),
    newPassword: newPasswordSchema,
    confirmPassword: z.string(),
    next: z.string().max(2000).optional(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords differ.",
  });

export const changePasswordAction = userAction(
  schema,
  async ({ db, user }, input) => {
    await changeOwnPassword(db, user, input);
    redirect(`${safeCallbackPath(input.next) ?? "/"}`);
  },
  { allowPasswordChange: true },
);
