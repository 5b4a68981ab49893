import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { z } from "zod";

import { SignInForm } from "@/components/auth/sign-in-form";
import { signInPageState } from "@/lib/auth/sign-in-page";
import { isEmailConfigured } from "@/lib/mail/mailer";

export const metadata: Metadata = { title: "Sign in" };

const paramsSchema = z.object({
  callbackUrl: z.string().max(2000).optional().catch(undefined),
  error: z.string().max(500).optional().catch(undefined),
  email: z.string().max(254).optional().catch(undefined),
  joined: z.literal("1").optional().catch(undefined),
  reset: z.literal("1").optional().catch(undefined),
});

const notices = {
  joined: "Your account is ready. Sign in with your new password.",
  reset: "Your password is changed and every session of your account is signed out. Sign in with the new password.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = paramsSchema.parse(await searchParams);
  const state = await signInPageState(params.callbackUrl);
  if (state.isSignedIn) redirect(state.callbackPath);
  return (
    <SignInForm
      callbackPath={state.callbackPath}
      initialError={params.error}
      initialEmail={params.email}
      notice={params.joined ? notices.joined : params.reset ? notices.reset : undefined}
      oidcName={state.oidcName}
      canResetPassword={isEmailConfigured()}
    />
  );
}
