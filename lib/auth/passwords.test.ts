import { describe, expect, it } from "vitest";

import {
  generatePassword,
  hashPassword,
  newPasswordSchema,
  PASSWORD_MAX,
  PASSWORD_MIN,
  passwordProblem,
  verifyPassword,
} from "@/lib/auth/passwords";

describe("passwordProblem", () => {
  it("accepts a reasonable password", () => {
    expect(passwordProblem("correct horse battery staple")).toBeUndefined();
    expect(passwordProblem("Tr0ub4dor&3x", "alice@example.com")).toBeUndefined();
  });

  it(`needs ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`, () => {
    expect(PASSWORD_MIN).toBe(10);
    expect(PASSWORD_MAX).toBe(200);
    expect(passwordProblem("abcdefghi")).toBe("Use at least 10 characters.");
    expect(passwordProblem("abcdefgh1j")).toBeUndefined();
    const long = "abcdefghijklmnopqrstuvwxyz0123456789".repeat(6);
    expect(passwordProblem(long.slice(0, 200))).toBeUndefined();
    expect(passwordProblem(long.slice(0, 201))).toBe("Use at most 200 characters.");
  });

  it("refuses common passwords whatever their capitalisation", () => {
    for (const password of ["password123", "Password123", "QWERTYUIOP", "Switchboard123", "letmein123"]) {
      expect(passwordProblem(password), password).toMatch(/too common/);
    }
  });

  it("refuses passwords made of fewer than four different characters", () => {
    expect(passwordProblem("aaaaaaaaaaaa")).toBe("Use more different characters.");
    expect(passwordProblem("abcabcabcabc")).toBe("Use more different characters.");
    expect(passwordProblem("AbAbAbAbAbAb")).toBe("Use more different characters.");
    expect(passwordProblem("abcdabcdabcd")).toBeUndefined();
  });

  it("refuses a password that contains the email's local part", () => {
    expect(passwordProblem("my-Jonathan-2024!", "jonathan@example.com")).toBe(
      "Do not use your email address in your password.",
    );
    expect(passwordProblem("my-Jonathan-2024!", "someone.else@example.com")).toBeUndefined();
    // Local parts shorter than four characters are too likely to match by chance.
    expect(passwordProblem("bobcat-on-the-roof", "bob@example.com")).toBeUndefined();
  });
});

describe("newPasswordSchema", () => {
  it("carries the same rules for forms", () => {
    expect(newPasswordSchema.safeParse("correct horse battery staple").success).toBe(true);
    const weak = newPasswordSchema.safeParse("password123");
    expect(weak.success).toBe(false);
    expect(weak.error?.issues[0]?.message).toMatch(/too common/);
  });
});

describe("generatePassword", () => {
  it("makes different passwords that pass the rules", () => {
    const passwords = Array.from({ length: 50 }, generatePassword);
    expect(new Set(passwords).size).toBe(50);
    for (const password of passwords) expect(passwordProblem(password, "admin@example.com"), password).toBeUndefined();
  });
});

describe("hashPassword and verifyPassword", () => {
  it("verifies the right password only, and never stores it in the clear", async () => {
    const password = "correct horse battery staple";
    const hash = await hashPassword(password);
    expect(hash).not.toContain(password);
    expect(await verifyPassword(hash, password)).toBe(true);
    expect(await verifyPassword(hash, "correct horse battery stapler")).toBe(false);
    expect(await verifyPassword(hash, "")).toBe(false);
  });

  it("salts: the same password hashes differently each time, and both verify", async () => {
    const [a, b] = await Promise.all([hashPassword("same password 123"), hashPassword("same password 123")]);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, "same password 123")).toBe(true);
    expect(await verifyPassword(b, "same password 123")).toBe(true);
  });

  it("is false for a user without a password and for a corrupt hash", async () => {
    expect(await verifyPassword(null, "anything at all")).toBe(false);
    expect(await verifyPassword(undefined, "not-a-real-password-for-timing")).toBe(false);
    expect(await verifyPassword("", "anything at all")).toBe(false);
    expect(await verifyPassword("not-an-argon2-hash", "anything at all")).toBe(false);
  });
});
