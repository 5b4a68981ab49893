import { readFileSync } from "node:fs";
import path from "node:path";

import { expect, test, type Browser, type Page } from "@playwright/test";

import { admin, forgeOrgField, linkFromMail, PASSWORD, seedOrg, signIn, unique } from "./helpers";

// Every page of an organisation, for the checks below. Later features add theirs.
const orgPages = [
  "",
  "/dashboard",
  "/calls",
  "/calls/import",
  "/flows",
  "/settings",
  "/settings/members",
  "/settings/integrations",
  "/settings/summaries",
  "/settings/audit",
];

test("a user of organisation B gets 404 for every page of organisation A", async ({ page }) => {
  // Eleven page loads, each rendering a 404; on a loaded machine that outgrows the default minute.
  test.setTimeout(120_000);
  const a = await seedOrg("tenant-a");
  const b = await seedOrg("tenant-b");
  const printed = await admin(
    "create-integration",
    "--org",
    a.slug,
    "--provider",
    "sipgate",
    "--name",
    "A's secret line",
  );
  const hook = /Hook URL: (\S+)/.exec(printed)?.[1] ?? "";
  const seed = JSON.parse(
    readFileSync(path.resolve(import.meta.dirname, "../lib/providers/sipgate/fixtures/seed-000.json"), "utf8"),
  );
  const { id: callId } = await (await page.request.post(hook, { data: seed })).json();
  await signIn(page, b.owner, `/${b.slug}/dashboard`);

  for (const pagePath of [...orgPages, `/calls/${callId}`]) {
    const response = await page.goto(`/${a.slug}${pagePath}`);
    expect(response?.status(), `/${a.slug}${pagePath}`).toBe(404);
    await expect(page.getByRole("heading", { name: /does not exist/ })).toBeVisible();
    await expect(page.getByText(a.name)).toHaveCount(0);
    await expect(page.getByText("A's secret line")).toHaveCount(0);
  }
  // Nor its data behind the download links, under either organisation's address.
  for (const slug of [a.slug, b.slug]) {
    for (const download of [`/calls/${callId}/export?format=json`, `/calls/export?format=json&ids=${callId}`]) {
      const response = await page.request.get(`/${slug}${download}`);
      if (download.startsWith("/calls/export") && slug === b.slug) {
        // B's own bulk export answers, but holds none of A's calls.
        expect(await response.text()).toBe("[\n\n]\n");
      } else {
        expect(response.status(), `/${slug}${download}`).toBe(404);
      }
    }
  }
  // Unknown and malformed slugs look exactly the same.
  for (const other of ["/no-such-org/dashboard", "/NOT_A_SLUG/calls", `/${"x".repeat(300)}/settings`]) {
    expect((await page.goto(other))?.status(), other).toBe(404);
  }
});

test("a user of organisation B cannot change organisation A through a forged form", async ({ page }) => {
  const a = await seedOrg("forge-a");
  const b = await seedOrg("forge-b");
  await signIn(page, b.owner, `/${b.slug}/settings`);
  // Point B's own rename form at A, as a crafted request would.
  await forgeOrgField(page, a.slug);
  await page.getByLabel("Organisation name").fill("Hijacked");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toHaveCount(0);

  const orgs: Array<{ slug: string; name: string }> = JSON.parse(await admin("list-orgs", "--json"));
  expect(orgs.find((o) => o.slug === a.slug)?.name).toBe(a.name);
  expect(orgs.find((o) => o.slug === b.slug)?.name).toBe(b.name);
});

test("signed-out visitors are sent to sign in for any organisation page, existing or not", async ({ page }) => {
  const a = await seedOrg("anon");
  for (const target of [`/${a.slug}/calls`, "/no-such-org/calls"]) {
    await page.goto(target);
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  }
});

