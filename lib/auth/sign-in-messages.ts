// Shared by the server (which encodes an outcome into next-auth's error string) and the sign-in
// form (which turns it into words). Pure: safe to import in client components.

export const encodeInvalid = (attemptsLeft: number) => `invalid:${attemptsLeft}`;
export const encodeThrottled = (until: Date) => `throttled:${until.toISOString()}`;

export function signInErrorMessage(code: string | null | undefined, now = new Date()): string | undefined {
  if (!code) return undefined;
  const [kind, detail] = code.split(/:(.*)/s);
  if (kind === "throttled" && detail) {
    const minutes = Math.max(1, Math.ceil((new Date(detail).getTime() - now.getTime()) / 60_000));
    return `Too many failed sign-in attempts for this email from your network. Sign-in is paused for ${minutes} more minute${minutes === 1 ? "" : "s"}; try again after that.`;
  }
  if (kind === "invalid" || kind === "CredentialsSignin") {
    const left = Number(detail);
    const warning =
      Number.isFinite(left) && left > 0 && left <= 3
        ? ` ${left} attempt${left === 1 ? "" : "s"} left before sign-in is paused for 15 minutes.`
        : "";
    return `Wrong email or password.${warning}`;
  }
  if (kind === "NoAccount") return "There is no Switchboard account for this address. Ask an admin of your organisation to add you.";
  if (kind === "SessionRequired") return "Please sign in to continue.";
  if (kind === "OAuthSignin" || kind === "OAuthCallback" || kind === "Callback" || kind === "OAuthAccountNotLinked") {
    return "Single sign-on did not complete. Try again, or sign in with your password.";
  }
  return "Sign-in failed. Try again.";
}
