import { createServer } from "node:http";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createOutboundFetch, OutboundError } from "./fetch";

let base = "";
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString()));
  req.on("end", () => {
    if (req.url === "/moved") return void res.writeHead(301, { location: "http://169.254.169.254/" }).end();
    if (req.url === "/empty") return void res.writeHead(204).end();
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ method: req.method, body, type: req.headers["content-type"] ?? null }));
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  base = `http://127.0.0.1:${address !== null && typeof address === "object" ? address.port : 0}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("createOutboundFetch", () => {
  it("behaves as fetch for an allowed address", async () => {
    const fetchLike = createOutboundFetch({ allowPrivate: true });
    const response = await fetchLike(`${base}/x`, { method: "POST", body: new URLSearchParams({ a: "1" }) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      method: "POST",
      body: "a=1",
      type: "application/x-www-form-urlencoded;charset=UTF-8",
    });
    expect((await fetchLike(`${base}/empty`)).status).toBe(204);
  });

  it("throws the policy's failure for loopback without allowPrivate and for a redirect", async () => {
    const refused = await createOutboundFetch()(`${base}/x`).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OutboundError);
    expect(refused).toMatchObject({ failure: { kind: "refused", reason: "address" } });
    const moved = await createOutboundFetch({ allowPrivate: true })(`${base}/moved`).catch((e: unknown) => e);
    expect(moved).toMatchObject({ failure: { kind: "redirect", status: 301 } });
  });
});
