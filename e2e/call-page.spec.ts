import { readFileSync } from "node:fs";
import path from "node:path";

import { expect, test, type Browser, type Page } from "@playwright/test";

import { admin, seedOrg, signIn, type SeededUser } from "./helpers";

const root = path.resolve(import.meta.dirname, "..");
const seedBundle = JSON.parse(readFileSync(path.join(root, "lib/providers/sipgate/fixtures/seed-000.json"), "utf8"));

// Tracing snapshots the whole DOM around every step; with the 2,500 bubbles below that alone
// takes tens of seconds and would measure Playwright, not the page (failures still screenshot).
test.use({ trace: "off" });

const FOLLOW_UP = "Follow up with the customer in 2 days to offer further assistance.";
const SEND_OFFER = "Send the written offer by email.";

async function hookUrl(orgSlug: string, provider: "sipgate" | "pbx", name: string): Promise<string> {
  const printed = await admin("create-integration", "--org", orgSlug, "--provider", provider, "--name", name);
  const url = /Hook URL: (\S+)/.exec(printed)?.[1];
  if (!url) throw new Error(printed);
  return url;
}

async function deliver(page: Page, url: string, body: unknown): Promise<string> {
  const response = await page.request.post(url, { data: body });
  expect(response.status()).toBe(200);
  const { id } = await response.json();
  return id;
}

async function signedInPage(browser: Browser, user: SeededUser, path: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user, path);
  return page;
}

/** Ticks or unticks an item and waits until the server has saved it. */
async function setTicked(page: Page, text: string, isDone: boolean) {
  const box = page.getByRole("checkbox", { name: text });
  const saved = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/calls/"));
  await (isDone ? box.check() : box.uncheck());
  expect((await saved).status()).toBe(200);
  await expect(box).toBeEnabled();
  await expect(box).toBeChecked({ checked: isDone });
}

