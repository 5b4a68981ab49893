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
