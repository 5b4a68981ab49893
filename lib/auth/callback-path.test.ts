import { describe, expect, it } from "vitest";

import { safeCallbackPath, sameSitePath } from "@/lib/auth/callback-path";

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
  it.each(["/\t/evil.com", "/\n/evil.com", "/\r/evil.com", "/\t\\evil.com"])(
    "never leads to another site: %j",
    (value) => {
      const accepted = safeCallbackPath(value);
      const origin = accepted === undefined ? "refused" : new URL(accepted, "https://sb.test/sign-in").origin;
      expect(["refused", "https://sb.test"]).toContain(origin);
    },
  );

  // Dot segments and doubled slashes resolve to a protocol-relative "//evil.example", which the
  // sign-in form's router.replace and a Location header both send to another site.
  it.each([
    "/.//evil.example",
    "/x/../..//evil.example",
    "/x/..//evil.example",
    "/%2e/%2fevil.example",
    "/%2e%2e//evil.example",
    "/./\\evil.example",
    "/%2F%2Fevil.example",
    "/%5C%5Cevil.example",
    "/%2f/evil.example",
    "/\\evil",
    "/\\/evil",
    "//evil.example/%2e%2e",
    "///evil.example",
    "/%09/evil.example",
  ])("never leads to another site, nor to a path starting with // or /\\: %j", (value) => {
    const accepted = safeCallbackPath(value);
    if (accepted === undefined) return;
    expect(accepted).toMatch(/^\/(?![/\\])/);
    expect(new URL(accepted, "https://sb.test/sign-in").origin).toBe("https://sb.test");
  });

  it("keeps the same-site meaning of a path with dot segments or doubled slashes", () => {
    expect(safeCallbackPath("/.//evil.example")).toBe("/evil.example");
    expect(safeCallbackPath("/x/../..//evil.example")).toBe("/evil.example");
    expect(safeCallbackPath("/demo//calls/./abc?q=//x")).toBe("/demo/calls/abc?q=//x");
  });

  // A layer that decodes the path before redirecting (a proxy, a trailing-slash redirect) would turn
  // these into "//evil.example"; our routes never need them.
  it.each(["/%2F%2Fevil.example", "/%2f/evil.example", "/%5C%5Cevil.example", "/demo/%5cevil", "/%0d%0aSet-Cookie:x"])(
    "refuses encoded slashes, backslashes and control characters: %s",
    (value) => {
      expect(safeCallbackPath(value)).toBeUndefined();
    },
  );
});

describe("sameSitePath (next-auth's redirect callback)'s redirect callback)", () => {
  const origin = "https://sb.test";

  it("accepts full URLs of this site and the sign-in page (sign-out goes there)", () => {
    expect(sameSitePath("https://sb.test/demo/calls?x=1", origin)).toBe("/demo/calls?x=1");
    expect(sameSitePath("/sign-in", origin)).toBe("/sign-in");
  });

  it.each([
    "https://evil.example/",
    "https://sb.test.evil.example/x",
    "http://sb.test/x",
    "//evil.example",
    "https://sb.test//evil.example",
    "https://sb.test/.//evil.example",
  ])("never returns another site, nor a protocol-relative path: %s", (value) => {
    const accepted = sameSitePath(value, origin);
    if (accepted !== undefined) expect(accepted).toMatch(/^\/(?![/\\])/);
    if (!value.startsWith(origin)) expect(accepted).toBeUndefined();
  });
});
