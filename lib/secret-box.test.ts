import { describe, expect, it } from "vitest";

import { decryptSecret, encryptSecret } from "./secret-box";

const secret = "a-test-secret-that-is-long-enough-0123456789";

describe("secret box", () => {
  it("seals a secret so that only the same purpose and APP_SECRET open it", () => {
    const sealed = encryptSecret("sk-live-abcdef", "summaries.api-key", secret);
    expect(sealed).not.toContain("sk-live");
    expect(decryptSecret(sealed, "summaries.api-key", secret)).toBe("sk-live-abcdef");
    expect(() => decryptSecret(sealed, "integrations.credentials", secret)).toThrow(/APP_SECRET has changed/);
    expect(() => decryptSecret(sealed, "summaries.api-key", `${secret}x`)).toThrow(/APP_SECRET has changed/);
  });

  it("never seals the same value the same way, and refuses a tampered one", () => {
    const a = encryptSecret("same", "p", secret);
    expect(a).not.toBe(encryptSecret("same", "p", secret));
    const parts = a.split(".");
    const tampered = [parts[0], parts[1], parts[2], `${parts[3] === "AA" ? "AB" : "AA"}`].join(".");
    expect(() => decryptSecret(tampered, "p", secret)).toThrow();
    expect(() => decryptSecret("plain text", "p", secret)).toThrow(/format/);
  });
});
