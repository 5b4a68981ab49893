import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { EnvError, parseEnv } from "@/lib/env";

const SECRET = "a-configured-secret-that-is-long-enough-0123456789";

const tempDirs: string[] = [];
function tempDataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "sb-env-"));
  tempDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The EnvError a bad environment gives; fails the test when parsing succeeds. */
function envError(source: Parameters<typeof parseEnv>[0]): EnvError {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error("expected an EnvError");
}

describe("parseEnv defaults", () => {
  it("starts on port 3000 with its own URL, workers on and no OIDC when nothing is set", () => {
    const env = parseEnv({ APP_SECRET: SECRET, DATA_DIR: tempDataDir() });
    expect(env.port).toBe(3000);
    expect(env.appUrl).toBe("http://localhost:3000");
    expect(env.workersEnabled).toBe(true);
    expect(env.trustProxy).toBe(false);
    expect(env.databaseUrl).toBeUndefined();
    expect(env.oidc).toBeUndefined();
    expect(env.nodeEnv).toBe("production");
  });

  it("derives the default URL from PORT and strips a trailing slash from APP_URL", () => {
    expect(parseEnv({ APP_SECRET: SECRET, PORT: "8080" }).appUrl).toBe("http://localhost:8080");
    expect(parseEnv({ APP_SECRET: SECRET, APP_URL: "https://sb.example.com/" }).appUrl).toBe("https://sb.example.com");
  });

  it("treats empty and blank strings as unset", () => {
    const dataDir = tempDataDir();
    const env = parseEnv({
      APP_SECRET: SECRET,
      DATA_DIR: dataDir,
      PORT: "",
      APP_URL: "  ",
      DATABASE_URL: "",
      WORKERS: "",
      OIDC_ISSUER: "",
      OIDC_CLIENT_ID: "",
      OIDC_CLIENT_SECRET: "",
    });
    expect(env.port).toBe(3000);
    expect(env.appUrl).toBe("http://localhost:3000");
    expect(env.databaseUrl).toBeUndefined();
    expect(env.workersEnabled).toBe(true);
    expect(env.oidc).toBeUndefined();
  });

  it("reads the on/off flags in their usual spellings", () => {
    expect(parseEnv({ APP_SECRET: SECRET, WORKERS: "off" }).workersEnabled).toBe(false);
    expect(parseEnv({ APP_SECRET: SECRET, WORKERS: "0" }).workersEnabled).toBe(false);
    expect(parseEnv({ APP_SECRET: SECRET, WORKERS: "yes" }).workersEnabled).toBe(true);
    expect(parseEnv({ APP_SECRET: SECRET, TRUST_PROXY: "true" }).trustProxy).toBe(true);
    expect(envError({ APP_SECRET: SECRET, WORKERS: "maybe" }).message).toMatch(/WORKERS must be one of on\/off/);
  });

  it("reads TRUST_PROXY as on/off or a number of proxies", () => {
    expect(parseEnv({ APP_SECRET: SECRET }).trustProxyHops).toBe(0);
    expect(parseEnv({ APP_SECRET: SECRET, TRUST_PROXY: "on" }).trustProxyHops).toBe(1);
    expect(parseEnv({ APP_SECRET: SECRET, TRUST_PROXY: "off" }).trustProxyHops).toBe(0);
    expect(parseEnv({ APP_SECRET: SECRET, TRUST_PROXY: "2" }).trustProxyHops).toBe(2);
    expect(envError({ APP_SECRET: SECRET, TRUST_PROXY: "12" }).message).toMatch(
      /TRUST_PROXY must be on\/off, or the number of proxies/,
    );
  });

  it("opens private networks with ALLOW_PRIVATE_NETWORK, or its older name FLOW_HTTP_ALLOW_PRIVATE", () => {
    expect(parseEnv({ APP_SECRET: SECRET }).allowPrivateNetwork).toBe(false);
    expect(parseEnv({ APP_SECRET: SECRET, ALLOW_PRIVATE_NETWORK: "on" }).allowPrivateNetwork).toBe(true);
    expect(parseEnv({ APP_SECRET: SECRET, FLOW_HTTP_ALLOW_PRIVATE: "on" }).allowPrivateNetwork).toBe(true);
    // The new name wins when both are set.
    expect(
      parseEnv({ APP_SECRET: SECRET, ALLOW_PRIVATE_NETWORK: "off", FLOW_HTTP_ALLOW_PRIVATE: "on" }).allowPrivateNetwork,
    ).toBe(false);
  });

  it("accepts postgres:// and postgresql:// database URLs", () => {
    const url = "postgres://sb:pw@db.internal:5432/switchboard";
    expect(parseEnv({ APP_SECRET: SECRET, DATABASE_URL: url }).databaseUrl).toBe(url);
    expect(parseEnv({ APP_SECRET: SECRET, DATABASE_URL: "postgresql://db/switchboard" }).databaseUrl).toBe(
      "postgresql://db/switchboard",
    );
  });
});

