import { describe, expect, it } from "vitest";

import { contentSecurityPolicy, newNonce, securityHeaders } from "@/lib/web-security/security-headers";

const directive = (policy: string, name: string) => policy.split("; ").find((d) => d.split(" ")[0] === name);

describe("contentSecurityPolicy", () => {
  const policy = contentSecurityPolicy({ nonce: "abc123==", isDev: false, appUrl: "http://localhost:3000" });

  it("runs only scripts carrying this response's nonce, and what they load", () => {
    expect(directive(policy, "script-src")).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
  });

  it("allows eval only in development", () => {
    expect(policy).not.toContain("unsafe-eval");
    expect(
      directive(contentSecurityPolicy({ nonce: "n", isDev: true, appUrl: "http://localhost:3000" }), "script-src"),
    ).toContain("'unsafe-eval'");
  });

  it("refuses framing, plugins, foreign bases and foreign form targets", () => {
    expect(directive(policy, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(policy, "object-src")).toBe("object-src 'none'");
    expect(directive(policy, "base-uri")).toBe("base-uri 'self'");
    expect(directive(policy, "form-action")).toBe("form-action 'self'");
    expect(directive(policy, "connect-src")).toBe("connect-src 'self'");
  });

  it("upgrades insecure requests only for an https APP_URL", () => {
    expect(directive(policy, "upgrade-insecure-requests")).toBeUndefined();
    expect(
      directive(
        contentSecurityPolicy({ nonce: "n", isDev: false, appUrl: "https://sb.example.com" }),
        "upgrade-insecure-requests",
      ),
    ).toBeDefined();
  });
});

describe("securityHeaders", () => {
  it("sends HSTS when APP_URL is https, and not when it is http", () => {
    expect(
      securityHeaders({ nonce: "n", isDev: false, appUrl: "https://sb.example.com" })["Strict-Transport-Security"],
    ).toBe("max-age=31536000; includeSubDomains");
    expect(securityHeaders({ nonce: "n", isDev: false, appUrl: "http://localhost:3000" })).not.toHaveProperty(
      "Strict-Transport-Security",
    );
  });

  it("always forbids sniffing and keeps paths out of other sites' referrers", () => {
    const headers = securityHeaders({ nonce: "n", isDev: false, appUrl: "http://localhost:3000" });
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });
});

describe("newNonce", () => {
  it("is 128 random bits in base64, new every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