test("a call opens from its id with its facts, transcript and payload; find highlights; ticks persist for owner and member", async ({
  page,
  browser,
}) => {
  const org = await seedOrg("callpage", [{ role: "member" }]);
  const url = await hookUrl(org.slug, "sipgate", "Sales line");
  const id = await deliver(page, url, {
    ...seedBundle,
    actionItems: [
      { id: "a1", text: FOLLOW_UP },
      { id: "a2", text: SEND_OFFER },
    ],
  });

  await signIn(page, org.owner, `/${org.slug}/calls/${id}`);
  await expect(page.getByRole("heading", { level: 1, name: seedBundle.callHeadline })).toBeVisible();
  const parties = page.getByRole("list", { name: "Parties" });
  await expect(parties.getByText("+49 175 1234567").first()).toBeVisible();
  await expect(parties.getByText("+49 89 12345678").first()).toBeVisible();
  const facts = page.getByTestId("call-facts");
  await expect(facts.getByText("Sales Hotline")).toBeVisible();
  await expect(facts.getByText("Sales line", { exact: true })).toBeVisible();
  await expect(facts.getByText("5:00")).toBeVisible();
  await expect(page.getByTestId("call-summary")).toHaveText(seedBundle.summary);
  await expect(page.getByTestId("call-note")).toContainText("Customer seemed interested in the promotional offer");
  await expect(page.getByRole("list", { name: "Small talk" }).getByText("Weather", { exact: true })).toBeVisible();
  await expect(page.getByRole("term").filter({ hasText: "What is the price?" })).toBeVisible();

  // The conversation: caller left, the answering side right, with times from the start.
  const lines = page.getByTestId("transcript-line");
  await expect(lines).toHaveCount(4);
  await expect(lines.nth(0)).toHaveAttribute("data-side", "left");
  await expect(lines.nth(1)).toHaveAttribute("data-side", "right");
  await expect(lines.nth(0)).toContainText("Caller");
  await expect(lines.nth(0)).toContainText("00:00");
  await expect(lines.nth(3)).toContainText("00:15");
  await expect(lines.nth(3)).toContainText("The discounted price is 49.99 Euros");

  // Find ignores case and accents, counts, and steps through the matches.
  await page.getByLabel("Find in transcript").fill("DÍSCOUNT");
  const count = page.getByTestId("transcript-match-count");
  await expect(count).toHaveText("1 of 2");
  await expect(page.locator("mark")).toHaveCount(2);
  await expect(lines.nth(2).locator("mark[data-current-match]")).toHaveText("discount");
  await page.getByLabel("Find in transcript").press("Enter");
  await expect(count).toHaveText("2 of 2");
  await expect(lines.nth(3).locator("mark[data-current-match]")).toHaveText("discount");
  await page.getByRole("button", { name: "Previous match" }).click();
  await expect(count).toHaveText("1 of 2");
  await page.getByLabel("Find in transcript").fill("no such words");
  await expect(count).toHaveText("No matches");

  // The raw payload as received.
  const payload = page.getByTestId("payload");
  await expect(payload).toHaveCount(1);
  await payload.getByText(/^Body/).click();
  await expect(payload.locator("pre")).toContainText(
    '"callHeadline": "Customer asked about product availability and pricing"',
  );

  // The export buttons download this call.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "vCon" }).click();
  expect(JSON.parse(readFileSync(await (await download).path(), "utf8"))).toMatchObject({ uuid: id });
  await expect(page.getByRole("link", { name: "JSON" })).toHaveAttribute(
    "href",
    `/${org.slug}/calls/${id}/export?format=json`,
  );

  await setTicked(page, FOLLOW_UP, true);
  await page.reload();
  await expect(page.getByRole("checkbox", { name: FOLLOW_UP })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: SEND_OFFER })).not.toBeChecked();
  await expect(page.getByText("1 of 2 open")).toBeVisible();

  // A member works through the items too.
  const memberPage = await signedInPage(browser, org.members[0] ?? org.owner, `/${org.slug}/calls/${id}`);
  await expect(memberPage.getByRole("checkbox", { name: FOLLOW_UP })).toBeChecked();
  await setTicked(memberPage, SEND_OFFER, true);
  await setTicked(memberPage, FOLLOW_UP, false);
  await memberPage.reload();
  await expect(memberPage.getByRole("checkbox", { name: SEND_OFFER })).toBeChecked();
  await expect(memberPage.getByRole("checkbox", { name: FOLLOW_UP })).not.toBeChecked();

  // A re-delivery of the call by the vendor keeps what was ticked.
  await deliver(page, url, {
    ...seedBundle,
    summary: "Updated by the vendor.",
    actionItems: [
      { id: "a2", text: SEND_OFFER },
      { id: "a1", text: FOLLOW_UP },
    ],
  });
  await page.reload();
  await expect(page.getByTestId("call-summary")).toHaveText("Updated by the vendor.");
  await expect(page.getByRole("checkbox", { name: SEND_OFFER })).toBeChecked();
  await expect(page.getByTestId("payload")).toHaveCount(2);

  // Every tick is in the audit log with who did it.
  await page.goto(`/${org.slug}/settings/audit`);
  const memberTicks = page
    .getByRole("row")
    .filter({ hasText: org.members[0]?.email ?? "" })
    .filter({ hasText: "call.action_item_done" });
  await expect(memberTicks).toHaveCount(1);
  await expect(memberTicks).toContainText(SEND_OFFER);
  await expect(
    page.getByRole("row").filter({ hasText: org.owner.email }).filter({ hasText: "call.action_item_done" }),
  ).toHaveCount(1);
});

test("vendor HTML with XSS payloads renders inert", async ({ page }) => {
  const org = await seedOrg("callxss");
  const url = await hookUrl(org.slug, "pbx", "Office PBX");
  const summaryHtml = [
    "<p>Customer <b>agreed</b> to the offer.</p>",
    "<script>window.__xss = 1; alert('script')</script>",
    `<img src="x" onerror="window.__xss = 2; alert('img')">`,
    "<svg onload=\"alert('svg')\"><circle r=5></circle></svg>",
    `<a href="javascript:alert('link')">Open details</a>`,
    `<a href="&#106;avascript:alert('entity')">Entity link</a>`,
    `<iframe src="javascript:alert('iframe')"></iframe>`,
    "<details open ontoggle=\"alert('toggle')\"><summary>More</summary></details>",
    `<p onmouseover="alert('hover')">Hover me</p>`,
    "<scr<script>ipt>alert('nested')</scr</script>ipt>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('math')></style></mglyph></table></mtext></math>",
    `<form action="javascript:alert('form')"><button>Send</button></form>`,
  ].join("");
  const id = await deliver(page, url, {
    call_id: "xss-1",
    from: "+4930123456",
    to: "030 987654",
    headline: "<img src=x onerror=alert('headline')>",
    summary_html: summaryHtml,
  });

  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await signIn(page, org.owner, `/${org.slug}/calls/${id}`);
  const summary = page.getByTestId("call-summary");
  await expect(summary).toContainText("Customer agreed to the offer.");
  await expect(summary.locator("b")).toHaveText("agreed");
  // The headline is text, shown as sent.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("<img src=x onerror=alert('headline')>");

  await expect(summary.locator("script, iframe, img, svg, math, form, object, embed, style, details")).toHaveCount(0);
  await expect(summary.locator("[onmouseover], [onerror], [onload], [ontoggle]")).toHaveCount(0);
  for (const link of await summary.locator("a").all()) {
    expect(await link.getAttribute("href")).toBeNull();
  }
  await summary.getByText("Hover me").hover();
  await summary.getByText("Open details").click();
  await summary.getByText("Entity link").click();
  await page.getByTestId("payload").getByText(/^Body/).click();
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => "__xss" in window)).toBe(false);
  expect(dialogs).toEqual([]);
});

