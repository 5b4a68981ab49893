import { randomBytes } from "node:crypto";

import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

// The most used passwords in public breach lists, plus this product's own name; length alone
// lets several of them through.
const common = new Set([
  "password",
  "password1",
  "password12",
  "password123",
  "password1234",
  "passw0rd",
  "p@ssw0rd",
  "123456789",
  "1234567890",
  "12345678910",
  "0123456789",
  "1111111111",
  "0000000000",
  "qwertyuiop",
  "qwerty1234",
  "qwerty123456",
  "1q2w3e4r5t",
  "1qaz2wsx3edc",
  "asdfghjkl",
  "zxcvbnm123",
  "iloveyou12",
  "letmein123",
  "welcome123",
  "welcome1234",
  "admin12345",
  "administrator",
  "changeme123",
  "football123",
  "baseball123",
  "sunshine123",
  "princess123",
  "dragon1234",
  "monkey1234",
  "abc1234567",
  "abcdefghij",
  "trustno1234",
  "superman123",
  "starwars123",
  "switchboard",
  "switchboard1",
  "switchboard123",
  "passwort123",
  "motdepasse",
  "hallo12345",
  "azertyuiop",
  "azerty1234",
]);

/** Why a password is not acceptable, or undefined when it is. */
export function passwordProblem(password: string, email?: string): string | undefined {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  const lower = password.toLowerCase();
  if (common.has(lower)) return "This password is too common. Choose one that is harder to guess.";
  if (new Set(lower).size < 4) return "Use more different characters.";
  const localPart = email?.split("@")[0]?.toLowerCase();
  if (localPart && localPart.length >= 4 && lower.includes(localPart))
    return "Do not use your email address in your password.";
  return undefined;
}

/** A zod schema that carries the same rules, for forms. */
export const newPasswordSchema = z.string().superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const hashPassword = (password: string): Promise<string> => hash(password);

// Verifying against a fixed hash when the user does not exist keeps the response time the same,
// so timing does not reveal which emails have accounts.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hash("not-a-real-password-for-timing");
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

/** A random password that satisfies the rules, for one-time and first-start passwords. */
export function generatePassword(): string {
  return randomBytes(15).toString("base64url");
}
