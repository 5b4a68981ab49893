// A stand-in for an OpenAI-compatible endpoint on loopback: real HTTP, scripted answers. Kept free
// of app imports so that an e2e test server in another process can start it too.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

import type { SummaryOutput } from "../summaries/types";

export type FakeOpenAiBehaviour =
  | "success"
  | "invalid-json"
  | "rate-limit"
  | "server-error"
  | "hang"
  | "no-json-schema"
  | "unauthorized"
  /** 302 to `redirectTo` (cloud metadata by default), with a page in the body. */
  | "redirect"
  /** 200 with a web page instead of a completion: a base URL that points at a site, not an API. */
  | "html-page"
  /** 502 with a proxy's HTML error page. */
  | "html-error"
  /** 500 with JSON that is not the OpenAI error shape, as any other JSON API might answer. */
  | "foreign-json-error"
  /** A 2 MB completion. */
  | "huge";

/** Text inside the pages and foreign errors above: a test asserts that no message ever holds it. */
export const FAKE_PAGE_SECRET = "fake-internal-page-4e1d9b";

export type FakeOpenAiRequest = {
  method: string;
  /** Path and query as received, e.g. /v1/chat/completions?api-version=2024-06-01. */
  path: string;
  headers: Record<string, string | undefined>;
  body: unknown;
};

export type FakeOpenAi = {
  /** Base URL ending in /v1. */
  url: string;
  requests: FakeOpenAiRequest[];
  /** The next answers, in order; "success" once they are used up. */
  queue(...behaviours: FakeOpenAiBehaviour[]): void;
  /** What "success" returns, merged over a default summary. */
  setAnswer(output: Partial<SummaryOutput>): void;
  close(): Promise<void>;
};

const DEFAULT_ANSWER: SummaryOutput = {
  headline: "Invoice question from Anna Weber",
  summary:
    "Anna Weber called about invoice 4711, which lists two licences instead of one. The agent promised a corrected invoice.",
  actionItems: ["Send Anna Weber a corrected invoice 4711"],
  tags: ["invoice", "billing"],
  language: "en",
};

const field = (value: unknown, key: string): unknown =>
  typeof value === "object" && value !== null ? new Map(Object.entries(value)).get(key) : undefined;

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  return flat;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { "Content-Type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

const openAiError = (message: string, type: string, code: string | null = null) => ({
  error: { message, type, param: null, code },
});

let completionCount = 0;

function completion(body: unknown, content: string) {
  completionCount += 1;
  const model = field(body, "model");
  return {
    id: `chatcmpl-fake-${completionCount}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: typeof model === "string" ? model : "fake-model",
    choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, finish_reason: "stop" }],
    usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
  };
}

export async function startFakeOpenAi(options: { apiKey?: string; redirectTo?: string } = {}): Promise<FakeOpenAi> {
  const requests: FakeOpenAiRequest[] = [];
  const pending: FakeOpenAiBehaviour[] = [];
  let answer: SummaryOutput = { ...DEFAULT_ANSWER };
  const sockets = new Set<Socket>();

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const path = request.url ?? "/";
    const body = await readBody(request);
    const headers = flatHeaders(request.headers);
    requests.push({ method: request.method ?? "GET", path, headers, body });

    // OpenAI's path, and Azure's per-deployment one.
    const isChat = /^(\/v1|\/openai\/deployments\/[^/]+)\/chat\/completions$/.test(
      new URL(path, "http://fake").pathname,
    );
    if (request.method !== "POST" || !isChat) {
      return send(response, 404, openAiError(`Unknown request ${request.method} ${path}`, "invalid_request_error"));
    }
    const behaviour = pending.shift() ?? "success";
    const authorization = headers.authorization;
    if (behaviour === "unauthorized" || (options.apiKey && authorization !== `Bearer ${options.apiKey}`)) {
      // Echoes the key it was given, as some gateways do, so tests prove the client redacts it.
      const presented = authorization?.replace(/^Bearer /, "") ?? "(none)";
      return send(
        response,
        401,
        openAiError(`Incorrect API key provided: ${presented}.`, "invalid_request_error", "invalid_api_key"),
      );
    }
    const isJsonSchema = field(field(body, "response_format"), "type") === "json_schema";
    switch (behaviour) {
      case "hang":
        return; // the socket stays open until the client gives up or close() destroys it
      case "rate-limit":
        return send(response, 429, openAiError("Rate limit reached for requests.", "requests", "rate_limit_exceeded"), {
          "Retry-After": "1",
        });
      case "server-error":
        return send(
          response,
          500,
          openAiError("The server had an error while processing your request.", "server_error"),
        );
      case "no-json-schema":
        if (isJsonSchema) {
          return send(response, 400, { error: { message: "response_format json_schema is not supported" } });
        }
        break;
      case "invalid-json":
        return send(response, 200, completion(body, "Here is the summary: the caller asked about an invoice."));
      case "redirect":
        response.writeHead(302, {
          Location: options.redirectTo ?? "http://169.254.169.254/latest/meta-data/",
          "Content-Type": "text/html",
        });
        return void response.end(`<html><body>Moved: ${FAKE_PAGE_SECRET}</body></html>`);
      case "html-page":
        response.writeHead(200, { "Content-Type": "text/html" });
        return void response.end(
          `<!doctype html><html><head><title>Admin</title></head><body>${FAKE_PAGE_SECRET}</body></html>`,
        );
      case "html-error":
        response.writeHead(502, { "Content-Type": "text/html" });
        return void response.end(`<html><body><h1>502 Bad Gateway</h1>${FAKE_PAGE_SECRET}</body></html>`);
      case "foreign-json-error":
        return send(response, 500, { message: FAKE_PAGE_SECRET, detail: { secret: FAKE_PAGE_SECRET } });
      case "huge":
        return send(response, 200, completion(body, "x".repeat(2 * 1024 * 1024)));
    }
    // A request without response_format is a connection test ("Answer with the word OK").
    const content = field(body, "response_format") === undefined ? "OK" : JSON.stringify(answer);
    send(response, 200, completion(body, content));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, openAiError(String(error), "server_error"));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("The fake OpenAI server has no TCP address");

  return {
    url: `http://127.0.0.1:${address.port}/v1`,
    requests,
    queue: (...behaviours) => void pending.push(...behaviours),
    setAnswer: (output) => {
      answer = { ...DEFAULT_ANSWER, ...output };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // "hang" leaves requests open; without this, close() would wait for them forever.
        for (const socket of sockets) socket.destroy();
      }),
  };
}