/** Adds an address on the members page the admin has open; returns what the page shows once. */
async function addOnMembersPage(page: Page, email: string, method: "invite" | "password") {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page
    .getByRole("radio", { name: method === "password" ? /one-time password/ : /^Invitation link(?! and)/ })
    .check();
  await page.getByRole("button", { name: "Add member" }).click();
  const link = await page.getByLabel("Invitation link", { exact: true }).inputValue();
  const password =
    method === "password" ? await page.getByLabel("One-time password", { exact: true }).inputValue() : "";
  const shown = await page.getByRole("status").filter({ hasText: "Invitation for" }).innerText();
  // Only the address and the expiry time may differ between two answers.
  const answer = shown.replaceAll(email, "<email>").replace(/until [^;.]+ UTC/, "until <time>");
  await page.getByRole("button", { name: "Add another member" }).click();
  return { link, password, answer };
}

async function newPage(browser: Browser) {
  return (await browser.newContext()).newPage();
}

/** The attacker, signed in as the victim's account, finds none of B's pages and B nowhere in the switcher. */
async function expectLockedOut(attacker: Page, b: { slug: string; name: string }, pagePaths = orgPages) {
  for (const pagePath of pagePaths) {
    const response = await attacker.goto(`/${b.slug}${pagePath}`);
    expect(response?.status(), `/${b.slug}${pagePath}`).toBe(404);
    await expect(attacker.getByText(b.name)).toHaveCount(0);
    await expect(attacker.getByText("B's secret line")).toHaveCount(0);
  }
  await attacker.goto("/");
  const newOrg = attacker.getByRole("menuitem", { name: "New organisation" });
  await expect(async () => {
    if (!(await newOrg.isVisible())) await attacker.getByRole("button", { name: /Switch organisation/ }).click();
    await expect(newOrg).toBeVisible({ timeout: 1000 });
  }).toPass();
  await expect(attacker.getByRole("menuitem", { name: b.name })).toHaveCount(0);
  await attacker.keyboard.press("Escape");
}

