import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-path";

describe("safeCallbackPath", () => {
  it("accepts paths inside the app, with their query", () => {
    expect(safeCallbackPath("/demo/calls?x=1")).toBe("/demo/calls?x=1");
    expect(safeCallbackPath("/")).toBe("/");
    expect(safeCallbackPath("/account/password#top")).toBe("/account/password#top");
  });

  it.each([
    ["a protocol-relative URL", "//evil.com"],
    ["an absolute URL", "https://x"],
    ["the backslash trick", "/\\evil"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path", "demo/calls"],
    ["the sign-in page (it would loop)", "/sign-in"],
    ["the sign-in page with a query", "/sign-in?callbackUrl=%2Fdemo"],
    ["an API route", "/api/hooks/sipgate/sbk_x"],
  ])("refuses %s", (_what, value) => {
    expect(safeCallbackPath(value)).toBeUndefined();
  });

  it("gives nothing for no value", () => {
    expect(safeCallbackPath(undefined)).toBeUndefined();
    expect(safeCallbackPath(null)).toBeUndefined();
    expect(safeCallbackPath("")).toBeUndefined();
  });

  it("refuses absurdly long paths rather than returning a cut-off one", () => {
    expect(safeCallbackPath(`/${"a".repeat(5000)}`)).toBeUndefined();
  });

  // Browsers (and the Next.js router, through new URL) drop tabs and newlines anywhere in a URL
  // before resolving it, so "/\t/evil.com" becomes "//evil.com": another site.
  it.each(["/\t/evil.com", "/\n/evil.com", "/\r/evil.com", "/\t\\evil.com"])("never leads to another site: %j", (value) => {
    const accepted = safeCallbackPath(value);
    const origin = accepted === undefined ? "refused" : new URL(accepted, "https://sb.test/sign-in").origin;
    expect(["refused", "https://sb.test"]).toContain(origin);
  });
});
