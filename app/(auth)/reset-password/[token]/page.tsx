// GET /reset-password/[token] – the emailed "Forgot password?" link: choose a new password
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";

import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { resetNextSchema } from "@/lib/auth/password-reset";
import { passwordResetPageState } from "@/lib/auth/password-reset-page";

import { resetPasswordAction } from "./actions";

// The token is in the address: no other site gets it through a Referer header.
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

const paramsSchema = z.object({ next: resetNextSchema.optional().catch(undefined) });

export default async function ResetPasswordPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await params;
  const { next } = paramsSchema.parse(await searchParams);
  const reset = await passwordResetPageState(token);
  if (!reset) {
    return (
      <div>
        <h1 className="text-lg font-semibold">Link not valid</h1>
        <Alert tone="error" className="mt-4">
          This link was already used, was replaced by a newer one, or is older than an hour.
        </Alert>
        <Link href="/forgot-password" className={buttonClasses("secondary", "md", "mt-5 w-full")}>
          Ask for a new link
        </Link>
      </div>
    );
  }
  return (
    <div>
      <h1 className="text-lg font-semibold">Choose a new password</h1>
      <p className="mt-1 text-sm text-fg-muted">
        For {reset.email}. Saving it signs out every session of this account, on every device; then you sign in with the
        new password.
      </p>
      <div className="mt-5">
        <ResetPasswordForm token={token} email={reset.email} next={next} action={resetPasswordAction} />
      </div>
    </div>
  );
}
