import path from "node:path";

import { defineConfig } from "@playwright/test";

import { chromiumArgs } from "./browser";

const root = path.resolve(import.meta.dirname, "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const port = Number(process.env.E2E_PORT ?? 3100);
const oidcPort = port + 99;
const smtpPort = port + 98;
const mailboxPort = port + 97;
const baseURL = `http://localhost:${port}`;
const dataDir = process.env.E2E_DATA_DIR ?? path.join(root, "e2e", ".output", "data");

export default defineConfig({
  testDir: ".",
  outputDir: ".output/results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: process.env.E2E_CHROMIUM, args: chromiumArgs },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium", viewport: { width: 1280, height: 800 } } }],
  webServer: [
    {
      // A stand-in identity provider, so single sign-on is tested end to end.
      command: `${tsx} e2e/fake-oidc.ts`,
      cwd: root,
      url: `http://localhost:${oidcPort}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      env: { FAKE_OIDC_PORT: String(oidcPort), FAKE_OIDC_CLIENT_ID: "switchboard-e2e" },
    },
    {
      // A stand-in mail server, so invitations and "Forgot password?" are tested end to end.
      command: `${tsx} e2e/fake-smtp.ts`,
      cwd: root,
      url: `http://localhost:${mailboxPort}/mails`,
      reuseExistingServer: false,
      env: { FAKE_SMTP_PORT: String(smtpPort), FAKE_SMTP_HTTP_PORT: String(mailboxPort) },
    },
    {
      command: `${tsx} server.ts`,
      cwd: root,
      url: `${baseURL}/api/ready`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        PORT: String(port),
        APP_URL: baseURL,
        DATA_DIR: dataDir,
        NODE_ENV: "production",
        OIDC_ISSUER: `http://localhost:${oidcPort}`,
        OIDC_CLIENT_ID: "switchboard-e2e",
        OIDC_CLIENT_SECRET: "e2e-client-secret",
        OIDC_NAME: "Test SSO",
        // The specs' stand-ins (the fake model, receivers) listen on loopback, which the outbound
        // policy refuses by default; lib/outbound's own tests prove the refusal.
        ALLOW_PRIVATE_NETWORK: "on",
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        SMTP_FROM: "Switchboard <switchboard@example.com>",
      },
    },
  ],
});
