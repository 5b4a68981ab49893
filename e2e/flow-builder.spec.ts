import { randomUUID } from "node:crypto";

import { expect, test, type Locator, type Page } from "@playwright/test";

import { admin, seedOrg, signIn } from "./helpers";

// The visual flow builder: an admin draws a flow, fixes what validation finds, talks to it in
// the simulator, publishes it, routes a number to it, and the live endpoint answers as the
// simulator did. Two admins editing at once never lose each other's work silently.

test.use({ viewport: { width: 1600, height: 1000 } });

const canvas = (page: Page) => page.getByTestId("flow-canvas");
const node = (page: Page, id: string) => page.locator(`[data-testid="canvas-node"][data-node-id="${id}"]`);
const sourceHandle = (page: Page, id: string, exit: string) =>
  page.locator(`.react-flow__handle.source[data-nodeid="${id}"][data-handleid="${exit}"]`);
const targetHandle = (page: Page, id: string) => page.locator(`.react-flow__handle.target[data-nodeid="${id}"]`);
const panelTab = (page: Page, name: RegExp | string) => page.getByRole("tab", { name });

async function dropKind(page: Page, label: string, at: { x: number; y: number }) {
  await page
    .getByRole("navigation", { name: "Node palette" })
    .getByRole("button", { name: new RegExp(`^${label}`) })
    .dragTo(canvas(page), { targetPosition: at });
}

async function wire(page: Page, from: Locator, to: Locator) {
  await from.scrollIntoViewIfNeeded();
  await from.dragTo(to);
}

async function createFlow(page: Page, slug: string, name: string, template = "Blank") {
  await page.goto(`/${slug}/flows`);
  const form = page.getByRole("form", { name: "Create a flow" });
  await form.getByRole("radio", { name: new RegExp(template) }).check();
  await form.getByRole("textbox", { name: "Name" }).fill(name);
  await form.getByRole("button", { name: "Create and open" }).click();
  await expect(page.getByTestId("flow-editor")).toBeVisible();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  return page.url().split("/").at(-1) ?? "";
}

