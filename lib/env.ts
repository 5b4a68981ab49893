import { createHmac, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";

import { z } from "zod";

// Empty strings (common in .env files and CI) mean "not set".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const flag = z.enum(["1", "0", "true", "false", "on", "off", "yes", "no"], {
  error: "must be one of on/off, true/false, 1/0",
});

const envSchema = z
  .object({
    NODE_ENV: optional(z.enum(["development", "production", "test"])),
    PORT: optional(
      z.coerce
        .number({ error: "must be a whole number between 1 and 65535" })
        .int("must be a whole number between 1 and 65535")
        .min(1, "must be a whole number between 1 and 65535")
        .max(65535, "must be a whole number between 1 and 65535"),
    ),
    HOST: optional(z.string().max(255)),
    APP_URL: optional(
      z.url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://switchboard.example.com" }),
    ),
    DATABASE_URL: optional(
      z.url({
        protocol: /^postgres(ql)?$/,
        error: "must be a PostgreSQL URL such as postgres://user:password@host:5432/switchboard",
      }),
    ),
    DATABASE_POOL_MAX: optional(z.coerce.number().int().min(1).max(200)),
    DATA_DIR: optional(z.string()),
    APP_SECRET: optional(z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 48)")),
    WORKERS: optional(flag),
    TRUST_PROXY: optional(
      z.enum(["1", "0", "true", "false", "on", "off", "yes", "no", "2", "3", "4", "5", "6", "7", "8", "9"], {
        error: "must be on/off, or the number of proxies in front of Switchboard (1-9)",
      }),
    ),
    OIDC_ISSUER: optional(z.url({ protocol: /^https?$/, error: "must be the issuer URL of your identity provider" })),
    OIDC_CLIENT_ID: optional(z.string()),
    OIDC_CLIENT_SECRET: optional(z.string()),
    OIDC_NAME: optional(z.string().max(60)),
    SMTP_URL: optional(
      z.url({ protocol: /^smtps?$/, error: "must be an SMTP URL such as smtps://user:password@mail.example.com:465" }),
    ),
    SMTP_FROM: optional(z.string().max(200)),
    ALLOW_PRIVATE_NETWORK: optional(flag),
    /** The older name of ALLOW_PRIVATE_NETWORK, from when only flows' HTTP nodes used it. */
    FLOW_HTTP_ALLOW_PRIVATE: optional(flag),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      for (const key of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const) {
        if (!env[key])
          ctx.addIssue({ code: "custom", path: [key], message: "is required when any OIDC_ variable is set" });
      }
    }
  });

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

const isOn = (value: string | undefined, fallback: boolean) =>
  value === undefined ? fallback : ["1", "true", "on", "yes"].includes(value);

const trustProxyHops = (value: string | undefined): number => {
  if (value === undefined) return 0;
  if (/^[1-9]$/.test(value)) return Number(value);
  return isOn(value, false) ? 1 : 0;
};

export type Env = ReturnType<typeof buildEnv>;

type EnvSource = Record<string, string | undefined>;

function buildEnv(source: EnvSource) {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new EnvError(
      parsed.error.issues.map((issue) => {
        const key = issue.path.join(".");
        const raw = source[key];
        const shown =
          key.includes("SECRET") || key === "DATABASE_URL" || key === "SMTP_URL" ? "" : raw ? ` (got "${raw}")` : "";
        return `${key} ${issue.message}${shown}`;
      }),
    );
  }
  const e = parsed.data;
  const port = e.PORT ?? 3000;
  const dataDir = path.resolve(/*turbopackIgnore: true*/ e.DATA_DIR ?? ".data");
  const appSecret = e.APP_SECRET ?? loadOrCreateSecret(dataDir);
  return {
    nodeEnv: e.NODE_ENV ?? "production",
    port,
    host: e.HOST,
    appUrl: (e.APP_URL ?? `http://localhost:${port}`).replace(/\/+$/, ""),
    databaseUrl: e.DATABASE_URL,
    // PostgreSQL's rule of thumb, twice the cores plus one: on the 2-core machines we measure on,
    // more connections only add context switches (bench/RESULTS.md, ingest).
    databasePoolMax: e.DATABASE_POOL_MAX ?? 2 * availableParallelism() + 1,
    dataDir,
    appSecret,
    authSecret: deriveKey(appSecret, "next-auth"),
    workersEnabled: isOn(e.WORKERS, true),
    trustProxy: trustProxyHops(e.TRUST_PROXY) > 0,
    /**
     * How many proxies of the operator's stand in front of Switchboard: the client is the address
     * the outermost of them saw, counted from the right of X-Forwarded-For (each proxy appends).
     * 0: no proxy, the socket's address is the client.
     */
    trustProxyHops: trustProxyHops(e.TRUST_PROXY),
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            name: e.OIDC_NAME ?? "Single sign-on",
          }
        : undefined,
    /**
     * Requests made on a tenant's behalf (flow HTTP nodes, summary models, vendor pulls, outbound
     * webhooks) may reach private, loopback and link-local addresses: for self-hosters with Ollama,
     * vLLM or an on-premises PBX. Off by default; FLOW_HTTP_ALLOW_PRIVATE is its older name.
     */
    allowPrivateNetwork: isOn(e.ALLOW_PRIVATE_NETWORK ?? e.FLOW_HTTP_ALLOW_PRIVATE, false),
    smtp: e.SMTP_URL
      ? {
          url: e.SMTP_URL,
          from: e.SMTP_FROM ?? `Switchboard <switchboard@${new URL(e.APP_URL ?? "http://localhost").hostname}>`,
        }
      : undefined,
  };
}

/** Derives a purpose-bound key so one APP_SECRET can serve several uses without reuse. */
export function deriveKey(secret: string, purpose: string): string {
  return createHmac("sha256", secret).update(`switchboard:${purpose}`).digest("base64url");
}

// Zero-config start: without APP_SECRET, a random one is kept beside the embedded database so
// sessions survive restarts. Deployments with several processes must set APP_SECRET themselves.
function loadOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, "app-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
    chmodSync(file, 0o600);
    return secret;
  } catch (error) {
    // Another process created it first: use theirs.
    if (error instanceof Error && "code" in error && error.code === "EEXIST") return readFileSync(file, "utf8").trim();
    throw error;
  }
}

let cached: Env | undefined;

/** The environment, parsed once per process. Throws EnvError naming every bad variable. */
export function getEnv(): Env {
  if (!cached) {
    cached = buildEnv(process.env);
    // Modules bundled by Next.js read the same values through process.env.
    process.env.APP_SECRET ??= cached.appSecret;
  }
  return cached;
}

/** For tests: parse a given environment without caching it. */
export function parseEnv(source: EnvSource): Env {
  return buildEnv(source);
}
