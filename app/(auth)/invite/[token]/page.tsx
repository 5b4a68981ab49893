import type { Metadata } from "next";
import Link from "next/link";
import { JoinForm, NewAccountForm } from "@/components/auth/accept-invite-forms";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { roleLabel } from "@/lib/auth/roles";
import { invitationPageState } from "@/lib/members/invitation-page";
import { acceptAsNewAction, acceptAsUserAction } from "./actions";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const state = await invitationPageState(token);
  if (state.kind === "invalid") {
    return (
      <div>
        <h1 className="text-lg font-semibold">Invitation not valid</h1>
        <Alert tone="error" className="mt-4">
          This invitation link has expired, was already used, or was revoked. Ask an admin of the organisation for a new one.
        </Alert>
        <Link href="/sign-in" className={buttonClasses("secondary", "md", "mt-5 w-full")}>
          Go to sign-in
        </Link>
      </div>
    );
  }
  const { invitation } = state;
  return (
    <div>
      <h1 className="text-lg font-semibold">Join {invitation.orgName}</h1>
      <p className="mt-1 text-sm text-fg-muted">
        You are invited as {roleLabel[invitation.role].toLowerCase()} with the address {invitation.email}.
      </p>
      <div className="mt-5">
        {state.kind === "new-account" && <NewAccountForm token={token} email={invitation.email} action={acceptAsNewAction} />}
        {state.kind === "accept" && <JoinForm token={token} orgName={invitation.orgName} action={acceptAsUserAction} />}
        {state.kind === "sign-in" && (
          <Link href={`/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}&email=${encodeURIComponent(invitation.email)}`} className={buttonClasses("primary", "md", "w-full")}>
            Sign in as {invitation.email} to accept
          </Link>
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
