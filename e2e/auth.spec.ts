import { expect, test } from "@playwright/test";
import { seedOrg, signIn, signOut } from "./helpers";

test("a user signs in, sees their organisation, and signs out", async ({ page }) => {
  const org = await seedOrg("auth");
  await page.goto(`/${org.slug}/dashboard`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);

  await page.getByLabel("Email").fill(org.owner.email);
  await page.getByLabel("Password").fill(org.owner.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(`/${org.slug}/dashboard`);
  await expect(page.getByRole("button", { name: /Switch organisation/ })).toContainText(org.name);

  await signOut(page);
  await page.goto(`/${org.slug}/dashboard`);
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a wrong password gets a clear error and no session", async ({ page }) => {
  const org = await seedOrg("wrongpw");
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(org.owner.email);
  await page.getByLabel("Password").fill("definitely not it");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);

  await page.getByLabel("Email").fill("");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Enter your email address.")).toBeVisible();
});

test("ten failures in a row pause sign-in for that email with a message that says so", async ({ page }) => {
  const org = await seedOrg("throttle");
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(org.owner.email);
  for (let i = 1; i <= 9; i++) {
    await page.getByLabel("Password").fill(`wrong password ${i}`);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByText("Wrong email or password.")).toBeVisible();
  }
  await expect(page.getByText("1 attempt left before sign-in is paused for 15 minutes.")).toBeVisible();
  await page.getByLabel("Password").fill("wrong password 10");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText(/Too many failed sign-in attempts .* paused for 15 more minutes/)).toBeVisible();

  // Even the right password is refused now.
  await page.getByLabel("Password").fill(org.owner.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText(/Too many failed sign-in attempts/)).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("someone added with a one-time password must choose their own at first sign-in", async ({ page, browser }) => {
  const org = await seedOrg("otp");
  await signIn(page, org.owner, `/${org.slug}/settings/members`);
  const email = `newcomer-${Date.now()}@example.com`;
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Create the account with a one-time password").check();
  await page.getByRole("button", { name: "Add member" }).click();
  const password = await page.getByLabel("One-time password", { exact: true }).inputValue();
  expect(password.length).toBeGreaterThanOrEqual(16);

  const other = await browser.newContext();
  const newcomer = await other.newPage();
  await signIn(newcomer, { email, password }, `/${org.slug}/dashboard`);
  await expect(newcomer).toHaveURL(/\/account\/password/);
  await expect(newcomer.getByText("Choose your own password")).toBeVisible();
  await newcomer.getByLabel("Current password").fill(password);
  await newcomer.getByLabel("New password", { exact: true }).fill("short");
  await newcomer.getByLabel("Repeat the new password").fill("short");
  await newcomer.getByRole("button", { name: "Change password" }).click();
  await expect(newcomer.getByText("Use at least 10 characters.")).toBeVisible();
  await newcomer.getByLabel("New password", { exact: true }).fill("my very own passphrase");
  await newcomer.getByLabel("Repeat the new password").fill("my very own passphrase");
  await newcomer.getByRole("button", { name: "Change password" }).click();
  await expect(newcomer).toHaveURL(`/${org.slug}/dashboard`);
  await other.close();
});

test("single sign-on admits people an admin has added, and only them", async ({ page }) => {
  const org = await seedOrg("sso");
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(`/${org.slug}/calls`)}`);
  await page.getByRole("button", { name: "Continue with Test SSO" }).click();
  await expect(page.getByRole("heading", { name: "Test identity provider" })).toBeVisible();
  await page.getByLabel("Email").fill(org.owner.email);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(`/${org.slug}/calls`);
  await expect(page.getByRole("button", { name: "User menu" })).toContainText(org.owner.email);

  await signOut(page);
  await page.getByRole("button", { name: "Continue with Test SSO" }).click();
  await expect(page.getByRole("heading", { name: "Test identity provider" })).toBeVisible();
  await page.getByLabel("Email").fill("stranger@example.com");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByText("There is no Switchboard account for this address.")).toBeVisible();
});
