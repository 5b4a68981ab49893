// Shared by the server (which encodes an outcome into next-auth's error string) and the sign-in
// form (which turns it into words). Pure: safe to import in client components.

// Which limit an outcome is about (lib/auth/throttle-rules.ts). Duplicated as a type here
// rather than imported, so this file stays free of server code.
type Scope = "pair" | "account" | "network";

const suffix = (scope: Scope) => (scope === "pair" ? "" : `-${scope}`);
export const encodeInvalid = (attemptsLeft: number, limit: Scope = "pair") =>
  `invalid${limit === "account" ? "-account" : ""}:${attemptsLeft}`;
export const encodeThrottled = (until: Date, scope: Scope = "pair") =>
  `throttled${suffix(scope)}:${until.toISOString()}`;

// Each message names what is paused (this email, from this network, or both) and never whether
// the account exists: every limit counts tries at unknown addresses just the same.
const pausedWhat: Record<string, string> = {
  throttled: "for this email from your network",
  "throttled-account": "for this email",
  "throttled-network": "from your network",
};

export function signInErrorMessage(code: string | null | undefined, now = new Date()): string | undefined {
  if (!code) return undefined;
  const [kind, detail] = code.split(/:(.*)/s);
  const what = kind ? pausedWhat[kind] : undefined;
  const until = detail ? new Date(detail).getTime() : Number.NaN;
  if (what && Number.isFinite(until)) {
    const minutes = Math.max(1, Math.ceil((until - now.getTime()) / 60_000));
    return `Too many failed sign-in attempts ${what}. Sign-in is paused for ${minutes} more minute${minutes === 1 ? "" : "s"}; try again after that.`;
  }
  if (kind === "invalid" || kind === "invalid-account" || kind === "CredentialsSignin") {
    const left = Number(detail);
    // The account-wide pause grows with every failure, so it has no one length to announce.
    const pause = kind === "invalid-account" ? "sign-in for this email is paused" : "sign-in is paused for 15 minutes";
    const warning =
      Number.isFinite(left) && left > 0 && left <= 3
        ? ` ${left} attempt${left === 1 ? "" : "s"} left before ${pause}.`
        : "";
    return `Wrong email or password.${warning}`;
  }
  if (kind === "NoAccount")
    return "There is no Switchboard account for this address. Ask an admin of your organisation to add you.";
  if (kind === "SessionRequired") return "Please sign in to continue.";
  if (kind === "OAuthSignin" || kind === "OAuthCallback" || kind === "Callback" || kind === "OAuthAccountNotLinked") {
    return "Single sign-on did not complete. Try again, or sign in with your password.";
  }
  return "Sign-in failed. Try again.";
}
