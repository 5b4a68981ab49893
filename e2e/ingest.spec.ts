import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { expect, test, type Page } from "@playwright/test";

import { admin, seedOrg, signIn } from "./helpers";

const root = path.resolve(import.meta.dirname, "..");
const seedBundle = JSON.parse(readFileSync(path.join(root, "lib/providers/sipgate/fixtures/seed-000.json"), "utf8"));
const vconDir = path.join(root, "lib/providers/vcon/fixtures");

async function createIntegration(page: Page, orgSlug: string, provider: string, name: string): Promise<string> {
  await page.goto(`/${orgSlug}/settings/integrations`);
  await page.getByLabel("Vendor").selectOption(provider);
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create integration" }).click();
  return page.getByLabel("Hook URL", { exact: true }).inputValue();
}

test("an admin connects sipgate from the UI; a posted bundle becomes a call, once", async ({ page, request }) => {
  const org = await seedOrg("ingest");
  await signIn(page, org.owner, `/${org.slug}/dashboard`);
  const url = await createIntegration(page, org.slug, "sipgate", "Sales hotline");
  expect(url).toMatch(/\/api\/hooks\/sipgate\/sbk_[\w-]{43}$/);
  await expect(page.getByText("Labs → AI Assistant Webhook")).toBeVisible();

  const first = await request.post(url, { data: seedBundle });
  expect(first.status()).toBe(200);
  const created = await first.json();
  expect(created).toMatchObject({ created: true });
  const again = await request.post(url, { data: seedBundle });
  expect(await again.json()).toEqual({ id: created.id, created: false });

  await page.goto(`/${org.slug}/calls`);
  await expect(
    page.getByTestId("inbox-row").filter({ hasText: "Customer asked about product availability and pricing" }),
  ).toHaveCount(1);

  // Exported as vCon, the call re-imports unchanged.
  const exported = await page.request.get(`/${org.slug}/calls/${created.id}/export?format=vcon`);
  const file = test.info().outputPath("call.vcon.json");
  writeFileSync(file, await exported.body());
  const vcon = JSON.parse(readFileSync(file, "utf8"));
  expect(vcon).toMatchObject({ vcon: "0.4.0", uuid: created.id, subject: seedBundle.callHeadline });
  await page.goto(`/${org.slug}/calls/import`);
  await page.getByLabel(/Drop \.vcon/).setInputFiles(file);
  await expect(page.getByTestId("import-summary")).toHaveText("1 unchanged");
  const json = await page.request.get(`/${org.slug}/calls/${created.id}/export?format=json`);
  expect(await json.json()).toMatchObject({
    id: created.id,
    provider: "sipgate",
    vendorCallId: "call_12345",
    channel: "Sales Hotline",
  });
  const anonymous = await request.get(`/${org.slug}/calls/${created.id}/export?format=json`, { maxRedirects: 0 });
  expect(anonymous.status()).toBe(307);
});

