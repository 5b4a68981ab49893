import { createServer } from "node:net";

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";

import { outboundRequest } from "@/lib/outbound/request";
import { FAKE_PAGE_SECRET, startFakeOpenAi, type FakeOpenAi } from "@/lib/test/fake-openai";

import { createOpenAiSummarizer, retryAfterMs, type OpenAiConfig } from "./openai";
import { summaryJsonSchema } from "./prompt";
import { SummaryError, type SummaryInput } from "./types";

const KEY = "sk-test-4f9c2a7e1b8d4c3fa0e5";

const input: SummaryInput = {
  transcript: [
    { speaker: "Anna Weber", startMs: 2_000, text: "Ich habe eine Frage zur Rechnung 4711." },
    { speakerRole: "agent", startMs: 9_000, text: "Ich schicke Ihnen eine korrigierte Rechnung." },
  ],
  call: {
    direction: "inbound",
    startedAt: new Date("2024-05-02T08:15:00Z"),
    durationSeconds: 95,
    parties: [{ role: "caller", name: "Anna Weber", number: "+49 30 1234567" }],
    language: "de",
    channel: "phone",
  },
  instructions: "Always name the invoice number.",
  overrideInstructions: "Write the action items for the billing team.",
};

const requestSchema = z.object({
  model: z.string(),
  temperature: z.number(),
  messages: z.array(z.object({ role: z.string(), content: z.string() })),
  response_format: z.object({ type: z.string(), json_schema: z.unknown().optional() }),
});

let fake: FakeOpenAi;
let waits: number[];

beforeEach(async () => {
  fake = await startFakeOpenAi({ apiKey: KEY });
  waits = [];
});
afterEach(() => fake.close());

const summarizer = (config: Partial<OpenAiConfig> = {}) =>
  createOpenAiSummarizer({
    baseUrl: fake.url,
    model: "gpt-test",
    apiKey: KEY,
    // The fake listens on loopback, which only a self-hoster's ALLOW_PRIVATE_NETWORK opens.
    allowPrivate: true,
    sleep: async (ms) => void waits.push(ms),
    ...config,
  });

const host = () => new URL(fake.url).host;
const sentBody = (i: number) => requestSchema.parse(fake.requests[i]?.body);

