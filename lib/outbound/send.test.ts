import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Resolver } from "./lookup";
import { sendOutbound, type OutboundResult } from "./send";

// Real HTTP on loopback. Loopback is exactly what the policy refuses, so the tests that need an
// answer say allowPrivate: true; the ones without it prove the refusal (and that nothing arrived).

const SECRET = "internal-secret-7f3a9c";
const seen: string[] = [];

function handler(req: IncomingMessage, res: ServerResponse) {
  seen.push(req.url ?? "");
  const url = new URL(req.url ?? "/", "http://x");
  switch (url.pathname) {
    case "/ok":
      res
        .writeHead(200, { "content-type": "application/json", "x-extra": "1" })
        .end(JSON.stringify({ hello: "world", method: req.method }));
      return;
    case "/echo": {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () =>
        res
          .writeHead(201, { "content-type": "application/json" })
          .end(JSON.stringify({ body: Buffer.concat(chunks).toString(), auth: req.headers.authorization ?? null })),
      );
      return;
    }
    case "/redirect":
      res
        .writeHead(Number(url.searchParams.get("status") ?? 302), { location: url.searchParams.get("to") ?? "/ok" })
        .end(`<html>${SECRET}</html>`);
      return;
    case "/error":
      res.writeHead(500, { "content-type": "text/html" }).end(`<html><body>${SECRET}</body></html>`);
      return;
    case "/big":
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(2 * 1024 * 1024) });
      res.end(Buffer.alloc(2 * 1024 * 1024, 120));
      return;
    case "/big-chunked": {
      // No Content-Length: the cap must hold while reading. It never ends on its own.
      res.writeHead(200, { "content-type": "text/plain" });
      const timer = setInterval(() => res.write(Buffer.alloc(64 * 1024, 120)), 1);
      res.on("close", () => clearInterval(timer));
      return;
    }
    case "/slow-body": {
      // Headers at once, then a byte now and then: a time limit on the headers alone would wait forever.
      res.writeHead(200, { "content-type": "text/plain" });
      const timer = setInterval(() => res.write("."), 50);
      res.on("close", () => clearInterval(timer));
      return;
    }
    case "/hang":
      return;
    default:
      res.writeHead(404).end();
  }
}

let server: Server;
let target: Server;
let port = 0;
let targetPort = 0;
const targetHits: string[] = [];

async function listen(s: Server): Promise<number> {
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const address = s.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return (address satisfies AddressInfo).port;
}

beforeAll(async () => {
  server = createServer(handler);
  port = await listen(server);
  target = createServer((req, res) => {
    targetHits.push(req.url ?? "");
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ secret: SECRET }));
  });
  targetPort = await listen(target);
});
afterAll(async () => {
  server.closeAllConnections();
  target.closeAllConnections();
  await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => target.close(r))]);
});

const local = (path: string) => `http://127.0.0.1:${port}${path}`;
const text = (result: OutboundResult) => (result.kind === "answer" ? result.body.toString("utf8") : "");

/** A resolver standing in for DNS: every name points where the test says. */
const resolvingTo =
  (...addresses: string[]): Resolver =>
  (_host, _options, callback) =>
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
    );

