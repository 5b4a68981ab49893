import { readFileSync } from "node:fs";
import path from "node:path";

import { expect, test, type Browser, type Page } from "@playwright/test";

import { startFakeOpenAi, type FakeOpenAi } from "@/lib/test/fake-openai";

import { admin, forgeOrgField, seedOrg, signIn, type SeededUser } from "./helpers";

const root = path.resolve(import.meta.dirname, "..");
const seedBundle = JSON.parse(readFileSync(path.join(root, "lib/providers/sipgate/fixtures/seed-000.json"), "utf8"));

let fake: FakeOpenAi;
test.beforeAll(async () => {
  fake = await startFakeOpenAi();
});
test.afterAll(async () => fake.close());

async function deliverSeedCall(
  request: import("@playwright/test").APIRequestContext,
  orgSlug: string,
): Promise<string> {
  const printed = await admin("create-integration", "--org", orgSlug, "--provider", "sipgate", "--name", "Front desk");
  const url = /Hook URL: (\S+)/.exec(printed)?.[1];
  if (!url) throw new Error(printed);
  const response = await request.post(url, {
    data: { ...seedBundle, call: { ...seedBundle.call, id: `summaries-${orgSlug}` } },
  });
  expect(response.status()).toBe(200);
  const { id } = await response.json();
  return id;
}

async function signedInPage(browser: Browser, user: SeededUser, target: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user, target);
  return page;
}

test("an admin tries new instructions on a recent call, saves them, regenerates the call and can go back", async ({
  page,
  request,
}) => {
  const org = await seedOrg("summaries");
  const callId = await deliverSeedCall(request, org.slug);
  fake.setAnswer({
    headline: "Pricing question answered",
    summary: "The caller asked for the discounted price; the agent quoted 49.99 Euros.",
    actionItems: ["Send the offer in writing"],
  });

  await signIn(page, org.owner, `/${org.slug}/settings/summaries`);
  await page.getByLabel("Base instructions").fill("Focus on pricing and discounts.");
  await page.getByLabel(/OpenAI-compatible/).check();
  await page.getByLabel("Base URL").fill(fake.url);
  await page.getByLabel("Model name").fill("fake-model");
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("connection-result")).toContainText("Connected");

  // Trying changes nothing, and shows the call's summary now beside the draft's.
  await page.getByRole("button", { name: /Try the draft on 1 call/ }).click();
  const results = page.getByTestId("try-results");
  await expect(results.getByTestId("try-draft")).toContainText("Pricing question answered");
  await expect(results).toContainText(seedBundle.summary);
  expect(JSON.stringify(fake.requests.at(-1)?.body)).toContain("Focus on pricing and discounts.");

  await page.getByRole("button", { name: "Save as version 1" }).click();
  await expect(page.getByText("Saved as version 1.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Versions" })).toContainText("Version 1");

  // Regenerate the call with an instruction for it alone.
  await page.goto(`/${org.slug}/calls/${callId}`);
  await expect(page.getByTestId("call-summary")).toHaveText(seedBundle.summary);
  await expect(page.getByTestId("summary-provenance")).toContainText("From the vendor (sipgate)");
  await page.getByRole("button", { name: "Regenerate" }).click();
  await page.getByLabel(/Instructions for this call only/).fill("Mention the price.");
  await page.getByRole("button", { name: "Regenerate summary" }).click();
  await expect(page.getByTestId("call-summary")).toHaveText(/quoted 49.99 Euros/, { timeout: 20_000 });
  await expect(page.getByTestId("summary-provenance")).toContainText("fake-model · instructions version 1");
  expect(JSON.stringify(fake.requests.at(-1)?.body)).toContain("Mention the price.");

  // The vendor's summary is a version now, one click away.
  await page.getByText("Versions (2)").click();
  const versions = page.getByRole("list", { name: "Summary versions" });
  await versions
    .getByRole("listitem")
    .filter({ hasText: "From the vendor" })
    .getByRole("button", { name: "Show this one" })
    .click();
  await expect(page.getByTestId("call-summary")).toHaveText(seedBundle.summary);
  await expect(page.getByTestId("summary-provenance")).toContainText("From the vendor (sipgate)");
});

test("the stored API key stays with its base URL: a new URL asks for the key again beside the key field", async ({
  page,
}) => {
  const KEY = "sk-e2e-stored-key-4b7c1d9e";
  const keyed = await startFakeOpenAi({ apiKey: KEY });
  const other = await startFakeOpenAi();
  try {
    const org = await seedOrg("summaries-key");
    await signIn(page, org.owner, `/${org.slug}/settings/summaries`);
    await page.getByLabel(/OpenAI-compatible/).check();
    await page.getByLabel("Base URL").fill(keyed.url);
    await page.getByLabel("Model name").fill("fake-model");
    await page.getByLabel("API key").fill(KEY);
    await page.getByRole("button", { name: "Save as version 1" }).click();
    await expect(page.getByText("Saved as version 1.")).toBeVisible();

    // Another base URL with the key field left empty: the stored key is not sent there.
    await page.reload();
    const keyField = page.getByLabel("API key");
    await expect(keyField).toHaveAttribute("placeholder", /Stored \(ending in 1d9e\)/);
    await page.getByLabel("Base URL").fill(other.url);
    await expect(page.locator("#apiKey-hint")).toContainText(`The stored key is only sent to ${keyed.url}`);
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.locator("#apiKey-error")).toHaveText("Enter the API key again to use a different base URL.");
    await expect(keyField).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("connection-result")).toHaveText("Failed: see the field marked above.");

    // Saving it is refused too, naming the explicit way to go without a key.
    await page.getByRole("button", { name: "Save as version 2" }).click();
    await expect(page.locator("#apiKey-error")).toContainText(
      "Enter the API key again to use a different base URL. Or tick “Remove the stored key”",
    );
    await expect(page.getByText("Saved as version 2.")).toHaveCount(0);
    expect(JSON.stringify(other.requests)).not.toContain(KEY);
    expect(other.requests).toHaveLength(0);

    // With its own key, the new URL works; a redirect there is refused beside the base URL.
    await keyField.fill("sk-other-endpoint-key");
    await expect(page.locator("#apiKey-error")).toHaveCount(0);
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByTestId("connection-result")).toContainText("Connected");
    expect(other.requests.at(-1)?.headers.authorization).toBe("Bearer sk-other-endpoint-key");
    other.queue("redirect");
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.locator("#baseUrl-error")).toContainText("a redirect; redirects are not followed");
    expect(JSON.stringify(other.requests)).not.toContain(KEY);
  } finally {
    await Promise.all([keyed.close(), other.close()]);
  }
});

