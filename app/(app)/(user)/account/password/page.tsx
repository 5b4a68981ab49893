import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";

import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { Alert } from "@/components/ui/alert";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { requireUserContext } from "@/lib/auth/current-user";
import { isEmailConfigured } from "@/lib/mail/mailer";
import { findAdminCreatedMark } from "@/lib/users/queries";

import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Change password" };

const paramsSchema = z.object({ next: z.string().max(2000).optional().catch(undefined) });

export default async function ChangePasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user, db } = await requireUserContext({ allowPasswordChange: true });
  const mark = await findAdminCreatedMark(db, user.id);
  const next = safeCallbackPath(paramsSchema.parse(await searchParams).next);
  return (
    <div className="rounded-lg border border-border bg-surface p-6 shadow-sm">
      <h1 className="text-lg font-semibold">Change password</h1>
      <p className="mt-1 text-sm text-fg-muted">
        Signed in as {user.email}. Changing it signs you out on every other device.
      </p>
      {user.mustChangePassword && (
        <Alert tone="warning" className="mt-4" title="Choose your own password">
          You signed in with a one-time password. Pick a password only you know to continue.
        </Alert>
      )}
      {mark && (
        <Alert tone="info" className="mt-4" title="Account created by an admin with a one-time password">
          <div className="space-y-1.5">
            <p>
              An admin of {mark.orgName ?? "an organisation"} created this account. Changing the password here does not
              remove this note; a reset through a link emailed to {user.email} does, because it shows the address is
              yours.
            </p>
            {isEmailConfigured() ? (
              <p>
                Until then, the account cannot join other organisations.{" "}
                <Link
                  href={`/forgot-password?email=${encodeURIComponent(user.email)}`}
                  className="font-medium text-accent hover:underline"
                >
                  Reset the password by email
                </Link>
              </p>
            ) : null}
          </div>
        </Alert>
      )}
      <div className="mt-5">
        <ChangePasswordForm next={next} email={user.email} action={changePasswordAction} />
      </div>
    </div>
  );
}