test("an account an admin of A pre-created cannot enter B; its owner takes it back by email and joins B through the link", async ({
  page: ownerOfB,
  browser,
}) => {
  test.setTimeout(300_000);
  const a = await seedOrg("takeover-a");
  const b = await seedOrg("takeover-b");
  await admin("create-integration", "--org", b.slug, "--provider", "sipgate", "--name", "B's secret line");
  const victim = `${unique("victim")}@example.com`;
  const attackerPassword = "attacker knows this passphrase";

  // A's admin creates the victim's account with a one-time password, redeems A's link as it and
  // sets a password of their own: they hold the account now.
  const ownerOfA = await newPage(browser);
  await signIn(ownerOfA, a.owner, `/${a.slug}/settings/members`);
  const fromA = await addOnMembersPage(ownerOfA, victim, "password");
  const attacker = await newPage(browser);
  await attacker.goto(fromA.link);
  await attacker.getByRole("link", { name: "Sign in to accept" }).click();
  await attacker.getByLabel("Password").fill(fromA.password);
  await attacker.getByRole("button", { name: "Sign in", exact: true }).click();
  // The forced change of the one-time password leads back to the invitation.
  await expect(attacker).toHaveURL(/\/account\/password\?next=%2Finvite%2F/);
  await attacker.getByLabel("Current password").fill(fromA.password);
  await attacker.getByLabel("New password", { exact: true }).fill(attackerPassword);
  await attacker.getByLabel("Repeat the new password").fill(attackerPassword);
  await attacker.getByRole("button", { name: "Change password" }).click();
  await expect(attacker.getByRole("heading", { name: `Join ${a.name}` })).toBeVisible();
  await attacker.getByRole("button", { name: `Join ${a.name}` }).click();
  await expect(attacker).toHaveURL(`/${a.slug}/dashboard`);

  // B's owner adds the address by link (it is emailed too), then with a one-time password.
  await signIn(ownerOfB, b.owner, `/${b.slug}/settings/members`);
  const byLink = await addOnMembersPage(ownerOfB, victim, "invite");
  expect(byLink.answer).toContain("We emailed this link to <email>");
  expect(await linkFromMail(victim, /http\S+\/invite\/sbi_[A-Za-z0-9_-]{43}/)).toBe(byLink.link);
  await expectLockedOut(attacker, b, ["/dashboard", "/calls", "/settings/members"]);

  const byPassword = await addOnMembersPage(ownerOfB, victim, "password");
  // The answer reads exactly as for an address without an account.
  const forNewcomer = await addOnMembersPage(ownerOfB, `${unique("newcomer")}@example.com`, "password");
  expect(byPassword.answer).toBe(forNewcomer.answer);
  expect(byPassword.answer).toContain(
    "Someone who already has a Switchboard account signs in with their own password instead.",
  );
  await expectLockedOut(attacker, b);
  // B's one-time password does not open the account: it was stored nowhere.
  const guess = await newPage(browser);
  await guess.goto("/sign-in");
  await guess.getByLabel("Email").fill(victim);
  await guess.getByLabel("Password").fill(byPassword.password);
  await guess.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(guess.getByText("Wrong email or password.")).toBeVisible();

  // B lists the address only as an open invitation.
  await ownerOfB.reload();
  await expect(ownerOfB.getByTestId(`invitation-${victim}`)).toBeVisible();
  await expect(ownerOfB.getByTestId(`member-${victim}`)).toHaveCount(0);

  // Even holding B's link, the account an admin of A created cannot join before it is taken back.
  await attacker.goto(byPassword.link);
  await expect(attacker.getByText("Take this account back first")).toBeVisible();
  await expect(attacker.getByRole("button", { name: /^Join/ })).toHaveCount(0);
  // The first link was replaced by the second.
  await attacker.goto(byLink.link);
  await expect(attacker.getByRole("heading", { name: "Invitation not valid" })).toBeVisible();

  // The real owner opens B's link, takes the account back through their email and joins B.
  const owner = await newPage(browser);
  await owner.goto(byPassword.link);
  await owner.getByRole("link", { name: "Forgot password?" }).click();
  await expect(owner.getByLabel("Email")).toHaveValue(victim);
  await owner.getByRole("button", { name: "Email me a link" }).click();
  await expect(
    owner.getByText("If an account exists for that address, we sent a link to it. The link works for 1 hour."),
  ).toBeVisible();
  const resetLink = await linkFromMail(victim, /http\S+\/reset-password\/sbr_\S+/);
  await owner.goto(resetLink);
  await owner.getByLabel("New password", { exact: true }).fill(PASSWORD);
  await owner.getByLabel("Repeat the new password").fill(PASSWORD);
  await owner.getByRole("button", { name: "Save the new password" }).click();
  await expect(
    owner.getByText(/Your password is changed and every session of your account is signed out/),
  ).toBeVisible();
  await owner.getByLabel("Password").fill(PASSWORD);
  await owner.getByRole("button", { name: "Sign in", exact: true }).click();
  await owner.getByRole("button", { name: `Join ${b.name}` }).click();
  await expect(owner).toHaveURL(`/${b.slug}/dashboard`);

  // The attacker's session ended with the reset, and their password is gone.
  await attacker.goto(`/${a.slug}/dashboard`);
  await expect(attacker).toHaveURL(/\/sign-in/);
  await attacker.getByLabel("Email").fill(victim);
  await attacker.getByLabel("Password").fill(attackerPassword);
  await attacker.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(attacker.getByText("Wrong email or password.")).toBeVisible();
  // The reset link worked once.
  await owner.goto(resetLink);
  await expect(owner.getByRole("heading", { name: "Link not valid" })).toBeVisible();

  await ownerOfB.reload();
  await expect(ownerOfB.getByTestId(`member-${victim}`)).toBeVisible();
  await expect(ownerOfB.getByTestId(`member-${victim}`)).not.toContainText("one-time password");
  await expect(ownerOfB.getByTestId(`invitation-${victim}`)).toHaveCount(0);
});
