import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";

import { FAKE_PAGE_SECRET, startFakeOpenAi, type FakeOpenAi } from "@/lib/test/fake-openai";

import { testConnection } from "./connection-test";

const KEY = "sk-test-0b1c2d3e4f5a6b7c8d9e";

let fake: FakeOpenAi;

beforeEach(async () => {
  fake = await startFakeOpenAi({ apiKey: KEY });
});
afterEach(() => fake.close());

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("testConnection", () => {
  it("reports success with the status and the model the endpoint names", async () => {
    const result = await testConnection({ allowPrivate: true, baseUrl: fake.url, model: "gpt-4o-mini", apiKey: KEY });
    expect(result).toMatchObject({ ok: true, status: 200, model: "gpt-4o-mini" });
    expect(result.message).toMatch(/^127\.0\.0\.1:\d+ answered with model gpt-4o-mini in \d+ ms$/);
    expect(result.ms).toBeGreaterThanOrEqual(0);
    const body = z
      .object({ model: z.string(), max_tokens: z.number(), messages: z.array(z.object({ content: z.string() })) })
      .strict()
      .parse(fake.requests[0]?.body);
    expect(body.max_tokens).toBe(5);
    expect(body.messages[0]?.content).toMatch(/OK/);
  });

  it("reports a refused key with the server's message, without the key", async () => {
    const wrongKey = "sk-wrong-1a2b3c4d5e6f7a8b9c0d";
    const result = await testConnection({
      allowPrivate: true,
      baseUrl: fake.url,
      model: "gpt-4o-mini",
      apiKey: wrongKey,
    });
    expect(result).toMatchObject({ ok: false, status: 401, message: "401: Incorrect API key provided: [redacted]." });
    expect(JSON.stringify(result)).not.toContain(wrongKey);
  });

  it("tries once only, and passes on a server error", async () => {
    fake.queue("server-error", "server-error");
    const result = await testConnection({ allowPrivate: true, baseUrl: fake.url, model: "m", apiKey: KEY });
    expect(result).toMatchObject({
      ok: false,
      status: 500,
      message: "500: The server had an error while processing your request.",
    });
    expect(fake.requests).toHaveLength(1);
  });

  it("names a wrong path", async () => {
    const result = await testConnection({
      allowPrivate: true,
      baseUrl: fake.url.replace(/\/v1$/, "/api"),
      model: "m",
      apiKey: KEY,
    });
    expect(result).toMatchObject({
      ok: false,
      status: 404,
      message: expect.stringMatching(/^404: Unknown request POST \/api\/chat/),
    });
  });

  it("asks again with max_completion_tokens when a newer model refuses max_tokens", async () => {
    const bodies: string[] = [];
    const server = createHttpServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        bodies.push(body);
        const isRefused = body.includes('"max_tokens"');
        response.writeHead(isRefused ? 400 : 200, { "Content-Type": "application/json" });
        const message =
          "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.";
        response.end(
          JSON.stringify(
            isRefused ? { error: { message } } : { model: "o4-mini", choices: [{ message: { content: "" } }] },
          ),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = address !== null && typeof address === "object" ? address.port : 0;
    try {
      const result = await testConnection({
        allowPrivate: true,
        baseUrl: `http://127.0.0.1:${port}/v1`,
        model: "o4-mini",
        apiKey: KEY,
      });
      expect(result).toMatchObject({ ok: true, status: 200, model: "o4-mini" });
      expect(bodies.map((body) => Object.keys(JSON.parse(body)))).toEqual([
        ["model", "messages", "max_tokens"],
        ["model", "messages", "max_completion_tokens"],
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("reports an endpoint it cannot reach", async () => {
    const port = await closedPort();
    const result = await testConnection({
      allowPrivate: true,
      baseUrl: `http://localhost:${port}/v1`,
      model: "m",
      apiKey: KEY,
    });
    expect(result).toMatchObject({ ok: false, message: `Could not connect to localhost:${port}: ECONNREFUSED` });
    expect(result.status).toBeUndefined();
  });

  it("reports an endpoint that does not answer in time", async () => {
    fake.queue("hang");
    const result = await testConnection({
      allowPrivate: true,
      baseUrl: fake.url,
      model: "m",
      apiKey: KEY,
      timeoutMs: 300,
    });
    expect(result).toMatchObject({ ok: false, message: `No answer from ${new URL(fake.url).host} within 0.3 s` });
    expect(result.ms).toBeGreaterThanOrEqual(290);
  });

  it("refuses a model on loopback unless private networks are allowed, and sends it nothing", async () => {
    const port = new URL(fake.url).port;
    for (const baseUrl of [
      fake.url,
      `http://localhost:${port}/v1`,
      `http://[::1]:${port}/v1`,
      `http://2130706433:${port}/v1`,
      `http://0x7f.1:${port}/v1`,
      "http://169.254.169.254/v1",
    ]) {
      const result = await testConnection({ baseUrl, model: "m", apiKey: KEY });
      expect(result, baseUrl).toMatchObject({
        ok: false,
        field: "baseUrl",
        message: expect.stringMatching(/private, loopback or reserved address/),
      });
    }
    expect(fake.requests).toHaveLength(0);
  });

  it("never shows the body of an answer that is not a chat completion or an API error", async () => {
    fake.queue("html-page", "html-error", "foreign-json-error");
    const page = await testConnection({ allowPrivate: true, baseUrl: fake.url, model: "m", apiKey: KEY });
    expect(page).toMatchObject({
      ok: false,
      status: 200,
      message: expect.stringMatching(/^200, but the answer is not a chat completion/),
    });
    const proxy = await testConnection({ allowPrivate: true, baseUrl: fake.url, model: "m", apiKey: KEY });
    expect(proxy).toMatchObject({ ok: false, status: 502, message: "502 Bad Gateway" });
    const foreign = await testConnection({ allowPrivate: true, baseUrl: fake.url, model: "m", apiKey: KEY });
    expect(foreign).toMatchObject({ ok: false, status: 500, message: "500 Internal Server Error" });
    for (const result of [page, proxy, foreign]) expect(JSON.stringify(result)).not.toContain(FAKE_PAGE_SECRET);
  });

  it("does not follow a redirect, so neither the key nor the request reaches where it points", async () => {
    const hits: Array<string | undefined> = [];
    const target = createHttpServer((request, response) => {
      hits.push(request.headers.authorization);
      response
        .writeHead(200, { "Content-Type": "application/json" })
        .end(JSON.stringify({ model: "x", choices: [{}] }));
    });
    await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
    const address = target.address();
    const redirecting = await startFakeOpenAi({
      apiKey: KEY,
      redirectTo: `http://127.0.0.1:${address !== null && typeof address === "object" ? address.port : 0}/v1/chat/completions`,
    });
    try {
      redirecting.queue("redirect");
      const result = await testConnection({ allowPrivate: true, baseUrl: redirecting.url, model: "m", apiKey: KEY });
      expect(result).toMatchObject({
        ok: false,
        field: "baseUrl",
        message: expect.stringMatching(/redirects are not followed/),
      });
      expect(JSON.stringify(result)).not.toContain(FAKE_PAGE_SECRET);
      expect(hits).toEqual([]);
    } finally {
      await redirecting.close();
      await new Promise((resolve) => target.close(resolve));
    }
  });

  it("cuts an answer that is too large", async () => {
    fake.queue("huge");
    const result = await testConnection({ allowPrivate: true, baseUrl: fake.url, model: "m", apiKey: KEY });
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/larger than 1 MB/) });
  });

  it("reports a base URL that is not a URL", async () => {
    const result = await testConnection({ allowPrivate: true, baseUrl: "api.openai.com/v1", model: "m", apiKey: KEY });
    expect(result).toMatchObject({ ok: false, message: "The base URL is not a valid URL: api.openai.com/v1" });
  });
});
