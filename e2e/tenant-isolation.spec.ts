import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { admin, forgeOrgField, seedOrg, signIn } from "./helpers";

// Every page of an organisation, for the checks below. Later features add theirs.
const orgPages = ["", "/dashboard", "/calls", "/calls/import", "/flows", "/settings", "/settings/members", "/settings/integrations", "/settings/summaries", "/settings/audit"];

test("a user of organisation B gets 404 for every page of organisation A", async ({ page }) => {
  const a = await seedOrg("tenant-a");
  const b = await seedOrg("tenant-b");
  const printed = await admin("create-integration", "--org", a.slug, "--provider", "sipgate", "--name", "A's secret line");
  const hook = /Hook URL: (\S+)/.exec(printed)?.[1] ?? "";
  const seed = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../lib/providers/sipgate/fixtures/seed-000.json"), "utf8"));
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
