import { expect, test } from "@playwright/test";

import { admin, seedOrg, seedUser, signIn } from "./helpers";

test("a user in two organisations switches between them", async ({ page }) => {
  const first = await seedOrg("first");
  const second = await seedOrg("second");
  await admin("create-user", "--email", first.owner.email, "--org", second.slug, "--role", "member");

  await signIn(page, first.owner, `/${first.slug}/dashboard`);
  const target = page.getByRole("menuitem", { name: second.name });
  await expect(async () => {
    if (!(await target.isVisible())) await page.getByRole("button", { name: /Switch organisation/ }).click();
    await expect(target).toBeVisible({ timeout: 1000 });
  }).toPass();
  await target.click();
  await expect(page).toHaveURL(`/${second.slug}/dashboard`);
  await expect(page.getByRole("button", { name: /Switch organisation/ })).toContainText(second.name);
  await expect(page.getByRole("button", { name: /Switch organisation/ })).toContainText("member");

  // "/" brings them back to the organisation they used last.
  await page.goto("/");
  await expect(page).toHaveURL(`/${second.slug}/dashboard`);
});

test("an owner changes a member's role, and it sticks", async ({ page, browser }) => {
  const org = await seedOrg("roles", [{ role: "member" }]);
  const member = org.members[0];
  if (!member) throw new Error("seed");
  await signIn(page, org.owner, `/${org.slug}/settings/members`);
  const row = page.getByTestId(`member-${member.email}`);
  await row.getByLabel(`Role of ${member.email}`).selectOption("admin");
  await page.reload();
  await expect(page.getByTestId(`member-${member.email}`).getByLabel(`Role of ${member.email}`)).toHaveValue("admin");

  // The new admin can open admin pages now.
  const context = await browser.newContext();
  const theirPage = await context.newPage();
  await signIn(theirPage, member, `/${org.slug}/settings/integrations`);
  await expect(theirPage.getByRole("heading", { name: "Connect a vendor" })).toBeVisible();
  await context.close();

  // The audit log says who did it.
  await page.goto(`/${org.slug}/settings/audit`);
  await expect(page.getByRole("row", { name: /member\.role_changed/ })).toContainText(org.owner.email);
});

test("the last owner cannot be demoted", async ({ page }) => {
  const org = await seedOrg("lastowner");
  await signIn(page, org.owner, `/${org.slug}/settings/members`);
  await page.getByLabel(`Role of ${org.owner.email}`).selectOption("admin");
  await expect(page.getByText(/last owner/)).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(`Role of ${org.owner.email}`)).toHaveValue("owner");
});

test("a member cannot open admin pages and sees read-only settings", async ({ page }) => {
  const org = await seedOrg("readonly", [{ role: "member" }]);
  const member = org.members[0];
  if (!member) throw new Error("seed");
  await signIn(page, member, `/${org.slug}/settings`);
  await expect(page.getByRole("definition").filter({ hasText: org.name })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Integrations" })).toHaveCount(0);

  for (const adminPage of ["settings/integrations", "settings/audit"]) {
    const response = await page.goto(`/${org.slug}/${adminPage}`);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Admins only" })).toBeVisible();
  }

  await page.goto(`/${org.slug}/settings/members`);
  await expect(page.getByTestId(`member-${org.owner.email}`)).toContainText("Owner");
  await expect(page.getByRole("heading", { name: "Add a member" })).toHaveCount(0);
  await expect(page.getByRole("combobox")).toHaveCount(0);
});

test("an admin invites someone by link; they set a password and join", async ({ page, browser }) => {
  const org = await seedOrg("invite");
  await signIn(page, org.owner, `/${org.slug}/settings/members`);
  const email = `invitee-${Date.now()}@example.com`;
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("admin");
  await page.getByRole("button", { name: "Add member" }).click();
  const link = await page.getByLabel("Invitation link", { exact: true }).inputValue();
  expect(link).toMatch(/\/invite\/sbi_/);

  const context = await browser.newContext();
  const invitee = await context.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: `Join ${org.name}` })).toBeVisible();
  await invitee.getByLabel("Your name").fill("Ina Invitee");
  await invitee.getByLabel("Password", { exact: true }).fill("ina's own passphrase");
  await invitee.getByLabel("Repeat the password").fill("ina's own passphrase");
  await invitee.getByRole("button", { name: "Create account and join" }).click();
  await expect(invitee.getByText("Your account is ready.")).toBeVisible();
  await invitee.getByLabel("Password").fill("ina's own passphrase");
  await invitee.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(invitee).toHaveURL(`/${org.slug}/dashboard`);
  await expect(invitee.getByRole("button", { name: /Switch organisation/ })).toContainText("admin");

  // The link works once.
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: "Invitation not valid" })).toBeVisible();
  await context.close();
});

test("an admin renames the organisation; bad input gets a message by the field", async ({ page }) => {
  const org = await seedOrg("rename");
  const admin2 = await seedUser(org.slug, "admin");
  await signIn(page, admin2, `/${org.slug}/settings`);
  await page.getByLabel("Organisation name").fill("   ");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Enter a name.")).toBeVisible();
  await page.getByLabel("Organisation name").fill("Renamed Ltd");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Switch organisation/ })).toContainText("Renamed Ltd");
});
