"use client";

import { Loader2 } from "lucide-react";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { signInErrorMessage } from "@/lib/auth/sign-in-messages";

type Props = {
  callbackPath: string;
  initialError?: string;
  initialEmail?: string;
  notice?: string;
  oidcName?: string;
  canResetPassword?: boolean;
};

/** Someone on their way to an invitation is brought back to it after the reset. */
const forgotPasswordHref = (callbackPath: string) =>
  /^\/invite\/sbi_[A-Za-z0-9_-]{43}$/.test(callbackPath)
    ? `/forgot-password?next=${encodeURIComponent(callbackPath)}`
    : "/forgot-password";

export function SignInForm({ callbackPath, initialError, initialEmail, notice, oidcName, canResetPassword }: Props) {
  const router = useRouter();
  const [error, setError] = useState(() => signInErrorMessage(initialError));
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});
  const [isPending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const problems = {
      email: !email
        ? "Enter your email address."
        : !/^[^\s@]+@[^\s@]+$/.test(email)
          ? "Enter a valid email address, like name@example.com."
          : undefined,
      password: !password ? "Enter your password." : undefined,
    };
    setFieldErrors(problems);
    if (problems.email || problems.password) return;
    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", { email, password, redirect: false });
    if (!result || result.error) {
      setPending(false);
      setError(signInErrorMessage(result?.error ?? "failed"));
      return;
    }
    router.replace(callbackPath);
    router.refresh();
  }

  return (
    <div>
      <h1 className="text-lg font-semibold">Sign in</h1>
      <p className="mt-1 text-sm text-fg-muted">Use the email address you were invited with.</p>
      {notice && !error && (
        <Alert tone="success" className="mt-4">
          {notice}
        </Alert>
      )}
      {error && (
        <Alert tone="error" className="mt-4">
          {error}
        </Alert>
      )}
      {/* method="post": should someone submit before the script has loaded, the password never ends up in a URL. */}
      <form className="mt-5 space-y-4" method="post" onSubmit={onSubmit} noValidate>
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          autoFocus={!initialEmail}
          defaultValue={initialEmail}
          error={fieldErrors.email}
          maxLength={254}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          autoFocus={Boolean(initialEmail)}
          error={fieldErrors.password}
          maxLength={200}
        />
        <Button type="submit" className="w-full" disabled={isPending}>
          {isPending && <Loader2 className="size-4 animate-spin" aria-hidden />}
          {isPending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {canResetPassword && (
        <p className="mt-3 text-center text-sm">
          <Link href={forgotPasswordHref(callbackPath)} className="text-accent hover:underline">
            Forgot password?
          </Link>
        </p>
      )}
      {oidcName && (
        <>
          <div className="my-5 flex items-center gap-3 text-xs text-fg-muted">
            <span className="h-px flex-1 bg-border" /> or <span className="h-px flex-1 bg-border" />
          </div>
          <Button
            variant="secondary"
            className="w-full"
            onClick={() => void signIn("oidc", { callbackUrl: callbackPath })}
          >
            Continue with {oidcName}
          </Button>
        </>
      )}
    </div>
  );
}
