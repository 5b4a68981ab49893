import { request as httpRequest } from "node:http";

import { expect, test } from "@playwright/test";

import { seedOrg } from "./helpers";

// Issue 12, items 4 and 7: sign-in never sends anyone to another site, and guesses spread over
// many addresses (real ones, and forged X-Forwarded-For headers) are throttled like any others.

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** One HTTP request from a chosen loopback address: each is a different client to the server. */
function send(
  baseURL: string,
  from: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body = "",
): Promise<Answer> {
  const { port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, localAddress: from, method, path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const cookiesOf = (answer: Answer) => [answer.headers["set-cookie"] ?? []].flat().map((c) => c.split(";")[0] ?? "");

/** A password sign-in through next-auth's own endpoint; answers the error code it reports, or the URL it sends the browser to. */
async function tryPassword(baseURL: string, from: string, fields: Record<string, string>, forwardedFor?: string) {
  const csrf = await send(baseURL, from, "GET", "/api/auth/csrf", {});
  const { csrfToken } = JSON.parse(csrf.body);
  const answer = await send(
    baseURL,
    from,
    "POST",
    "/api/auth/callback/credentials",
    {
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookiesOf(csrf).join("; "),
      ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
    },
    new URLSearchParams({ csrfToken, json: "true", ...fields }).toString(),
  );
  const url = new URL(JSON.parse(answer.body).url);
  return { error: url.searchParams.get("error") ?? undefined, url, cookies: cookiesOf(answer) };
}

test.describe("open redirects after sign-in", () => {
  for (const callbackUrl of ["/.//evil.example", "/x/../..//evil.example", "/%2F%2Fevil.example"]) {
    test(`callbackUrl=${callbackUrl} lands on the app, not on evil.example`, async ({ page, baseURL }) => {
      const org = await seedOrg("redirect");
      await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await page.getByLabel("Email").fill(org.owner.email);
      await page.getByLabel("Password").fill(org.owner.password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page).not.toHaveURL(/\/sign-in/);
      expect(new URL(page.url()).origin).toBe(baseURL);
      expect(new URL(page.url()).pathname).not.toMatch(/^\/[/\\]/);
    });
  }

  test("next-auth's own callbackUrl (single sign-on, sign-out, scripts) stays on this site", async ({ baseURL }) => {
    const org = await seedOrg("redirect");
    const signedIn = await tryPassword(baseURL ?? "", "127.0.0.1", {
      email: org.owner.email,
      password: org.owner.password,
      callbackUrl: "/.//evil.example",
    });
    expect(signedIn.error).toBeUndefined();
    expect(signedIn.url.origin).toBe(baseURL);
    expect(signedIn.url.pathname).not.toMatch(/^\/[/\\]/);
    // The cookie next-auth remembers it in, for the single sign-on round trip.
    const remembered = signedIn.cookies.find((c) => c.startsWith("next-auth.callback-url="))?.split("=")[1] ?? "";
    expect(new URL(decodeURIComponent(remembered)).pathname).not.toMatch(/^\/[/\\]/);
  });
});

test("guesses spread over 20 addresses and forged X-Forwarded-For headers are paused after ten, for the account everywhere", async ({
  page,
  baseURL,
}) => {
  const org = await seedOrg("spread");
  const errors: string[] = [];
  for (let i = 0; i < 20; i++) {
    // A different socket address for every try, and a different forged "client" too.
    const attempt = await tryPassword(
      baseURL ?? "",
      `127.0.${i + 10}.${i + 2}`,
      { email: org.owner.email, password: `guess number ${i}` },
      `203.0.113.${i + 1}`,
    );
    errors.push(attempt.error ?? "signed in");
  }
  expect(errors.slice(0, 9).every((e) => e.startsWith("invalid"))).toBe(true);
  expect(errors.slice(9).every((e) => e.startsWith("throttled-account:"))).toBe(true);

  // The owner, from yet another address, is told what is paused, and nothing about the account.
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(org.owner.email);
  await page.getByLabel("Password").fill(org.owner.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(
    page.getByText(/Too many failed sign-in attempts for this email\. Sign-in is paused for 1 more minute/),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("without TRUST_PROXY, a forged X-Forwarded-For does not make one address many", async ({ baseURL }) => {
  const org = await seedOrg("xff");
  const errors: string[] = [];
  for (let i = 0; i < 11; i++) {
    const attempt = await tryPassword(
      baseURL ?? "",
      "127.0.9.9",
      { email: org.owner.email, password: `guess number ${i}` },
      `198.51.100.${i + 1}`,
    );
    errors.push(attempt.error ?? "signed in");
  }
  expect(errors[8]).toBe("invalid:1");
  expect(errors[9]).toMatch(/^throttled:/);
  expect(errors[10]).toMatch(/^throttled/);
});
