import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { JoinForm, NewAccountForm } from "@/components/auth/accept-invite-forms";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { roleLabel } from "@/lib/auth/roles";
import { invitationPageState } from "@/lib/members/invitation-page";

import { acceptAsNewAction, acceptAsUserAction } from "./actions";

// The token is in the address: no other site gets it through a Referer header.
export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const state = await invitationPageState(token);
  const here = `/invite/${token}`;
  if (state.kind === "change-password") redirect(`/account/password?next=${encodeURIComponent(here)}`);
  if (state.kind === "invalid") {
    return (
      <div>
        <h1 className="text-lg font-semibold">Invitation not valid</h1>
        <Alert tone="error" className="mt-4">
          This invitation link has expired, was already used, or was revoked. Ask an admin of the organisation for a new
          one.
        </Alert>
        <Link href="/sign-in" className={buttonClasses("secondary", "md", "mt-5 w-full")}>
          Go to sign-in
        </Link>
      </div>
    );
  }
  const { invitation } = state;
  const forgotHref = `/forgot-password?email=${encodeURIComponent(invitation.email)}&next=${encodeURIComponent(here)}`;
  return (
    <div>
      <h1 className="text-lg font-semibold">Join {invitation.orgName}</h1>
      <p className="mt-1 text-sm text-fg-muted">
        You are invited as {roleLabel[invitation.role].toLowerCase()} with the address {invitation.email}.
      </p>
      <div className="mt-5 space-y-4">
        {state.kind === "new-account" && (
          <NewAccountForm token={token} email={invitation.email} action={acceptAsNewAction} />
        )}
        {state.kind === "accept" && <JoinForm token={token} orgName={invitation.orgName} action={acceptAsUserAction} />}
        {state.kind === "sign-in" && (
          <>
            <p className="text-sm text-fg">
              There is a Switchboard account for {invitation.email}. Sign in with its password, or with the one-time
              password you were given.
            </p>
            <Link
              href={`/sign-in?callbackUrl=${encodeURIComponent(here)}&email=${encodeURIComponent(invitation.email)}`}
              className={buttonClasses("primary", "md", "w-full")}
            >
              Sign in to accept
            </Link>
            {state.canResetPassword ? (
              <p className="text-center text-sm">
                <Link href={forgotHref} className="text-accent hover:underline">
                  Forgot password?
                </Link>
              </p>
            ) : (
              <p className="text-sm text-fg-muted">
                Do not know its password? Ask whoever runs Switchboard for you to set a new one.
              </p>
            )}
          </>
        )}
        {state.kind === "take-back" && (
          <>
            <Alert tone="warning" title="Take this account back first">
              An admin of another organisation created the account for {invitation.email} with a one-time password, so
              someone else may know its password. Reset the password through your email: that signs out everyone using
              the account and brings you back here.
            </Alert>
            <Link href={forgotHref} className={buttonClasses("primary", "md", "w-full")}>
              Forgot password?
            </Link>
          </>
        )}
        {state.kind === "wrong-user" && (
          <Alert tone="warning" title={`You are signed in as ${state.signedInAs}`}>
            This invitation is for {invitation.email}. Sign out, then open the link again.
          </Alert>
        )}
      </div>
    </div>
  );
}
