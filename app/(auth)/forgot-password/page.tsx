// GET /forgot-password – asks for an address and emails a reset link (only with SMTP set up)
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";

import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { Alert } from "@/components/ui/alert";
import { resetNextSchema } from "@/lib/auth/password-reset";
import { isEmailConfigured } from "@/lib/mail/mailer";

import { forgotPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Forgot password" };

const paramsSchema = z.object({
  email: z.string().max(254).optional().catch(undefined),
  next: resetNextSchema.optional().catch(undefined),
});

export default async function ForgotPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = paramsSchema.parse(await searchParams);
  return (
    <div>
      <h1 className="text-lg font-semibold">Forgot password?</h1>
      {isEmailConfigured() ? (
        <>
          <p className="mt-1 text-sm text-fg-muted">
            We email you a link to choose a new password. Using it signs out every session of your account, on every
            device.
          </p>
          <div className="mt-5">
            <ForgotPasswordForm initialEmail={params.email} next={params.next} action={forgotPasswordAction} />
          </div>
        </>
      ) : (
        <Alert tone="info" className="mt-4">
          Password reset by email is not set up here. Ask whoever runs Switchboard for you to set a new password.
        </Alert>
      )}
      <p className="mt-5 text-center text-sm">
        <Link href="/sign-in" className="text-accent hover:underline">
          Back to sign-in
        </Link>
      </p>
    </div>
  );
}