async function failure(promise: Promise<unknown>): Promise<SummaryError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof SummaryError)) throw new Error(`expected a SummaryError, got ${String(error)}`);
  return error;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("createOpenAiSummarizer", () => {
  it("returns the model's summary, asking for structured JSON output with the key", async () => {
    const output = await summarizer().summarize(input);
    expect(output).toEqual({
      headline: "Invoice question from Anna Weber",
      summary: expect.stringContaining("invoice 4711"),
      actionItems: ["Send Anna Weber a corrected invoice 4711"],
      tags: ["invoice", "billing"],
      language: "en",
    });
    expect(summarizer().producer).toBe("gpt-test");
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.path).toBe("/v1/chat/completions");
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(fake.requests[0]?.headers["content-type"]).toBe("application/json");
    expect(fake.requests[0]?.headers["api-key"]).toBeUndefined();
    const body = sentBody(0);
    expect(body.model).toBe("gpt-test");
    expect(body.temperature).toBe(0.2);
    expect(body.response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "call_summary", strict: true, schema: summaryJsonSchema },
    });
  });

  it("sends the organisation's instructions, the call's own and the transcript", async () => {
    await summarizer().summarize(input);
    const [system, user] = sentBody(0).messages;
    expect(system?.content).toContain("Instructions from the organisation:\nAlways name the invoice number.");
    expect(system?.content).toMatch(/Instructions for this call \(they take precedence[^\n]*\n.*billing team/);
    expect(user?.content).toContain("[00:02] Anna Weber: Ich habe eine Frage zur Rechnung 4711.");
    expect(user?.content).toContain("[00:09] Agent: Ich schicke Ihnen eine korrigierte Rechnung.");
  });

  it("fails with the reason when the model's answer is not JSON or lacks the summary", async () => {
    fake.queue("invalid-json");
    const error = await failure(summarizer().summarize(input));
    expect(error.message).toBe(
      "The model's answer was not valid JSON: Here is the summary: the caller asked about an invoice.",
    );
    fake.setAnswer({ summary: "" });
    expect((await failure(summarizer().summarize(input))).message).toBe("The model's answer lacks summary");
    expect(fake.requests).toHaveLength(2);
  });

  it("waits as long as Retry-After asks after a 429, then succeeds", async () => {
    fake.queue("rate-limit");
    const output = await summarizer().summarize(input);
    expect(output.headline).toBe("Invoice question from Anna Weber");
    expect(waits).toEqual([1000]);
    expect(fake.requests).toHaveLength(2);
    // Second in line, the backoff would wait 2 s; the server's 1 s wins.
    fake.queue("server-error", "rate-limit");
    await summarizer().summarize(input);
    expect(waits).toEqual([1000, 1000, 1000]);
  });

  it("fails at once when Retry-After asks for longer than it may wait", async () => {
    fake.queue("rate-limit");
    const error = await failure(summarizer({ maxRetryWaitMs: 500 }).summarize(input));
    expect(error.message).toBe(`Rate limited by ${host()}: it asked to wait 1 s`);
    expect(waits).toEqual([]);
    expect(fake.requests).toHaveLength(1);
  });

  it("backs off 1 s, 2 s on server errors and names the status after the last attempt", async () => {
    fake.queue("server-error", "server-error", "server-error");
    const error = await failure(summarizer().summarize(input));
    expect(error.message).toBe(
      `${host()} answered 500 Internal Server Error: The server had an error while processing your request.`,
    );
    expect(waits).toEqual([1000, 2000]);
    expect(fake.requests).toHaveLength(3);
  });

  it("gives up on an endpoint that does not answer within the timeout", async () => {
    fake.queue("hang");
    const started = Date.now();
    const error = await failure(summarizer({ timeoutMs: 300 }).summarize(input));
    expect(error.message).toBe(`No answer from ${host()} within 0.3 s`);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(fake.requests).toHaveLength(1);
  });

  it("stops when the caller aborts, without calling that a failed summary", async () => {
    fake.queue("hang");
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await summarizer()
      .summarize(input, controller.signal)
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(SummaryError);
    expect(error instanceof Error && error.name).toBe("AbortError");
  });

  it("falls back to JSON mode when the endpoint does not support json_schema, and remembers", async () => {
    fake.queue("no-json-schema");
    const chosen = summarizer();
    expect((await chosen.summarize(input)).headline).toBe("Invoice question from Anna Weber");
    expect(sentBody(0).response_format.type).toBe("json_schema");
    expect(sentBody(1).response_format).toEqual({ type: "json_object" });
    expect(sentBody(1).messages[0]?.content).toMatch(/Answer only with a JSON object/);
    await chosen.summarize(input);
    expect(fake.requests).toHaveLength(3);
    expect(sentBody(2).response_format).toEqual({ type: "json_object" });
  });

  it("says when the model or URL is not found, without retrying", async () => {
    const error = await failure(summarizer({ baseUrl: fake.url.replace(/\/v1$/, "/api") }).summarize(input));
    expect(error.message).toBe("Model or URL not found (404): Unknown request POST /api/chat/completions");
    expect(waits).toEqual([]);
  });

  it("does not retry a refused key, and redacts the key the server echoes", async () => {
    const wrongKey = "sk-wrong-9d8c7b6a5f4e3d2c1b0a";
    const error = await failure(summarizer({ apiKey: wrongKey }).summarize(input));
    expect(error.message).toBe("The API key was refused (401): Incorrect API key provided: [redacted].");
    expect(fake.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("sends no Authorization header without a key, and says the endpoint wants one", async () => {
    const error = await failure(summarizer({ apiKey: undefined }).summarize(input));
    expect(error.message).toBe("The endpoint asks for an API key (401): Incorrect API key provided: (none).");
    expect(fake.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("retries network errors and then names them", async () => {
    const port = await closedPort();
    const error = await failure(summarizer({ baseUrl: `http://127.0.0.1:${port}/v1` }).summarize(input));
    expect(error.message).toBe(`Could not connect to 127.0.0.1:${port}: ECONNREFUSED`);
    expect(waits).toEqual([1000, 2000]);
  });

  it("accepts a trailing slash and an Azure deployment URL with its api-version", async () => {
    await summarizer({ baseUrl: `${fake.url}/` }).summarize(input);
    expect(fake.requests[0]?.path).toBe("/v1/chat/completions");

    // Azure is recognised by its host name, so the request is sent on to the fake on loopback.
    const azure = "https://acme.openai.azure.com/openai/deployments/gpt-4o?api-version=2024-06-01";
    const toFake: typeof outboundRequest = (url, options) =>
      outboundRequest(String(url).replace("https://acme.openai.azure.com", new URL(fake.url).origin), options);
    await summarizer({ baseUrl: azure, request: toFake }).summarize(input);
    expect(fake.requests[1]?.path).toBe("/openai/deployments/gpt-4o/chat/completions?api-version=2024-06-01");
    expect(fake.requests[1]?.headers["api-key"]).toBe(KEY);
    expect(fake.requests[1]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it("refuses a model on loopback or a name for it unless private networks are allowed, without retrying", async () => {
    const port = new URL(fake.url).port;
    for (const baseUrl of [
      fake.url,
      `http://localhost:${port}/v1`,
      `http://[::1]:${port}/v1`,
      `http://[::ffff:127.0.0.1]:${port}/v1`,
    ]) {
      const error = await failure(
        createOpenAiSummarizer({
          baseUrl,
          model: "gpt-test",
          apiKey: KEY,
          sleep: async (ms) => void waits.push(ms),
        }).summarize(input),
      );
      expect(error.message, baseUrl).toMatch(/private, loopback or reserved address/);
    }
    expect(fake.requests).toHaveLength(0);
    expect(waits).toEqual([]);
  });

  it("never shows the body of an answer that is not a completion or an OpenAI-style error", async () => {
    fake.queue("html-page");
    const page = await failure(summarizer().summarize(input));
    expect(page.message).toBe(
      `${host()} answered 200 but not with a chat completion: is the base URL the API's root (often ending in /v1)?`,
    );
    fake.queue("html-error", "html-error", "html-error");
    expect((await failure(summarizer().summarize(input))).message).toBe(`${host()} answered 502 Bad Gateway`);
    fake.queue("foreign-json-error", "foreign-json-error", "foreign-json-error");
    const foreign = await failure(summarizer().summarize(input));
    expect(foreign.message).toBe(`${host()} answered 500 Internal Server Error`);
    for (const error of [page, foreign]) expect(error.message).not.toContain(FAKE_PAGE_SECRET);
  });

  it("does not follow a redirect and does not retry it", async () => {
    fake.queue("redirect");
    const error = await failure(summarizer().summarize(input));
    expect(error.message).toMatch(/^127\.0\.0\.1:\d+ answered 302, a redirect; redirects are not followed/);
    expect(fake.requests).toHaveLength(1);
  });

  it("cuts an answer larger than 1 MB", async () => {
    fake.queue("huge");
    expect((await failure(summarizer().summarize(input))).message).toBe(
      `The answer from ${host()} is larger than 1 MB.`,
    );
  });

  it("never puts the API key in an error or on the console", async () => {
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((method) =>
      vi.spyOn(globalThis.console, method),
    );
    const errors: SummaryError[] = [];
    fake.queue("unauthorized");
    errors.push(await failure(summarizer().summarize(input)));
    fake.queue("server-error", "server-error", "server-error");
    errors.push(await failure(summarizer().summarize(input)));
    fake.queue("hang");
    errors.push(await failure(summarizer({ timeoutMs: 200 }).summarize(input)));
    fake.queue("invalid-json");
    errors.push(await failure(summarizer().summarize(input)));
    errors.push(
      await failure(summarizer({ baseUrl: `http://127.0.0.1:${await closedPort()}/v1?key=${KEY}` }).summarize(input)),
    );
    errors.push(await failure(summarizer({ baseUrl: `not a url ${KEY}` }).summarize(input)));

    expect(errors).toHaveLength(6);
    for (const error of errors) {
      expect(`${error.message} ${error.stack} ${String(error.cause)} ${JSON.stringify(error)}`).not.toContain(KEY);
    }
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });
});

describe("retryAfterMs", () => {
  const headers = (init: Record<string, string>) => new Headers(init);

  it("reads seconds, HTTP dates and Azure's retry-after-ms", () => {
    const now = Date.parse("2024-05-02T08:15:00Z");
    expect(retryAfterMs(headers({ "Retry-After": "2" }), now)).toBe(2000);
    expect(retryAfterMs(headers({ "Retry-After": "Thu, 02 May 2024 08:17:00 GMT" }), now)).toBe(120_000);
    expect(retryAfterMs(headers({ "Retry-After": "Thu, 02 May 2024 08:00:00 GMT" }), now)).toBe(0);
    expect(retryAfterMs(headers({ "retry-after-ms": "250", "Retry-After": "1" }), now)).toBe(250);
    expect(retryAfterMs(headers({ "Retry-After": "soon" }), now)).toBeUndefined();
    expect(retryAfterMs(headers({}), now)).toBeUndefined();
  });
});
