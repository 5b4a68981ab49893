import { readFileSync } from "node:fs";
import path from "node:path";

import { expect, test, type Page, type Response } from "@playwright/test";

import { admin, seedOrg, signIn } from "./helpers";

// Issue 12, item 9: every page Next.js renders carries a nonce Content-Security-Policy that its
// own scripts satisfy (a page whose scripts the policy refused would render but never hydrate),
// and a server action posted from another site is refused with 403.

const root = path.resolve(import.meta.dirname, "..");
const seedBundle = JSON.parse(readFileSync(path.join(root, "lib/providers/sipgate/fixtures/seed-000.json"), "utf8"));

/** Records every CSP violation the browser reports, from the first script on. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction("reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      Reflect.get(window, "reportCspViolation")(`${event.violatedDirective}: ${event.blockedURI}`);
    });
  });
  return violations;
}

/** The nonce of the response's policy, after checking that every script tag in its HTML carries it. */
async function expectNoncedPage(response: Response | null): Promise<string> {
  expect(response, "navigation response").not.toBeNull();
  if (!response) return "";
  const policy = response.headers()["content-security-policy"] ?? "";
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).not.toContain("unsafe-eval");
  expect(response.headers()["strict-transport-security"], "HSTS on plain http").toBeUndefined();
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1] ?? "";
  const html = await response.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  return nonce;
}

test("every page carries a nonce CSP, its scripts carry the nonce, and nothing is refused", async ({ page }) => {
  const org = await seedOrg("csp");
  const printed = await admin("create-integration", "--org", org.slug, "--provider", "sipgate", "--name", "Sales line");
  const hook = /Hook URL: (\S+)/.exec(printed)?.[1] ?? "";
  const delivered = await page.request.post(hook, { data: seedBundle });
  expect(delivered.status()).toBe(200);
  const { id: callId } = await delivered.json();
  const violations = await watchViolations(page);

  await expectNoncedPage(await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(`/${org.slug}/calls`)}`));
  // Signing in runs the form's script: with its nonce refused, the click would do nothing.
  await signIn(page, org.owner, `/${org.slug}/calls`);

  const pages: Array<[string, () => Promise<void>]> = [
    [`/${org.slug}/dashboard`, () => expect(page.getByRole("button", { name: /Switch organisation/ })).toBeVisible()],
    [`/${org.slug}/calls`, () => expect(page.getByText(seedBundle.callHeadline).first()).toBeVisible()],
    [
      `/${org.slug}/calls/${callId}`,
      () => expect(page.getByRole("heading", { level: 1, name: seedBundle.callHeadline })).toBeVisible(),
    ],
    [`/${org.slug}/flows`, () => expect(page.getByRole("form", { name: "Create a flow" })).toBeVisible()],
    [`/${org.slug}/settings/summaries`, () => expect(page.locator("h1").first()).toBeVisible()],
    [`/${org.slug}/settings/integrations`, () => expect(page.getByText("Sales line").first()).toBeVisible()],
    [`/${org.slug}/settings/members`, () => expect(page.getByText(org.owner.email).first()).toBeVisible()],
    [`/${org.slug}/settings/audit`, () => expect(page.locator("h1").first()).toBeVisible()],
    ["/account/password", () => expect(page.getByRole("heading", { name: "Change password" })).toBeVisible()],
    ["/no/such/page", () => expect(page.getByText("This page does not exist")).toBeVisible()],
  ];
  for (const [url, isShown] of pages) {
    await expectNoncedPage(await page.goto(url));
    await isShown();
  }

  // The flow editor (React Flow draws with inline styles), for a flow made through a server action.
  await page.goto(`/${org.slug}/flows`);
  const form = page.getByRole("form", { name: "Create a flow" });
  await form.getByRole("radio", { name: /Blank/ }).check();
  await form.getByRole("textbox", { name: "Name" }).fill("Front desk");
  const created = page.waitForResponse(
    (r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined,
  );
  await form.getByRole("button", { name: "Create and open" }).click();
  const editorPath = (await created).headers()["x-action-redirect"]?.split(";")[0] ?? "";
  expect(editorPath).toMatch(new RegExp(`^/${org.slug}/flows/`));
  await expectNoncedPage(await page.goto(editorPath));
  await expect(page.getByTestId("flow-editor")).toBeVisible();
  await expect(page.getByTestId("canvas-node")).toHaveCount(2);

  expect(violations).toEqual([]);
});

test("a server action posted from another site is refused with 403; this site's own goes through", async ({ page }) => {
  const org = await seedOrg("csrf");
  await signIn(page, org.owner, "/account/password");
  // Learn the action's id the way an attacker would: from one's own use of the page.
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password", { exact: true }).fill("my very own passphrase");
  await page.getByLabel("Repeat the new password").fill("my very own passphrase");
  const sent = page.waitForRequest(
    (request) => request.method() === "POST" && request.headers()["next-action"] !== undefined,
  );
  await page.getByRole("button", { name: "Change password" }).click();
  const actionId = (await sent).headers()["next-action"] ?? "";
  expect(actionId).not.toBe("");
  // This site's own post went through (and was told the current password is wrong).
  expect((await (await sent).response())?.status()).toBe(200);

  const forged = await page.request.post("/account/password", {
    headers: { "Next-Action": actionId, Origin: "https://evil.example", "Content-Type": "text/plain;charset=UTF-8" },
    data: "[]",
  });
  expect(forged.status()).toBe(403);
  expect((await forged.text()).length).toBeLessThan(200);

  // A form posted from another site without JavaScript, which Next.js would also run as an action.
  const noScript = await page.request.post("/account/password", {
    headers: { Origin: "https://evil.example" },
    multipart: { [`$ACTION_ID_${actionId}`]: "", currentPassword: "x", newPassword: "y", confirmPassword: "y" },
  });
  expect(noScript.status()).toBe(403);
});