test("an admin draws a flow, fixes its errors, simulates it, publishes it and the endpoint answers like the simulator", async ({
  page,
  request,
}) => {
  const org = await seedOrg("builder");
  const printed = await admin("create-integration", "--org", org.slug, "--provider", "aiflow", "--name", "Main line");
  const url = /Endpoint URL: (\S+)/.exec(printed)?.[1];
  const token = /X-API-TOKEN:\s+(\S+)/.exec(printed)?.[1];
  if (!url || !token) throw new Error(printed);

  await signIn(page, org.owner, `/${org.slug}/flows`);
  await createFlow(page, org.slug, "Front desk");
  // A blank flow greets and hangs up.
  await expect(page.getByTestId("canvas-node")).toHaveCount(2);

  // Drag an ask and a transfer from the palette onto the canvas.
  await dropKind(page, "Ask", { x: 120, y: 120 });
  await dropKind(page, "Transfer", { x: 120, y: 520 });
  await expect(page.getByTestId("canvas-node")).toHaveCount(4);
  await page.getByRole("button", { name: "Tidy up layout" }).click();

  const start = await page.locator('[data-testid="canvas-node"][data-kind="start"]').getAttribute("data-node-id");
  const ask = await page.locator('[data-testid="canvas-node"][data-kind="ask"]').getAttribute("data-node-id");
  const transfer = await page.locator('[data-testid="canvas-node"][data-kind="transfer"]').getAttribute("data-node-id");
  const hangup = await page.locator('[data-testid="canvas-node"][data-kind="hangup"]').getAttribute("data-node-id");
  if (!start || !ask || !transfer || !hangup) throw new Error("nodes not on the canvas");

  await wire(page, sourceHandle(page, start, "next"), targetHandle(page, ask));
  await wire(page, sourceHandle(page, ask, "yes"), targetHandle(page, transfer));
  for (const exit of ["no", "no_match", "no_input"])
    await wire(page, sourceHandle(page, ask, exit), targetHandle(page, hangup));
  await expect(page.locator(".react-flow__edge")).toHaveCount(5);

  // Validation lists what is wrong; a click on a problem opens that node.
  await panelTab(page, /Problems/).click();
  const problems = page.getByRole("list", { name: "Problems" });
  await expect(problems).toContainText("needs a target number");
  await problems.getByRole("button", { name: /needs a target number/ }).click();
  const inspector = page.getByRole("region", { name: "Inspector" });
  await expect(inspector.getByRole("heading", { name: "Transfer" })).toBeVisible();
  await inspector.getByLabel("Transfer to (E.164)").fill("0301234");
  await expect(inspector.getByText(/must be E\.164/)).toBeVisible();
  await inspector.getByLabel("Transfer to (E.164)").fill("+4930123456789");
  await inspector.getByLabel("Caller ID name").fill("Front desk");
  await inspector.getByLabel("Caller ID number (E.164)").fill("+4930123456780");
  await expect(node(page, transfer)).toContainText("To +4930123456789");

  await node(page, ask).click();
  await inspector.getByLabel("Asks").fill("Would you like to speak to someone?");
  await inspector.getByLabel("Reprompt").fill("Please say yes or no.");
  await node(page, hangup).click();
  await inspector.getByLabel("Goodbye").fill("Goodbye, {{caller_number}}!");
  await panelTab(page, /Problems/).click();
  await expect(page.getByText("No problems: this draft can be published.")).toBeVisible();
  await expect(page.getByText(/Draft saved/)).toBeVisible({ timeout: 10_000 });

  // Talk to the draft: the greeting, the question, then "yes" transfers.
  await panelTab(page, "Simulate").click();
  await page.getByRole("button", { name: "Start call" }).click();
  const conversation = page.getByRole("log", { name: "Conversation" });
  await expect(conversation).toContainText("Would you like to speak to someone?");
  await expect(node(page, ask)).toHaveAttribute("data-active", "true");
  const greeting = (await conversation.locator("li").nth(1).innerText()).replace(/^Assistant:\s*/, "").trim();
  await page.getByLabel("Caller says").fill("yes please");
  await page.getByLabel("Caller says").press("Enter");
  await expect(conversation).toContainText("Transferred to +4930123456789");

  // Publish with a note, then route a number to the flow.
  await panelTab(page, "Publish").click();
  await page.getByLabel("What changed (note for the history)").fill("First version of the front desk");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByText("Published version 1.")).toBeVisible();
  const versions = page.getByRole("list", { name: "Versions" });
  await expect(versions.getByTestId("version-row")).toHaveCount(1);
  await expect(versions).toContainText("First version of the front desk");
  await page.getByLabel("Phone number (E.164)").fill("+493012349999");
  await page.getByRole("button", { name: "Route to this flow" }).click();
  await expect(page.getByText("+493012349999 now starts calls on this flow.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Numbers using this flow" })).toContainText("+493012349999");

  // The live endpoint answers as the simulator did.
  const id = randomUUID();
  const session = {
    id,
    account_id: "acc",
    phone_number: "+493012349999",
    from_phone_number: "+4915112345678",
    to_phone_number: "+493012349999",
  };
  const post = (data: unknown) => request.post(url, { data, headers: { "x-api-token": token } });
  const started = await post({ type: "session_start", session });
  expect(started.status()).toBe(200);
  const startReply: unknown = await started.json();
  const spoken = (Array.isArray(startReply) ? startReply : [startReply])
    .map((a: { text?: string }) => a.text ?? "")
    .join(" ");
  expect(spoken).toContain(greeting);
  expect(spoken).toContain("Would you like to speak to someone?");
  const answered = await post({ type: "user_speak", text: "yes please", session: { id } });
  expect(await answered.json()).toMatchObject({
    type: "transfer",
    session_id: id,
    target_phone_number: "+4930123456789",
    caller_id_name: "Front desk",
  });
});

