import { describe, expect, it } from "vitest";

import { encodeInvalid, encodeThrottled, signInErrorMessage } from "@/lib/auth/sign-in-messages";

const now = new Date("2026-11-21T10:00:00Z");
const inMs = (ms: number) => new Date(now.getTime() + ms);

describe("signInErrorMessage", () => {
  it("says nothing when there is no error", () => {
    expect(signInErrorMessage(undefined)).toBeUndefined();
    expect(signInErrorMessage(null)).toBeUndefined();
    expect(signInErrorMessage("")).toBeUndefined();
  });

  it("tells how many minutes a pause has left, rounded up", () => {
    expect(signInErrorMessage(encodeThrottled(inMs(14.5 * 60_000)), now)).toContain("paused for 15 more minutes");
    expect(signInErrorMessage(encodeThrottled(inMs(2 * 60_000)), now)).toContain("paused for 2 more minutes");
    expect(signInErrorMessage(encodeThrottled(inMs(30_000)), now)).toContain("paused for 1 more minute;");
    // A pause that has just run out still says one minute, never zero or a negative number.
    expect(signInErrorMessage(encodeThrottled(inMs(-5_000)), now)).toContain("paused for 1 more minute;");
  });

  it("warns when three or fewer attempts are left", () => {
    expect(signInErrorMessage(encodeInvalid(9), now)).toBe("Wrong email or password.");
    expect(signInErrorMessage(encodeInvalid(4), now)).toBe("Wrong email or password.");
    expect(signInErrorMessage(encodeInvalid(3), now)).toBe(
      "Wrong email or password. 3 attempts left before sign-in is paused for 15 minutes.",
    );
    expect(signInErrorMessage(encodeInvalid(1), now)).toBe(
      "Wrong email or password. 1 attempt left before sign-in is paused for 15 minutes.",
    );
    expect(signInErrorMessage(encodeInvalid(0), now)).toBe("Wrong email or password.");
    expect(signInErrorMessage("CredentialsSignin", now)).toBe("Wrong email or password.");
    expect(signInErrorMessage("invalid:lots", now)).toBe("Wrong email or password.");
  });

  it("says what is paused: this email from this network, this email anywhere, or this network", () => {
    expect(signInErrorMessage(encodeThrottled(inMs(15 * 60_000), "pair"), now)).toBe(
      "Too many failed sign-in attempts for this email from your network. Sign-in is paused for 15 more minutes; try again after that.",
    );
    expect(signInErrorMessage(encodeThrottled(inMs(30_000), "account"), now)).toBe(
      "Too many failed sign-in attempts for this email. Sign-in is paused for 1 more minute; try again after that.",
    );
    expect(signInErrorMessage(encodeThrottled(inMs(10 * 60_000), "network"), now)).toBe(
      "Too many failed sign-in attempts from your network. Sign-in is paused for 10 more minutes; try again after that.",
    );
  });

  it("warns without a length when the account-wide backoff is closest, since it grows", () => {
    expect(signInErrorMessage(encodeInvalid(2, "account"), now)).toBe(
      "Wrong email or password. 2 attempts left before sign-in for this email is paused.",
    );
    expect(signInErrorMessage(encodeInvalid(2, "network"), now)).toBe(
      "Wrong email or password. 2 attempts left before sign-in is paused for 15 minutes.",
    );
  });

  it("explains the other outcomes next-auth reports", () => {
    expect(signInErrorMessage("NoAccount")).toMatch(/no Switchboard account/);
    expect(signInErrorMessage("SessionRequired")).toBe("Please sign in to continue.");
    expect(signInErrorMessage("OAuthCallback")).toMatch(/Single sign-on did not complete/);
  });

  it("falls back to a generic message for an unknown code, without echoing it", () => {
    expect(signInErrorMessage("<script>alert(1)</script>")).toBe("Sign-in failed. Try again.");
    expect(signInErrorMessage("throttled:")).toBe("Sign-in failed. Try again.");
  });
});
