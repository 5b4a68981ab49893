import { createServer } from "node:http";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getEnv } from "@/lib/env";

import { outboundRequest } from "./request";

let hits = 0;
const server = createServer((_req, res) => {
  hits++;
  res.end("{}");
});
let url = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  url = `http://127.0.0.1:${address !== null && typeof address === "object" ? address.port : 0}/`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("outboundRequest", () => {
  it("follows the operator's ALLOW_PRIVATE_NETWORK, which is off unless set", async () => {
    expect(getEnv().allowPrivateNetwork).toBe(false);
    expect(await outboundRequest(url)).toMatchObject({ kind: "refused", reason: "address" });
    expect(hits).toBe(0);
    expect(await outboundRequest(url, { allowPrivate: true })).toMatchObject({ kind: "answer", status: 200 });
    expect(hits).toBe(1);
  });
});
