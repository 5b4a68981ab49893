import { readFileSync } from "node:fs";
import path from "node:path";

import { expect, test, type APIRequestContext, type Download, type Page } from "@playwright/test";

import { admin, seedOrg, signIn } from "./helpers";

const root = path.resolve(import.meta.dirname, "..");
const seedBundle = JSON.parse(readFileSync(path.join(root, "lib/providers/sipgate/fixtures/seed-000.json"), "utf8"));
const HOUR = 60 * 60 * 1000;

async function hookUrl(orgSlug: string): Promise<string> {
  const printed = await admin("create-integration", "--org", orgSlug, "--provider", "sipgate", "--name", "Front desk");
  const url = /Hook URL: (\S+)/.exec(printed)?.[1];
  if (!url) throw new Error(printed);
  return url;
}

type Call = {
  id: string;
  headline: string;
  hoursAgo: number;
  duration: number;
  caller: string;
  direction?: string;
  summary: string;
  said: string;
};

async function deliver(request: APIRequestContext, url: string, call: Call) {
  const start = Date.now() - call.hoursAgo * HOUR;
  const response = await request.post(url, {
    data: {
      ...seedBundle,
      callHeadline: call.headline,
      summary: call.summary,
      actionItems: [],
      transcriptions: [
        { speaker: "caller", startTime: 0, endTime: 4000, text: call.said },
        { speaker: "callee", startTime: 4001, endTime: 8000, text: "Thank you, noted." },
      ],
      call: {
        ...seedBundle.call,
        id: call.id,
        caller: call.caller,
        direction: call.direction ?? "inbound",
        startTime: start,
        endTime: start + call.duration * 1000,
        duration: call.duration,
      },
    },
  });
  expect(response.status(), await response.text()).toBe(200);
}

const plum: Call = {
  id: "plum",
  headline: "Order for the bakery",
  hoursAgo: 1,
  duration: 300,
  caller: "+491751234567",
  summary: "A bakery orders cake.",
  said: "We need three Zwetschgenkuchen for Saturday.",
};
const transfer: Call = {
  id: "transfer",
  headline: "Payment question",
  hoursAgo: 2,
  duration: 60,
  caller: "+4930111222",
  direction: "outbound",
  summary: "Die Überweisung ist angekommen.",
  said: "Ich rufe wegen der Zahlung an.",
};
const parcel: Call = {
  id: "parcel",
  headline: "Livraison en retard",
  hoursAgo: 3,
  duration: 1200,
  caller: "+33198765432",
  summary: "Le colis n'est pas arrivé.",
  said: "Bonjour, la livraison est arrivée trop tard.",
};

const rows = (page: Page) => page.getByTestId("inbox-row");

/** Waits until the page has hydrated: the column menu only opens once React runs. */
async function hydrated(page: Page) {
  await expect(async () => {
    await page.getByRole("button", { name: "Columns" }).click();
    await expect(page.getByRole("menu")).toBeVisible({ timeout: 500 });
  }).toPass();
  await page.keyboard.press("Escape");
}

