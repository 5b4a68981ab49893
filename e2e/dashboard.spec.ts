import { readFileSync } from "node:fs";
import path from "node:path";

import { expect, test, type APIRequestContext } from "@playwright/test";

import { admin, seedOrg, signIn } from "./helpers";

const root = path.resolve(import.meta.dirname, "..");
const seedBundle = JSON.parse(readFileSync(path.join(root, "lib/providers/sipgate/fixtures/seed-000.json"), "utf8"));

const HOUR = 60 * 60 * 1000;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function hookUrl(orgSlug: string, provider: string, name: string): Promise<string> {
  const printed = await admin("create-integration", "--org", orgSlug, "--provider", provider, "--name", name);
  const url = /Hook URL: (\S+)/.exec(printed)?.[1];
  if (!url) throw new Error(printed);
  return url;
}

async function deliver(request: APIRequestContext, url: string, data: unknown) {
  const response = await request.post(url, { data });
  expect(response.status(), await response.text()).toBe(200);
}

test("a new organisation sees how to get its first call, worded for its role", async ({ page }) => {
  const org = await seedOrg("dash-empty", [{ role: "member" }]);
  await signIn(page, org.owner, `/${org.slug}/dashboard`);
  await expect(page.getByRole("heading", { name: "No calls yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Connect a vendor" })).toHaveAttribute(
    "href",
    `/${org.slug}/settings/integrations`,
  );
  // Two members already: the team step is done, the others are not.
  await expect(page.getByLabel("done")).toHaveCount(1);
  await expect(page.locator(".recharts-wrapper")).toHaveCount(0);

  const member = org.members[0];
  if (!member) throw new Error("member not seeded");
  await page.context().clearCookies();
  await signIn(page, member, `/${org.slug}/dashboard`);
  await expect(page.getByText("An admin of your organisation connects")).toBeVisible();
  await expect(page.getByRole("link", { name: "Connect a vendor" })).toHaveCount(0);
});

test("delivered calls fill the chart and the figures, and each figure opens its calls", async ({ page, request }) => {
  const org = await seedOrg("dash");
  const sipgate = await hookUrl(org.slug, "sipgate", "Front desk");
  const pbx = await hookUrl(org.slug, "pbx", "Office PBX");

  const now = Date.now();
  const starts = { first: now - HOUR, second: now - 26 * HOUR, third: now - 3 * 24 * HOUR };
  // Inbound, 5:00, one open action item (the seed's).
  await deliver(request, sipgate, {
    ...seedBundle,
    call: { ...seedBundle.call, id: "dash-1", startTime: starts.first, endTime: starts.first + 300_000, duration: 300 },
  });
  // Outbound, 1:40, no action items.
  await deliver(request, sipgate, {
    ...seedBundle,
    actionItems: [],
    call: {
      ...seedBundle.call,
      id: "dash-2",
      direction: "outbound",
      startTime: starts.second,
      endTime: starts.second + 100_000,
      duration: 100,
    },
  });
  // Inbound, 3:20, two open action points, two tags.
  await deliver(request, pbx, {
    call_id: "dash-3",
    from: "+4930123456",
    to: "+4930987654",
    direction: "inbound",
    start: new Date(starts.third).toISOString(),
    duration: 200,
    summary: "Invoice question, customer wants a call back.",
    tags: ["billing", "vip"],
    action_points: ["Send invoice", "Call back"],
  });

  await signIn(page, org.owner, `/${org.slug}/dashboard`);
  await expect(page.getByRole("link", { name: /^Calls\s*3\s*in the last 30 days$/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Average duration\s*3:20/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Open action items\s*3\s*in 2 calls/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Outbound\s*1$/ })).toBeVisible();
  await expect(page.getByRole("list", { name: "Top tags" }).getByRole("listitem")).toHaveText([
    /billing\s*1/,
    /vip\s*1/,
  ]);
  const deliveries = page.getByRole("list", { name: "Last deliveries" }).getByRole("listitem");
  await expect(deliveries).toHaveCount(2);
  await expect(deliveries.first()).toContainText("Office PBX");
  // Accepted deliveries are counted in memory and written once a second (lib/hooks/delivery-counts).
  await expect(async () => {
    await page.reload();
    await expect(deliveries.first()).toContainText("1 accepted · 0 refused", { timeout: 500 });
    await expect(deliveries.nth(1)).toContainText("2 accepted · 0 refused", { timeout: 500 });
  }).toPass();

  // One bar segment per day and source that had calls.
  const segments = page.locator(".recharts-wrapper svg .recharts-bar-rectangle path");
  const pairs = new Set([
    `${utcDay(starts.first)} sipgate`,
    `${utcDay(starts.second)} sipgate`,
    `${utcDay(starts.third)} pbx`,
  ]);
  await expect(segments).toHaveCount(pairs.size);

  // The PBX segment is the only one three days back: clicking it opens that day's PBX calls.
  const pbxDay = utcDay(starts.third);
  const pbxSegment = page.locator(".recharts-bar-rectangle path[fill='var(--series-1)']");
  await pbxSegment.click();
  await expect(page).toHaveURL(`/${org.slug}/calls?from=${pbxDay}&to=${pbxDay}&provider=pbx`);

  await page.goBack();
  await page.getByRole("link", { name: /^Inbound\s*2$/ }).click();
  await expect(page).toHaveURL(
    new RegExp(`/${org.slug}/calls\\?from=\\d{4}-\\d{2}-\\d{2}&to=${utcDay(now)}&direction=inbound$`),
  );
});