test("a 2,500-line transcript stays usable: find counts and jumps at once; a large payload is cut with a note", async ({
  page,
}) => {
  const org = await seedOrg("calllong");
  const url = await hookUrl(org.slug, "pbx", "Office PBX");
  const transcript = Array.from({ length: 2500 }, (_, i) => ({
    speaker: i % 2 ? "Jörg Weiß" : "Anna Schmidt",
    start: i * 1500,
    end: i * 1500 + 1400,
    text:
      i === 2100
        ? "Treffen wir uns in MÜNCHEN, am Marienplatz?"
        : `Zeile ${i}: wir sprechen über München und das Angebot.`,
  }));
  const id = await deliver(page, url, {
    call_id: "long-1",
    from: "+4930123456",
    to: "+4989123456",
    duration: 3800,
    summary: "Ein langes Gespräch.",
    transcript,
  });

  await signIn(page, org.owner, `/${org.slug}/calls/${id}`);
  const lines = page.getByTestId("transcript-line");
  await expect(lines).toHaveCount(2500);
  // Speakers without a role alternate sides by name; times pass the hour as h:mm:ss.
  await expect(lines.nth(0)).toHaveAttribute("data-side", "left");
  await expect(lines.nth(1)).toHaveAttribute("data-side", "right");
  await expect(lines.nth(2499)).toContainText("1:02:28");

  const find = page.getByLabel("Find in transcript");
  const started = Date.now();
  await find.fill("munchen");
  await expect(page.getByTestId("transcript-match-count")).toHaveText("1 of 2500");
  expect(Date.now() - started).toBeLessThan(5000);
  // Backwards from the first match wraps to the last, at the bottom of the transcript.
  await find.press("Shift+Enter");
  await expect(page.getByTestId("transcript-match-count")).toHaveText("2500 of 2500");
  await expect(lines.nth(2499).locator("mark[data-current-match]")).toBeInViewport();
  await find.fill("marienplatz");
  await expect(page.getByTestId("transcript-match-count")).toHaveText("1 of 1");
  const current = page.locator("mark[data-current-match]");
  await expect(current).toHaveText("Marienplatz");
  await expect(current).toBeInViewport();

  const payload = page.getByTestId("payload");
  await payload.getByText(/^Body/).click();
  await expect(payload.getByText(/Showing the first 200\.0 KB of \d+\.\d KB/)).toBeVisible();
});

test("another organisation's user gets 404 for the call page and its export; malformed ids are 404", async ({
  page,
  browser,
}) => {
  const a = await seedOrg("callten-a");
  const b = await seedOrg("callten-b");
  const id = await deliver(page, await hookUrl(a.slug, "sipgate", "A line"), {
    ...seedBundle,
    callHeadline: "Only for A",
  });

  const owner = await signedInPage(browser, a.owner, `/${a.slug}/calls/${id}`);
  await expect(owner.getByRole("heading", { name: "Only for A" })).toBeVisible();
  for (const bad of ["not-a-uuid", "00000000-0000-0000-0000-000000000000"]) {
    expect((await owner.goto(`/${a.slug}/calls/${bad}`))?.status(), bad).toBe(404);
  }
  await expect(owner.getByText("This call does not exist")).toBeVisible();

  await signIn(page, b.owner, `/${b.slug}/calls`);
  for (const slug of [a.slug, b.slug]) {
    const response = await page.goto(`/${slug}/calls/${id}`);
    expect(response?.status(), slug).toBe(404);
    await expect(page.getByText("Only for A")).toHaveCount(0);
    expect((await page.request.get(`/${slug}/calls/${id}/export?format=json`)).status()).toBe(404);
    expect((await page.request.get(`/${slug}/calls/${id}/export?format=vcon`)).status()).toBe(404);
  }
});