async function search(page: Page, text: string) {
  await page.getByLabel("Search calls").fill(text);
  await page.getByLabel("Search calls").press("Enter");
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(text).replace(/%20/g, "(\\+|%20)")}`));
}

async function downloaded(download: Download): Promise<string> {
  const file = await download.path();
  return readFileSync(file, "utf8");
}

test("search and filters live in the URL: reload and the back button keep them; bad input gets a message", async ({
  page,
  request,
}) => {
  const org = await seedOrg("inbox");
  const url = await hookUrl(org.slug);
  for (const call of [plum, transfer, parcel]) await deliver(request, url, call);
  await signIn(page, org.owner, `/${org.slug}/calls`);
  await expect(rows(page)).toHaveCount(3);

  // A word only the transcript holds, found and marked in the passage shown.
  await search(page, "zwetschgenkuchen");
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).locator("mark").first()).toHaveText(/Zwetschgenkuchen/i);
  // A number typed the national way.
  await search(page, "0175/1234567");
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toContainText(plum.headline);
  // A German word typed without its umlaut.
  await search(page, "uberweisung");
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toContainText(transfer.headline);

  await page.goBack();
  await expect(page.getByLabel("Search calls")).toHaveValue("0175/1234567");
  await expect(rows(page)).toContainText(plum.headline);
  await page.reload();
  await expect(page.getByLabel("Search calls")).toHaveValue("0175/1234567");
  await expect(rows(page)).toHaveCount(1);

  await page.getByRole("link", { name: "Clear" }).click();
  await expect(rows(page)).toHaveCount(3);
  await expect(page.getByLabel("Search calls")).toHaveValue("");
  await page.getByLabel("Direction").selectOption("outbound");
  await expect(page).toHaveURL(/direction=outbound/);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toContainText(transfer.headline);
  await page.getByLabel("Direction").selectOption("");
  await expect(rows(page)).toHaveCount(3);
  await page.getByLabel("Sort by").selectOption("duration");
  await expect(page).toHaveURL(/sort=duration/);
  await expect(rows(page).first()).toContainText(parcel.headline);
  await expect(rows(page).last()).toContainText(transfer.headline);

  await page.goto(
    `/${org.slug}/calls?q=${encodeURIComponent("a & b | !c :* <->")}&from=yesterday&direction=sideways&size=100000&cursor=forged`,
  );
  await expect(page.getByRole("heading", { name: "Calls", exact: true })).toBeVisible();
  await expect(page.getByText(/page link is not valid/)).toBeVisible();
  await expect(page.getByText(/direction/i).first()).toBeVisible();
  await expect(page.getByText("Showing 100 calls per page")).toBeVisible();
});

test("keys move, select and open; hidden columns stay hidden", async ({ page, request }) => {
  const org = await seedOrg("inbox-keys");
  const url = await hookUrl(org.slug);
  for (const call of [plum, transfer, parcel]) await deliver(request, url, call);
  await signIn(page, org.owner, `/${org.slug}/calls`);
  await hydrated(page);

  await page.keyboard.press("j");
  await expect(rows(page).nth(0)).toBeFocused();
  await page.keyboard.press("j");
  await expect(rows(page).nth(1)).toBeFocused();
  await page.keyboard.press("x");
  await expect(rows(page).nth(1)).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("region", { name: "Bulk actions" })).toContainText("1 selected");
  await page.keyboard.press("k");
  await expect(rows(page).nth(0)).toBeFocused();
  await page.keyboard.press("/");
  await expect(page.getByLabel("Search calls")).toBeFocused();
  await page.getByLabel("Search calls").blur();

  await page.getByRole("button", { name: "Columns" }).click();
  await page.getByRole("menuitemcheckbox", { name: "Parties" }).click();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("columnheader", { name: "Parties" })).toHaveCount(0);
  await page.reload();
  await hydrated(page);
  await expect(page.getByRole("columnheader", { name: "Parties" })).toHaveCount(0);
  await expect(page.getByRole("columnheader", { name: "Time" })).toBeVisible();

  await rows(page).nth(2).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/${org.slug}/calls/[0-9a-f-]{36}$`));
  await expect(page.getByRole("heading", { name: parcel.headline })).toBeVisible();
});

