// The sign-in throttle's arithmetic, pure so every rule is tested without a database. Three
// counters limit password guessing, each a row of sign_in_throttle under its own key:
//
//   pair     (email, address)  10 failures in a row pause this email from this address for 15 minutes
//   account  (email, "*")      from the 10th failure from anywhere, each failure pauses the email
//                              everywhere for 30 s, doubling up to 15 minutes: spreading guesses
//                              over many addresses gains nothing
//   network  ("*", address)    50 failures from one address within 15 minutes, across emails,
//                              pause that address for 15 minutes (password spraying)
//
// Every limit counts whether or not the account exists, so a pause reveals nothing about it.

export type Scope = "pair" | "account" | "network";
export type Counter = { failures: number; lockedUntil: Date | null; updatedAt: Date };

/** The reserved key that stands for "any": no email or address is a single "*". */
export const ANY = "*";

export const MAX_FAILURES = 10;
export const LOCK_MINUTES = 15;
export const ACCOUNT_FREE_FAILURES = 10;
export const ACCOUNT_FIRST_PAUSE_SECONDS = 30;
/** An account's count starts afresh after this long without a failure. Longer than the longest pause, so waiting it out does not reset the backoff. */
export const ACCOUNT_QUIET_MINUTES = 60;
export const NETWORK_MAX_FAILURES = 50;
export const NETWORK_WINDOW_MINUTES = 15;

const minutes = (n: number) => n * 60_000;
const later = (now: Date, ms: number) => new Date(now.getTime() + ms);

export function isLocked(counter: Counter | undefined, now: Date): boolean {
  return Boolean(counter?.lockedUntil && counter.lockedUntil > now);
}

/** How long the account pauses after its nth failure (0 before the backoff starts). */
export function accountPauseMs(failures: number): number {
  if (failures < ACCOUNT_FREE_FAILURES) return 0;
  const doublings = Math.min(failures - ACCOUNT_FREE_FAILURES, 20);
  return Math.min(minutes(LOCK_MINUTES), ACCOUNT_FIRST_PAUSE_SECONDS * 1000 * 2 ** doublings);
}

/**
 * The counter after one more try is charged to it. A try is charged before its password is
 * checked (and refunded when it was right), so concurrent tries cannot all slip past the limit
 * while the slow hash runs. Only call it for a counter that is not locked.
 */
export function charge(scope: Scope, counter: Counter | undefined, now: Date): Counter {
  if (scope === "pair") {
    // A pause that has run out starts a fresh count of consecutive failures.
    const isFresh = !counter || (counter.lockedUntil !== null && counter.lockedUntil <= now);
    const failures = isFresh ? 1 : counter.failures + 1;
    return {
      failures,
      lockedUntil: failures >= MAX_FAILURES ? later(now, minutes(LOCK_MINUTES)) : null,
      updatedAt: now,
    };
  }
  if (scope === "account") {
    const isFresh = !counter || counter.updatedAt.getTime() <= now.getTime() - minutes(ACCOUNT_QUIET_MINUTES);
    const failures = isFresh ? 1 : counter.failures + 1;
    const pause = accountPauseMs(failures);
    return { failures, lockedUntil: pause > 0 ? later(now, pause) : null, updatedAt: now };
  }
  // The network counter is a fixed window: updatedAt is when the window opened.
  const isFresh = !counter || counter.updatedAt.getTime() <= now.getTime() - minutes(NETWORK_WINDOW_MINUTES);
  const failures = isFresh ? 1 : counter.failures + 1;
  return {
    failures,
    lockedUntil: failures >= NETWORK_MAX_FAILURES ? later(now, minutes(LOCK_MINUTES)) : null,
    updatedAt: isFresh ? now : (counter?.updatedAt ?? now),
  };
}

/** Tries left before the counter pauses sign-in, after the charges so far. */
export function attemptsLeft(scope: Scope, counter: Counter): number {
  const limit = scope === "pair" ? MAX_FAILURES : scope === "account" ? ACCOUNT_FREE_FAILURES : NETWORK_MAX_FAILURES;
  return Math.max(0, limit - counter.failures);
}

/**
 * The address a counter is kept under. An IPv6 client usually holds a whole /64 and can pick any
 * address in it, so IPv6 addresses count per /64; IPv4 addresses count one by one.
 */
export function addressKey(ip: string): string {
  if (!ip.includes(":")) return ip;
  const [head = "", tail] = ip.toLowerCase().replace(/%.*$/, "").split("::");
  const hextets = (part: string | undefined) =>
    part ? part.split(":").flatMap((h) => (h.includes(".") ? ["0", "0"] : [h])) : [];
  const left = hextets(head);
  const right = hextets(tail);
  const zeros = Array.from({ length: Math.max(0, 8 - left.length - right.length) }, () => "0");
  const prefix = [...left, ...zeros, ...right].slice(0, 4).map((h) => h.replace(/^0+(?=.)/, ""));
  return `${prefix.join(":")}::/64`;
}
