import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

import { deriveKey, getEnv } from "@/lib/env";

// Secrets we must be able to use again (an API key for a model, a vendor's password) are stored
// encrypted: AES-256-GCM under a key derived from APP_SECRET for one purpose, so a leaked
// database alone reveals nothing, and a key for one purpose opens nothing else.

const FORMAT = "v1";

function keyFor(purpose: string, secret: string): Buffer {
  return createHash("sha256")
    .update(deriveKey(secret, `secret-box:${purpose}`))
    .digest();
}

export function encryptSecret(plaintext: string, purpose: string, secret = getEnv().appSecret): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose, secret), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [FORMAT, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(
    ".",
  );
}

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretBoxError";
  }
}

/** Opens what encryptSecret sealed; a changed APP_SECRET or a tampered value is an error that says so. */
export function decryptSecret(sealed: string, purpose: string, secret = getEnv().appSecret): string {
  const [format, iv, tag, body] = sealed.split(".");
  if (format !== FORMAT || !iv || !tag || body === undefined)
    throw new SecretBoxError("The stored secret is not in a format this version reads.");
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(purpose, secret), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError(
      "The stored secret cannot be opened: APP_SECRET has changed since it was saved. Enter it again.",
    );
  }
}