test("the PBX webhook accepts PUT, and refused deliveries show on the integration page with their reason", async ({
  page,
  request,
}) => {
  const org = await seedOrg("pbx");
  await signIn(page, org.owner, `/${org.slug}/dashboard`);
  const url = await createIntegration(page, org.slug, "pbx", "Office PBX");
  await expect(page.getByRole("table", { name: /Accepted fields/ })).toBeVisible();

  const ok = await request.put(url, {
    data: {
      call_id: "pbx-1",
      from: "+4930123456",
      to: "030 987654",
      summary: { overview: "Rückruf wegen Rechnung vereinbart", action_points: ["Rechnung prüfen"] },
    },
  });
  expect(ok.status()).toBe(200);
  const notJson = await request.post(url, {
    data: "call_id=1",
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  expect(notJson.status()).toBe(415);
  const empty = await request.post(url, { data: { call_id: "pbx-2", from: "+4930123456" } });
  expect(empty.status()).toBe(422);
  expect((await empty.json()).error.message).toMatch(/no summary/);

  await page.goto(`/${org.slug}/calls`);
  await expect(page.getByTestId("inbox-row").filter({ hasText: "pbx" })).toHaveCount(1);
  await page.goto(`/${org.slug}/settings/integrations`);
  await page.getByRole("link", { name: "Office PBX" }).click();
  const refused = page.getByRole("list", { name: "Refused deliveries" });
  await expect(refused.getByText("415")).toBeVisible();
  await expect(refused.getByText(/no summary, overview/)).toBeVisible();
});

test("rotating keeps the old URL working for a day; disabling answers 404", async ({ page, request }) => {
  const org = await seedOrg("rotate");
  await signIn(page, org.owner, `/${org.slug}/dashboard`);
  const oldUrl = await createIntegration(page, org.slug, "vcon", "vCon source");
  await page.goto(`/${org.slug}/settings/integrations`);
  await page.getByRole("link", { name: "vCon source" }).click();
  await page.getByRole("button", { name: "Rotate hook URL" }).click();
  await page.getByRole("button", { name: "Issue new" }).click();
  const newUrl = await page.getByLabel("Hook URL", { exact: true }).inputValue();
  expect(newUrl).not.toBe(oldUrl);
  const vcon = JSON.parse(readFileSync(path.join(vconDir, "dev/ab_call_ext_rec_analysis.vcon"), "utf8"));
  expect((await request.post(oldUrl, { data: vcon })).status()).toBe(200);
  expect((await request.post(newUrl, { data: vcon })).status()).toBe(200);

  await page.reload();
  await page.getByRole("button", { name: "Disable" }).click();
  await expect(page.getByText("Disabled: deliveries are refused")).toBeVisible();
  expect((await request.post(newUrl, { data: vcon })).status()).toBe(404);
});

test("an admin imports vCon files in the browser and sees a result per file", async ({ page }) => {
  const org = await seedOrg("vconimport");
  await signIn(page, org.owner, `/${org.slug}/calls/import`);
  await page
    .getByLabel(/Drop \.vcon/)
    .setInputFiles([
      path.join(vconDir, "dev/ab_call_ext_rec_analysis.vcon"),
      path.join(vconDir, "dev/0374d13c-529d-4f7c-9ab5-f02cac9e96cf.vcon.json"),
      path.join(vconDir, "invalid/bad_party_ref.json"),
      path.join(vconDir, "dev/ab_call_ext_rec_signed.vcon"),
    ]);
  await expect(page.getByText("4 of 4")).toBeVisible();
  await expect(page.getByTestId("import-summary")).toHaveText("2 imported · 2 refused");
  const results = page.getByRole("list", { name: "Import results" });
  await expect(results.getByRole("listitem").filter({ hasText: "ab_call_ext_rec_signed.vcon" })).toContainText(
    /signed/i,
  );

  // The same files again update nothing.
  await page.reload();
  await page.getByLabel(/Drop \.vcon/).setInputFiles([path.join(vconDir, "dev/ab_call_ext_rec_analysis.vcon")]);
  await expect(page.getByTestId("import-summary")).toHaveText("1 unchanged");
  await page.goto(`/${org.slug}/calls`);
  await expect(page.getByTestId("inbox-row")).toHaveCount(2);
});

test("a hook key of organisation A writes only into A; B sees neither A's calls nor its integrations", async ({
  page,
  request,
}) => {
  const a = await seedOrg("hook-a");
  const b = await seedOrg("hook-b");
  const printed = await admin("create-integration", "--org", a.slug, "--provider", "sipgate", "--name", "A line");
  const url = /Hook URL: (\S+)/.exec(printed)?.[1];
  if (!url) throw new Error(printed);
  const { id } = await (
    await request.post(url, {
      data: { ...seedBundle, call: { ...seedBundle.call, id: "tenant-call" }, callHeadline: "Only for A" },
    })
  ).json();

  await signIn(page, b.owner, `/${b.slug}/calls`);
  await expect(page.getByText("Only for A")).toHaveCount(0);
  await page.goto(`/${b.slug}/settings/integrations`);
  await expect(page.getByText("A line")).toHaveCount(0);
  const integrationId = /\(id ([0-9a-f-]{36})\)/.exec(printed)?.[1];
  expect((await page.goto(`/${a.slug}/settings/integrations/${integrationId}`))?.status()).toBe(404);
  expect((await page.goto(`/${b.slug}/settings/integrations/${integrationId}`))?.status()).toBe(404);
  // Nor can B download A's call, under either organisation's address.
  for (const slug of [a.slug, b.slug]) {
    expect((await page.request.get(`/${slug}/calls/${id}/export?format=vcon`)).status()).toBe(404);
  }
});