describe("parseEnv refuses bad values, naming the variable", () => {
  it.each(["abc", "0", "70000", "80.5", "-1"])("PORT=%s", (port) => {
    const error = envError({ APP_SECRET: SECRET, PORT: port });
    expect(error.problems).toEqual([`PORT must be a whole number between 1 and 65535 (got "${port}")`]);
    expect(error.message).toContain("Invalid environment");
  });

  it("APP_URL that is not an http(s) URL", () => {
    expect(envError({ APP_SECRET: SECRET, APP_URL: "ftp://sb.example.com" }).problems).toEqual([
      'APP_URL must be an http(s) URL such as https://switchboard.example.com (got "ftp://sb.example.com")',
    ]);
    expect(envError({ APP_SECRET: SECRET, APP_URL: "sb.example.com" }).message).toContain(
      "APP_URL must be an http(s) URL",
    );
  });

  it("DATABASE_URL that is not PostgreSQL, without printing it (it holds a password)", () => {
    const error = envError({ APP_SECRET: SECRET, DATABASE_URL: "mysql://root:hunter2-secret@db.internal/switchboard" });
    expect(error.problems).toHaveLength(1);
    expect(error.message).toContain("DATABASE_URL must be a PostgreSQL URL");
    expect(error.message).not.toContain("hunter2-secret");
    expect(error.message).not.toContain("db.internal");
  });

  it("a short APP_SECRET, without printing it", () => {
    const error = envError({ APP_SECRET: "tooShortSecretValue" });
    expect(error.message).toContain("APP_SECRET must be at least 32 characters");
    expect(error.message).not.toContain("tooShortSecretValue");
  });

  it("lists every bad variable at once", () => {
    const error = envError({ APP_SECRET: "short-secret", PORT: "http", APP_URL: "nope" });
    expect(error.problems.map((p) => p.split(" ")[0]).sort()).toEqual(["APP_SECRET", "APP_URL", "PORT"]);
  });
});

describe("OIDC settings", () => {
  const oidc = {
    OIDC_ISSUER: "https://id.example.com",
    OIDC_CLIENT_ID: "switchboard",
    OIDC_CLIENT_SECRET: "oidc-client-secret-value",
  };

  it("all three together turn single sign-on on, with a default button name", () => {
    expect(parseEnv({ APP_SECRET: SECRET, ...oidc }).oidc).toEqual({
      issuer: "https://id.example.com",
      clientId: "switchboard",
      clientSecret: "oidc-client-secret-value",
      name: "Single sign-on",
    });
    expect(parseEnv({ APP_SECRET: SECRET, ...oidc, OIDC_NAME: "Okta" }).oidc?.name).toBe("Okta");
  });

  it("one without the others names the missing ones", () => {
    const error = envError({ APP_SECRET: SECRET, OIDC_ISSUER: oidc.OIDC_ISSUER });
    expect(error.problems.sort()).toEqual([
      "OIDC_CLIENT_ID is required when any OIDC_ variable is set",
      "OIDC_CLIENT_SECRET is required when any OIDC_ variable is set",
    ]);
  });

  it("an empty client secret counts as missing, and the secret is never printed", () => {
    const error = envError({ APP_SECRET: SECRET, ...oidc, OIDC_CLIENT_SECRET: " " });
    expect(error.problems).toEqual(["OIDC_CLIENT_SECRET is required when any OIDC_ variable is set"]);
    const bad = envError({ APP_SECRET: SECRET, ...oidc, OIDC_ISSUER: "not a url" });
    expect(bad.message).toContain("OIDC_ISSUER must be the issuer URL");
    expect(bad.message).not.toContain("oidc-client-secret-value");
  });
});

describe("APP_SECRET without configuration", () => {
  it("is generated once into DATA_DIR/app-secret (owner-only) and reused on the next start", () => {
    const dataDir = path.join(tempDataDir(), "nested", "data");
    const first = parseEnv({ DATA_DIR: dataDir });
    const file = path.join(dataDir, "app-secret");
    expect(first.appSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, "utf8").trim()).toBe(first.appSecret);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const second = parseEnv({ DATA_DIR: dataDir });
    expect(second.appSecret).toBe(first.appSecret);
    expect(second.authSecret).toBe(first.authSecret);
    expect(first.authSecret).not.toBe(first.appSecret);
  });

  it("differs between data directories, and a configured APP_SECRET writes no file", () => {
    const a = tempDataDir();
    const b = tempDataDir();
    expect(parseEnv({ DATA_DIR: a }).appSecret).not.toBe(parseEnv({ DATA_DIR: b }).appSecret);
    const c = tempDataDir();
    expect(parseEnv({ DATA_DIR: c, APP_SECRET: SECRET }).appSecret).toBe(SECRET);
    expect(() => statSync(path.join(c, "app-secret"))).toThrow();
  });
});
