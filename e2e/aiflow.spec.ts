import { randomUUID } from "node:crypto";

import { expect, test } from "@playwright/test";

import { echoFlow } from "@/lib/flows/examples/echo";

import { admin, seedOrg, signIn } from "./helpers";

// An admin imports a flow's document on the Flows page, routes a number to it on the AI Flow
// integration's page, and the endpoint answers (the editor's own path is in flow-builder.spec.ts).

test("an admin imports a flow, routes a number to it, and the AI Flow endpoint answers with it", async ({
  page,
  request,
  browser,
}) => {
  const org = await seedOrg("aiflow", [{ role: "member" }]);
  const printed = await admin(
    "create-integration",
    "--org",
    org.slug,
    "--provider",
    "aiflow",
    "--name",
    "Reception line",
  );
  const url = /Endpoint URL: (\S+)/.exec(printed)?.[1];
  const token = /X-API-TOKEN:\s+(\S+)/.exec(printed)?.[1];
  if (!url || !token) throw new Error(printed);

  await signIn(page, org.owner, `/${org.slug}/flows`);
  await expect(page.getByText("No flows yet")).toBeVisible();
  const form = page.getByRole("form", { name: "Import a flow" });
  // A document with an error is kept as a draft, and the error is named.
  const broken = structuredClone(echoFlow);
  broken.edges = broken.edges.filter((e) => e.id !== "e5");
  await form.getByLabel("Name").fill("Broken");
  await form.getByLabel("or paste the document").fill(JSON.stringify(broken));
  await form.getByRole("button", { name: "Import and publish" }).click();
  await expect(form.getByRole("alert").first()).toContainText("it has errors");
  await expect(form.getByRole("list", { name: "Errors in the flow" })).toContainText('connect its "no_input" exit');
  // Not JSON at all: the message says so, beside the field.
  await form.getByLabel("or paste the document").fill("{nope");
  await form.getByRole("button", { name: "Import and publish" }).click();
  await expect(form.locator("#document-error")).toContainText("not JSON");

  await form.getByLabel("Name").fill("Echo");
  await form.getByLabel("or paste the document").fill(JSON.stringify(echoFlow));
  await form.getByRole("button", { name: "Import and publish" }).click();
  await expect(form.getByText('Imported "Echo" and published it as version 1.')).toBeVisible();
  const echoRow = page.getByTestId("flow-row").filter({ hasText: "Echo" });
  await expect(echoRow).toContainText("Version 1 live");
  await expect(page.getByTestId("flow-row").filter({ hasText: "Broken" })).toContainText("Not published");

  // Route a number on the integration's page; a malformed number is refused beside the field.
  await page.goto(`/${org.slug}/settings/integrations`);
  await page.getByRole("link", { name: "Reception line" }).click();
  const routing = page.getByRole("form", { name: "Phone numbers and flows" });
  await routing.getByRole("button", { name: "Add a number" }).click();
  await routing.getByLabel("Phone number 1").fill("030 1234");
  await routing.getByLabel("Flow for number 1").selectOption({ label: "Echo (version 1)" });
  await routing.getByRole("button", { name: "Save routing" }).click();
  await expect(routing.getByText("Use E.164, like +493012345678.", { exact: true })).toBeVisible();
  await routing.getByLabel("Phone number 1").fill("+493012340000");
  await routing.getByRole("button", { name: "Save routing" }).click();
  await expect(routing.getByText("Saved: 1 number routed.")).toBeVisible();

  const id = randomUUID();
  const session = {
    id,
    account_id: "acc",
    phone_number: "+493012340000",
    from_phone_number: "+491701234567",
    to_phone_number: "+493012340000",
  };
  const post = (data: unknown, headers: Record<string, string> = { "x-api-token": token }) =>
    request.post(url, { data, headers });
  const start = await post({ type: "session_start", session });
  expect(start.status()).toBe(200);
  expect(await start.json()).toMatchObject({
    type: "speak",
    session_id: id,
    text: "Welcome to AI Flow! How can I help you today?",
  });
  expect(await (await post({ type: "user_speak", text: "Hello there", session: { id } })).json()).toMatchObject({
    text: "You said: Hello there. How else can I help?",
  });
  expect((await post({ type: "assistant_speak", text: "x", session: { id } })).status()).toBe(204);
  const wrong = await post({ type: "user_speak", text: "hi", session: { id } }, { "x-api-token": "sbt_nope" });
  expect(wrong.status()).toBe(401);
  expect(await wrong.json()).toEqual({ error: "Unauthorized" });
  expect((await post({ type: "session_end", session: { id } })).status()).toBe(204);

  // The flows list counts the session, and the finished call reaches the inbox.
  await page.goto(`/${org.slug}/flows`);
  await expect(echoRow).toContainText("1 session");
  await expect(echoRow).toContainText("Answers +493012340000 (Reception line)");
  await expect(async () => {
    await page.goto(`/${org.slug}/calls`);
    await expect(page.getByTestId("inbox-row").first()).toContainText("+49 170 1234567", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });

  // A member reads the flows but cannot import; the download is the document.
  const member = await (await browser.newContext()).newPage();
  const memberUser = org.members[0];
  if (!memberUser) throw new Error("member missing");
  await signIn(member, memberUser, `/${org.slug}/flows`);
  await expect(member.getByTestId("flow-row").filter({ hasText: "Echo" })).toBeVisible();
  await expect(member.getByRole("form", { name: "Import a flow" })).toHaveCount(0);
  const href = await member
    .getByTestId("flow-row")
    .filter({ hasText: "Echo" })
    .getByRole("link", { name: "Download JSON" })
    .getAttribute("href");
  if (!href) throw new Error("no download link");
  const download = await member.request.get(href);
  expect(download.status()).toBe(200);
  expect(await download.json()).toMatchObject({ version: 1, nodes: expect.any(Array) });

  // Another organisation's admin gets 404 for this flow's document and page.
  const other = await seedOrg("aiflow-other");
  const stranger = await (await browser.newContext()).newPage();
  await signIn(stranger, other.owner, `/${other.slug}/flows`);
  expect((await stranger.request.get(href)).status()).toBe(404);
  expect((await stranger.request.get(href.replace(`/${org.slug}/`, `/${other.slug}/`))).status()).toBe(404);
});
