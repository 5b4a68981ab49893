import { expect, test } from "@playwright/test";

import { linkFromMail, seedOrg, signIn, signOut } from "./helpers";

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

test("someone added with a one-time password signs in through the link, chooses their own password, and joins", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const org = await seedOrg("otp");
  await signIn(page, org.owner, `/${org.slug}/settings/members`);
  const email = `newcomer-${Date.now()}@example.com`;
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("radio", { name: /one-time password/ }).check();
  await page.getByRole("button", { name: "Add member" }).click();
  const password = await page.getByLabel("One-time password", { exact: true }).inputValue();
  const link = await page.getByLabel("Invitation link", { exact: true }).inputValue();
  expect(password.length).toBeGreaterThanOrEqual(16);
  // Not a member until the link is redeemed.
  await page.reload();
  await expect(page.getByTestId(`invitation-${email}`)).toBeVisible();
  await expect(page.getByTestId(`member-${email}`)).toHaveCount(0);

  const other = await browser.newContext();
  const newcomer = await other.newPage();
  // Signed in with the one-time password, every page asks for an own password first.
  await signIn(newcomer, { email, password }, `/${org.slug}/dashboard`);
  await expect(newcomer).toHaveURL(/\/account\/password/);
  await newcomer.goto(link);
  await expect(newcomer).toHaveURL(/\/account\/password\?next=%2Finvite%2F/);
  await expect(newcomer.getByText("Choose your own password")).toBeVisible();
  await newcomer.getByLabel("Current password").fill(password);
  await newcomer.getByLabel("New password", { exact: true }).fill("short");
  await newcomer.getByLabel("Repeat the new password").fill("short");
  await newcomer.getByRole("button", { name: "Change password" }).click();
  await expect(newcomer.getByText("Use at least 10 characters.")).toBeVisible();
  await newcomer.getByLabel("New password", { exact: true }).fill("my very own passphrase");
  await newcomer.getByLabel("Repeat the new password").fill("my very own passphrase");
  await newcomer.getByRole("button", { name: "Change password" }).click();
  await newcomer.getByRole("button", { name: `Join ${org.name}` }).click();
  await expect(newcomer).toHaveURL(`/${org.slug}/dashboard`);
  await other.close();

  // Its row says how the account came to be.
  await page.reload();
  await expect(page.getByTestId(`member-${email}`)).toContainText(
    "Account created by an admin with a one-time password",
  );
});

test("Forgot password: the same answer for every address; the emailed link works once and signs out every session", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const org = await seedOrg("forgot");
  const elsewhere = await browser.newContext();
  const otherDevice = await elsewhere.newPage();
  await signIn(otherDevice, org.owner, `/${org.slug}/dashboard`);

  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
  const answer = "If an account exists for that address, we sent a link to it. The link works for 1 hour.";
  for (const email of [`nobody-${Date.now()}@example.com`, org.owner.email]) {
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a link" }).click();
    await expect(page.getByText(answer)).toBeVisible();
  }
  const resetLink = await linkFromMail(org.owner.email, /http\S+\/reset-password\/sbr_\S+/);
  await page.goto(resetLink);
  await page.getByLabel("New password", { exact: true }).fill("my reset passphrase");
  await page.getByLabel("Repeat the new password").fill("something else");
  await page.getByRole("button", { name: "Save the new password" }).click();
  await expect(page.getByText("The two passwords differ.")).toBeVisible();
  await page.getByLabel("Repeat the new password").fill("my reset passphrase");
  await page.getByRole("button", { name: "Save the new password" }).click();
  await expect(page).toHaveURL(/\/sign-in\?reset=1/);
  await page.getByLabel("Password").fill("my reset passphrase");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(`/${org.slug}/dashboard`);

  await otherDevice.reload();
  await expect(otherDevice).toHaveURL(/\/sign-in/);
  await elsewhere.close();
  await page.goto(resetLink);
  await expect(page.getByRole("heading", { name: "Link not valid" })).toBeVisible();
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
