import { describe, expect, it } from "vitest";

import { isCrossSiteActionPost } from "@/lib/web-security/action-origin";

const appUrl = "https://sb.example.com";
const post = (headers: Record<string, string>, pathname = "/acme/settings/summaries") =>
  isCrossSiteActionPost({ method: "POST", pathname, headers: new Headers(headers), appUrl });

describe("isCrossSiteActionPost", () => {
  it("refuses a server action posted from another site", () => {
    expect(post({ "next-action": "abc", origin: "https://evil.example", host: "sb.example.com" })).toBe(true);
    expect(post({ "next-action": "abc", origin: "null", host: "sb.example.com" })).toBe(true);
    // A look-alike host is another site.
    expect(post({ "next-action": "abc", origin: "https://sb.example.com.evil.example", host: "sb.example.com" })).toBe(
      true,
    );
  });

  it("refuses a form posted to a page from another site, which Next.js runs as an action without JavaScript", () => {
    expect(
      post({
        origin: "https://evil.example",
        host: "sb.example.com",
        "content-type": "multipart/form-data; boundary=x",
      }),
    ).toBe(true);
  });

  it("lets this site's own actions through: by Host, X-Forwarded-Host or APP_URL", () => {
    expect(post({ "next-action": "abc", origin: "http://localhost:3000", host: "localhost:3000" })).toBe(false);
    expect(
      post({
        "next-action": "abc",
        origin: "https://sb.example.com",
        host: "10.0.0.5:3000",
        "x-forwarded-host": "sb.example.com",
      }),
    ).toBe(false);
    expect(post({ "next-action": "abc", origin: "https://sb.example.com", host: "10.0.0.5:3000" })).toBe(false);
  });

  it("leaves other requests to their own checks", () => {
    expect(
      isCrossSiteActionPost({
        method: "GET",
        pathname: "/",
        headers: new Headers({ origin: "https://evil.example" }),
        appUrl,
      }),
    ).toBe(false);
    // Route handlers (next-auth has its own CSRF token; the REST API its bearer token).
    expect(post({ origin: "https://evil.example", host: "sb.example.com" }, "/api/v2/calls")).toBe(false);
    // No Origin: no browser sent it.
    expect(post({ "next-action": "abc", host: "sb.example.com" })).toBe(false);
  });
});
