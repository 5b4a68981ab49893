import type { Metadata } from "next";
import { z } from "zod";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { Alert } from "@/components/ui/alert";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { requireUser } from "@/lib/auth/current-user";
import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Change password" };

const paramsSchema = z.object({ next: z.string().max(2000).optional().catch(undefined) });

export default async function ChangePasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser({ allowPasswordChange: true });
  const next = safeCallbackPath(paramsSchema.parse(await searchParams).next);
  return (
    <div className="rounded-lg border border-border bg-surface p-6 shadow-sm">
      <h1 className="text-lg font-semibold">Change password</h1>
      <p className="mt-1 text-sm text-fg-muted">Signed in as {user.email}. Changing it signs you out on every other device.</p>
      {user.mustChangePassword && (
        <Alert tone="warning" className="mt-4" title="Choose your own password">
          You signed in with a one-time password. Pick a password only you know to continue.
        </Alert>
      )}
      <div className="mt-5">
        <ChangePasswordForm next={next} email={user.email} action={changePasswordAction} />
      </div>
    </div>
  );
}
