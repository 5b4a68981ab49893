import { randomBytes } from "node:crypto";
import path from "node:path";

import { expect, type Page } from "@playwright/test";
import { z } from "zod";

import { callAdminSocket } from "@/lib/server/admin-socket";

const dataDir = process.env.E2E_DATA_DIR ?? path.resolve(import.meta.dirname, ".output", "data");

export const PASSWORD = "e2e correct horse battery";

/** Runs an admin CLI command inside the running server (it holds the embedded database). */
export async function admin(...argv: string[]): Promise<string> {
  const result = await callAdminSocket(dataDir, argv);
  if (result.exitCode !== 0) throw new Error(`admin ${argv.join(" ")} failed: ${result.stderr}`);
  return result.stdout;
}

export const unique = (prefix: string) => `${prefix}-${randomBytes(3).toString("hex")}`;

export type SeededUser = { email: string; password: string };

/** A new organisation with an owner, and optionally more members: each spec seeds its own. */
export async function seedOrg(prefix: string, others: Array<{ role: "owner" | "admin" | "member" }> = []) {
  const slug = unique(prefix);
  const name = `${prefix[0]?.toUpperCase()}${prefix.slice(1)} ${slug.slice(-6)}`;
  await admin("create-org", "--name", name, "--slug", slug);
  const owner = await seedUser(slug, "owner");
  const members: SeededUser[] = [];
  for (const other of others) members.push(await seedUser(slug, other.role));
  return { slug, name, owner, members };
}

export async function seedUser(
  orgSlug: string,
  role: "owner" | "admin" | "member",
  email = `${unique(role)}@example.com`,
): Promise<SeededUser> {
  await admin("create-user", "--email", email, "--org", orgSlug, "--role", role, "--password", PASSWORD);
  return { email, password: PASSWORD };
}

export async function signIn(page: Page, user: SeededUser, path = "/") {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Password hashing is slow by design; on a shared 2-core machine running parallel specs a
  // sign-in has been seen to take over 10 s.
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 30_000 });
}

/** Signs out through the user menu (retrying the click until the page has hydrated). */
export async function signOut(page: Page) {
  const item = page.getByRole("menuitem", { name: "Sign out" });
  await expect(async () => {
    if (!(await item.isVisible())) await page.getByRole("button", { name: "User menu" }).click();
    await expect(item).toBeVisible({ timeout: 1000 });
  }).toPass();
  await item.click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/**
 * Points a form's hidden `org` field at another organisation, as a crafted request would.
 * Waits until React has hydrated the field first: hydration would otherwise put the page's own
 * slug back and the forged request would never be sent.
 */
export async function forgeOrgField(
  page: Page,
  targetSlug: string,
  field = page.locator('input[type=hidden][name="org"]').first(),
) {
  await expect
    .poll(() => field.evaluate((input) => Object.keys(input).some((key) => key.startsWith("__reactFiber"))))
    .toBe(true);
  await field.evaluate((input, slug) => input.setAttribute("value", slug), targetSlug);
}

const mailboxUrl = `http://localhost:${Number(process.env.E2E_PORT ?? 3100) + 97}/mails`;

/** Mails the fake SMTP server received for an address (e2e/fake-smtp.ts), oldest first. */
export async function mailsTo(email: string): Promise<Array<{ subject: string; text: string }>> {
  const response = await fetch(`${mailboxUrl}?to=${encodeURIComponent(email)}`);
  return z.array(z.object({ subject: z.string(), text: z.string() })).parse(await response.json());
}

/** Waits for a mail to the address whose text matches, and returns the first match of `pattern`. */
export async function linkFromMail(email: string, pattern: RegExp): Promise<string> {
  let found = "";
  await expect
    .poll(async () => {
      const mails = await mailsTo(email);
      found = mails.map((m) => pattern.exec(m.text)?.[0]).findLast(Boolean) ?? "";
      return found;
    })
    .not.toBe("");
  return found;
}