test("a second admin's stale save is refused with both texts shown, and can then be kept on purpose", async ({
  browser,
}) => {
  const org = await seedOrg("summaries-race", [{ role: "admin" }]);
  const second = org.members[0];
  if (!second) throw new Error("admin not seeded");
  const first = await signedInPage(browser, org.owner, `/${org.slug}/settings/summaries`);
  const other = await signedInPage(browser, second, `/${org.slug}/settings/summaries`);

  await first.getByLabel("Base instructions").fill("Owner's instructions.");
  await first.getByRole("button", { name: "Save as version 1" }).click();
  await expect(first.getByText("Saved as version 1.")).toBeVisible();

  await other.getByLabel("Base instructions").fill("Second admin's instructions.");
  await other.getByRole("button", { name: "Save as version 1" }).click();
  await expect(other.getByText(new RegExp(`changed by ${org.owner.email}`))).toBeVisible();
  const conflict = other.getByTestId("settings-conflict");
  await expect(conflict).toContainText("Owner's instructions.");
  await expect(conflict).toContainText("Second admin's instructions.");
  await conflict.getByRole("button", { name: "Keep my draft" }).click();
  await other.getByRole("button", { name: "Save as version 2" }).click();
  await expect(other.getByText("Saved as version 2.")).toBeVisible();
  await other.reload();
  await expect(other.getByLabel("Base instructions")).toHaveValue("Second admin's instructions.");
  await expect(other.getByRole("list", { name: "Versions" }).getByRole("listitem")).toHaveCount(2);
});

test("members read the summary settings but cannot change them; another organisation reaches neither page nor action", async ({
  browser,
}) => {
  const a = await seedOrg("summaries-a", [{ role: "member" }]);
  const b = await seedOrg("summaries-b");
  const member = a.members[0];
  if (!member) throw new Error("member not seeded");

  const memberPage = await signedInPage(browser, member, `/${a.slug}/settings/summaries`);
  await expect(memberPage.getByLabel("Base instructions")).toBeDisabled();
  await expect(memberPage.getByRole("button", { name: /Save as version/ })).toHaveCount(0);
  await expect(memberPage.getByRole("heading", { name: "Try before saving" })).toHaveCount(0);

  const outsider = await signedInPage(browser, b.owner, `/${b.slug}/settings/summaries`);
  // B's own form pointed at A, as a crafted request would be.
  await forgeOrgField(outsider, a.slug);
  await outsider.getByLabel("Base instructions").fill("Hijacked");
  await outsider.getByRole("button", { name: "Save as version 1" }).click();
  await expect(outsider.getByText("Saved as version 1.")).toHaveCount(0);
  const response = await outsider.goto(`/${a.slug}/settings/summaries`);
  expect(response?.status()).toBe(404);

  await memberPage.reload();
  await expect(memberPage.getByLabel("Base instructions")).toHaveValue("");
  await expect(memberPage.getByText("Nothing saved yet")).toBeVisible();
});

test("an admin regenerates the summaries of every ticked call and follows the progress to the end", async ({
  page,
  request,
}) => {
  const org = await seedOrg("summaries-bulk");
  const printed = await admin("create-integration", "--org", org.slug, "--provider", "sipgate", "--name", "Front desk");
  const url = /Hook URL: (\S+)/.exec(printed)?.[1];
  if (!url) throw new Error(printed);
  for (const id of ["bulk-1", "bulk-2", "bulk-3"]) {
    expect((await request.post(url, { data: { ...seedBundle, call: { ...seedBundle.call, id } } })).status()).toBe(200);
  }
  await signIn(page, org.owner, `/${org.slug}/calls`);
  await expect(page.getByTestId("inbox-row")).toHaveCount(3);
  await expect(async () => {
    await page.getByLabel("Select all calls on this page").check({ timeout: 1000 });
    await expect(page.getByRole("region", { name: "Bulk actions" })).toContainText("3 selected", { timeout: 1000 });
  }).toPass();
  await page.getByRole("button", { name: "Regenerate summaries" }).click();
  await page
    .getByRole("dialog", { name: "Regenerate the summaries of 3 calls?" })
    .getByRole("button", { name: "Regenerate" })
    .click();
  await expect(page.getByTestId("regenerate-progress")).toContainText("Done: 3 new summaries", { timeout: 30_000 });
  // Every call shows its new summary now; the vendor's stays a version.
  await page.getByTestId("inbox-row").first().click();
  await expect(page.getByTestId("summary-provenance")).toContainText("Built-in (extractive)");
  await expect(page.getByText("Versions (2)")).toBeVisible();
});