test("bulk export of the ticked calls or the whole search re-imports elsewhere; admins delete, members cannot", async ({
  page,
  request,
  browser,
}) => {
  // Three people sign in (argon2 each) and three files download: more than the default minute on a busy runner.
  test.slow();
  const org = await seedOrg("inbox-bulk", [{ role: "member" }]);
  const other = await seedOrg("inbox-bulk-target");
  const url = await hookUrl(org.slug);
  const filler = Array.from({ length: 9 }, (_, i): Call => ({
    ...plum,
    id: `filler-${i}`,
    headline: `Filler call ${i}`,
    hoursAgo: 10 + i,
    said: "Just a routine question.",
  }));
  for (const call of [plum, transfer, parcel, ...filler]) await deliver(request, url, call);

  await signIn(page, org.owner, `/${org.slug}/calls?size=10`);
  await hydrated(page);
  await expect(rows(page)).toHaveCount(10);
  await expect(page.getByText(/^12 calls( match)?$/)).toBeVisible();

  // The whole search (12 calls), beyond the page of 10, as JSON.
  await page.getByLabel("Select all calls on this page").check();
  await page.getByRole("button", { name: "Select all 12 calls of this search" }).click();
  await expect(page.getByText("All 12 calls of this search are selected.")).toBeVisible();
  await page.getByRole("button", { name: "Export" }).click();
  const [jsonDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("menuitem", { name: "JSON (normalised calls)" }).click(),
  ]);
  const exported: unknown = JSON.parse(await downloaded(jsonDownload));
  expect(Array.isArray(exported) && exported.length).toBe(12);

  // Two ticked calls, as CSV and as vCon lines.
  await page.goto(`/${org.slug}/calls`);
  await hydrated(page);
  await rows(page).nth(0).getByLabel("Select call").check();
  await rows(page).nth(2).getByLabel("Select call").check();
  await expect(page.getByRole("region", { name: "Bulk actions" })).toContainText("2 selected");
  await page.getByRole("button", { name: "Export" }).click();
  const [csvDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("menuitem", { name: "CSV (spreadsheet)" }).click(),
  ]);
  const csv = await downloaded(csvDownload);
  expect(csv).toContain(plum.headline);
  expect(csv).toContain(parcel.headline);
  expect(csv).not.toContain(transfer.headline);
  await page.getByRole("button", { name: "Export" }).click();
  const [vconDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("menuitem", { name: "vCon (JSON Lines)" }).click(),
  ]);
  const vconPath = await vconDownload.path();
  expect(readFileSync(vconPath, "utf8").trim().split("\n")).toHaveLength(2);

  // The vCon lines import into another organisation as the same two calls.
  const importer = await (await browser.newContext()).newPage();
  await signIn(importer, other.owner, `/${other.slug}/calls/import`);
  await importer
    .getByLabel(/Drop \.vcon/)
    .setInputFiles({ name: "calls.vcon.jsonl", mimeType: "application/jsonl", buffer: readFileSync(vconPath) });
  await expect(importer.getByTestId("import-summary")).toHaveText("2 imported");
  await importer.goto(`/${other.slug}/calls`);
  await expect(rows(importer)).toHaveCount(2);
  await expect(rows(importer).nth(0)).toContainText(plum.headline);
  await expect(rows(importer).nth(1)).toContainText(parcel.headline);
  await importer.context().close();

  // An admin deletes one call, after a confirmation that can be cancelled; it stays gone.
  await rows(page).nth(0).getByLabel("Select call").uncheck();
  await expect(page.getByRole("region", { name: "Bulk actions" })).toContainText("1 selected");
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog", { name: "Delete 1 call?" }).getByRole("button", { name: "Cancel" }).click();
  await expect(rows(page)).toHaveCount(12);
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog", { name: "Delete 1 call?" }).getByRole("button", { name: "Delete" }).click();
  await expect(rows(page).filter({ hasText: parcel.headline })).toHaveCount(0);
  await page.reload();
  await expect(page.getByText(/^11 calls$/)).toBeVisible();
  await expect(rows(page).filter({ hasText: parcel.headline })).toHaveCount(0);

  // A member can export but has no delete.
  const member = org.members[0];
  if (!member) throw new Error("member not seeded");
  const memberPage = await (await browser.newContext()).newPage();
  await signIn(memberPage, member, `/${org.slug}/calls`);
  await hydrated(memberPage);
  await rows(memberPage).nth(0).getByLabel("Select call").check();
  await expect(memberPage.getByRole("button", { name: "Export" })).toBeEnabled();
  await expect(memberPage.getByRole("button", { name: "Delete" })).toHaveCount(0);
  await memberPage.context().close();
});