describe("sendOutbound", () => {
  it("answers with status, headers and body when the address is allowed", async () => {
    const result = await sendOutbound(local("/ok"), { allowPrivate: true });
    expect(result).toMatchObject({ kind: "answer", status: 200, statusText: "OK" });
    if (result.kind !== "answer") throw new Error(result.message);
    expect(result.headers.get("x-extra")).toBe("1");
    expect(JSON.parse(text(result))).toEqual({ hello: "world", method: "GET" });
  });

  it("sends the method, headers and body", async () => {
    const result = await sendOutbound(local("/echo"), {
      allowPrivate: true,
      method: "POST",
      headers: { authorization: "Bearer k" },
      body: '{"a":1}',
    });
    expect(result).toMatchObject({ kind: "answer", status: 201 });
    expect(JSON.parse(text(result))).toEqual({ body: '{"a":1}', auth: "Bearer k" });
  });

  it("refuses loopback in every notation the URL parser accepts, and nothing reaches the server", async () => {
    const before = seen.length;
    for (const url of [
      local("/ok"),
      `http://localhost:${port}/ok`,
      `http://[::1]:${port}/ok`,
      `http://2130706433:${port}/ok`,
      `http://0x7f.1:${port}/ok`,
      `http://0177.0.0.1:${port}/ok`,
      `http://127.1:${port}/ok`,
      `http://[::ffff:127.0.0.1]:${port}/ok`,
      `http://[::ffff:7f00:1]:${port}/ok`,
      `http://[64:ff9b::127.0.0.1]:${port}/ok`,
      `http://0.0.0.0:${port}/ok`,
      `http://0:${port}/ok`,
      `http://169.254.169.254/latest/meta-data/`,
      `http://[fd00:ec2::254]/latest/meta-data/`,
    ]) {
      const result = await sendOutbound(url, { allowPrivate: false });
      expect(result, url).toMatchObject({ kind: "refused", reason: "address" });
      if (result.kind === "refused") expect(result.message).toMatch(/private, loopback or reserved address/);
    }
    expect(seen.length).toBe(before);
  });

  it("checks the address it connects to, so a name that resolves to loopback or metadata is refused", async () => {
    const before = seen.length;
    for (const addresses of [
      ["127.0.0.1"],
      ["::1"],
      ["169.254.169.254"],
      ["10.0.0.5", "192.168.0.2"],
      ["::ffff:127.0.0.1"],
    ]) {
      const result = await sendOutbound(`http://innocent.example:${port}/ok`, {
        allowPrivate: false,
        resolve: resolvingTo(...addresses),
      });
      expect(result, addresses.join()).toMatchObject({
        kind: "refused",
        reason: "address",
        message: expect.stringMatching(/^innocent\.example resolves to a private/),
      });
    }
    expect(seen.length).toBe(before);
  });

  it("connects through a name that resolves to an allowed address", async () => {
    const result = await sendOutbound(`http://innocent.example:${port}/ok`, {
      allowPrivate: true,
      resolve: resolvingTo("127.0.0.1"),
    });
    expect(result).toMatchObject({ kind: "answer", status: 200 });
  });

  it("does not follow a redirect, not even to an address it may call, and shows none of its body", async () => {
    const before = targetHits.length;
    for (const status of [301, 302, 303, 307, 308]) {
      const result = await sendOutbound(
        local(`/redirect?status=${status}&to=${encodeURIComponent(`http://127.0.0.1:${targetPort}/steal`)}`),
        { allowPrivate: true },
      );
      expect(result).toMatchObject({
        kind: "redirect",
        status,
        message: expect.stringMatching(/redirects are not followed/),
      });
      expect(JSON.stringify(result)).not.toContain(SECRET);
    }
    expect(targetHits.length).toBe(before);
  });

  it("cuts an answer larger than maxBytes, announced or not, and says so", async () => {
    const announced = await sendOutbound(local("/big"), { allowPrivate: true, maxBytes: 1024 * 1024 });
    expect(announced).toMatchObject({
      kind: "too-large",
      maxBytes: 1024 * 1024,
      message: expect.stringMatching(/larger than 1 MB/),
    });
    const started = Date.now();
    const streamed = await sendOutbound(local("/big-chunked"), {
      allowPrivate: true,
      maxBytes: 256 * 1024,
      timeoutMs: 10_000,
    });
    expect(streamed).toMatchObject({ kind: "too-large", maxBytes: 256 * 1024 });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("limits the whole exchange in time, the body included", async () => {
    for (const path of ["/hang", "/slow-body"]) {
      const started = Date.now();
      const result = await sendOutbound(local(path), { allowPrivate: true, timeoutMs: 300 });
      expect(result, path).toMatchObject({
        kind: "timeout",
        timeoutMs: 300,
        message: `No answer from 127.0.0.1:${port} within 0.3 s.`,
      });
      expect(Date.now() - started).toBeLessThan(2_000);
    }
  });

  it("returns a failed answer to the caller, but its message never holds the body", async () => {
    const result = await sendOutbound(local("/error"), { allowPrivate: true });
    expect(result).toMatchObject({ kind: "answer", status: 500, statusText: "Internal Server Error" });
  });

  it("refuses other schemes, URLs with credentials and URLs that do not parse", async () => {
    expect(await sendOutbound("ftp://example.com/x", { allowPrivate: true })).toMatchObject({
      kind: "refused",
      reason: "scheme",
    });
    expect(await sendOutbound("file:///etc/passwd", { allowPrivate: true })).toMatchObject({
      kind: "refused",
      reason: "scheme",
    });
    expect(await sendOutbound(`http://user:pass@127.0.0.1:${port}/ok`, { allowPrivate: true })).toMatchObject({
      kind: "refused",
      reason: "credentials",
    });
    expect(await sendOutbound("not a url", { allowPrivate: true })).toMatchObject({ kind: "refused", reason: "url" });
  });

  it("names a network error by its code only", async () => {
    const closed = createServer();
    const closedPort = await listen(closed);
    await new Promise((r) => closed.close(r));
    const result = await sendOutbound(`http://127.0.0.1:${closedPort}/`, { allowPrivate: true });
    expect(result).toEqual({
      kind: "network",
      code: "ECONNREFUSED",
      message: `Could not connect to 127.0.0.1:${closedPort}: ECONNREFUSED`,
    });
  });

  it("stops when the caller aborts and throws the abort, which is not a failed request", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await sendOutbound(local("/hang"), { allowPrivate: true, signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    expect(error instanceof Error && error.name).toBe("AbortError");
  });
});