test("a stale draft is refused with a choice: load theirs, or overwrite after seeing what changes", async ({
  browser,
}) => {
  const org = await seedOrg("conflict", [{ role: "admin" }]);
  const second = org.members[0];
  if (!second) throw new Error("second admin not seeded");
  const first = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await signIn(first, org.owner, `/${org.slug}/flows`);
  const flowId = await createFlow(first, org.slug, "Shared flow");
  const other = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await signIn(other, second, `/${org.slug}/flows/${flowId}`);
  await expect(other.getByTestId("flow-editor")).toBeVisible();

  // The first admin renames the greeting node and it is saved.
  await first.locator('[data-testid="canvas-node"][data-kind="start"]').click();
  await first
    .getByRole("region", { name: "Inspector" })
    .getByLabel("Name on the canvas")
    .fill("Hello from the first admin");
  await expect(first.getByText(/Draft saved/)).toBeVisible({ timeout: 10_000 });

  // The second, still on the old draft, adds a node: the save is refused, nothing is lost.
  await other.getByRole("navigation", { name: "Node palette" }).getByRole("button", { name: /^Say/ }).click();
  const dialog = other.getByRole("alertdialog");
  await expect(dialog).toContainText(`This draft was changed by ${org.owner.email}`, { timeout: 10_000 });
  await dialog.getByRole("button", { name: "Review and overwrite…" }).click();
  await expect(dialog.getByLabel("Your changes compared with theirs")).toContainText("Added: Say");
  await dialog.getByRole("button", { name: "Load their version" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(other.locator('[data-testid="canvas-node"][data-kind="start"]')).toContainText(
    "Hello from the first admin",
  );
  await expect(other.locator('[data-testid="canvas-node"][data-kind="say"]')).toHaveCount(0);

  // Now current, the second admin's next edit saves; the first gets the conflict and overwrites.
  await other.getByRole("navigation", { name: "Node palette" }).getByRole("button", { name: /^Say/ }).click();
  await expect(other.getByText(/Draft saved/)).toBeVisible({ timeout: 10_000 });
  await first.getByRole("navigation", { name: "Node palette" }).getByRole("button", { name: /^End/ }).click();
  const firstDialog = first.getByRole("alertdialog");
  await expect(firstDialog).toContainText(`changed by ${second.email}`, { timeout: 10_000 });
  await firstDialog.getByRole("button", { name: "Review and overwrite…" }).click();
  await firstDialog.getByRole("button", { name: "Overwrite with mine" }).click();
  await expect(first.getByText(/Draft saved/)).toBeVisible({ timeout: 10_000 });
  await other.reload();
  await expect(other.locator('[data-testid="canvas-node"][data-kind="end"]')).toHaveCount(1);
  await expect(other.locator('[data-testid="canvas-node"][data-kind="say"]')).toHaveCount(0);
});

test("members see the editor read-only; another organisation reaches neither the flow, its versions nor its export", async ({
  browser,
  page,
}) => {
  const a = await seedOrg("builder-a", [{ role: "member" }]);
  const b = await seedOrg("builder-b");
  const member = a.members[0];
  if (!member) throw new Error("member not seeded");
  await signIn(page, a.owner, `/${a.slug}/flows`);
  const flowId = await createFlow(page, a.slug, "Reception", "Reception");
  await panelTab(page, "Publish").click();
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByText("Published version 1.")).toBeVisible();

  const memberPage = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await signIn(memberPage, member, `/${a.slug}/flows/${flowId}`);
  await expect(memberPage.getByText("Read-only")).toBeVisible();
  await expect(memberPage.getByRole("navigation", { name: "Node palette" })).toHaveCount(0);
  await memberPage.locator('[data-testid="canvas-node"][data-kind="start"]').click();
  await expect(memberPage.getByRole("region", { name: "Inspector" }).getByLabel("Greeting")).toHaveAttribute(
    "readonly",
    "",
  );
  await panelTab(memberPage, "Publish").click();
  await expect(memberPage.getByRole("button", { name: "Publish", exact: true })).toHaveCount(0);
  await expect(memberPage.getByRole("list", { name: "Versions" })).toContainText("Version 1");
  // The member can still try the flow.
  await panelTab(memberPage, "Simulate").click();
  await memberPage.getByRole("button", { name: "Start call" }).click();
  await expect(memberPage.getByRole("log", { name: "Conversation" }).locator("li")).not.toHaveCount(0);

  const outsider = await browser.newPage();
  await signIn(outsider, b.owner, `/${b.slug}/flows`);
  for (const path of [`/${a.slug}/flows/${flowId}`, `/${b.slug}/flows/${flowId}`]) {
    const response = await outsider.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  // The downloads, fetched with the outsider's session: 404, while the member gets them.
  for (const path of [
    `/${a.slug}/flows/${flowId}/export?version=1`,
    `/${a.slug}/flows/${flowId}/code?version=1`,
    `/${a.slug}/flows/${flowId}/export`,
  ]) {
    expect((await outsider.request.get(path)).status(), path).toBe(404);
    expect((await memberPage.request.get(path)).status(), path).toBe(200);
  }
});
