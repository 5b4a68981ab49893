import { createServer, type Server } from "node:http";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DbHandle } from "@/lib/db/client";
import type { Effect } from "@/lib/flows/session-state";
import { saveSummarySettings } from "@/lib/summaries/settings";
import { summarySettingsInput } from "@/lib/summaries/settings-input";
import { startFakeOpenAi, type FakeOpenAi } from "@/lib/test/fake-openai";
import { makeOrg } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";

import { performEffect } from "./effects";

// A flow's HTTP request node and AI reply node reach the outside world through the one outbound
// policy: loopback (where these test servers listen) only when private networks are allowed.

const SECRET = "customer-api-internal-9c1f";
let database: DbHandle;
let fake: FakeOpenAi;
let api: Server;
let base = "";
const hits: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await startFakeOpenAi();
  api = createServer((req, res) => {
    hits.push(req.url ?? "");
    if (req.url === "/fail")
      return void res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: SECRET }));
    if (req.url === "/moved")
      return void res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end(SECRET);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ customer: { name: "Anna" } }));
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  const address = api.address();
  base = `127.0.0.1:${address !== null && typeof address === "object" ? address.port : 0}`;
});
afterAll(async () => {
  api.closeAllConnections();
  await new Promise((resolve) => api.close(resolve));
  await fake.close();
  await database.close();
});

const http = (url: string): Effect => ({
  kind: "http",
  nodeId: "lookup",
  method: "GET",
  url,
  headers: [],
  budgetMs: 2000,
});
const ai: Effect = {
  kind: "ai",
  nodeId: "ai",
  instructions: "Be brief.",
  history: [],
  utterance: "Hello?",
  budgetMs: 2000,
};

async function orgWithModel() {
  const org = await makeOrg(database.db);
  const input = summarySettingsInput.parse({
    baseVersion: "0",
    baseInstructions: "",
    provider: "openai",
    baseUrl: fake.url,
    model: "fake-model",
  });
  await saveSummarySettings(database.db, org.id, { label: "admin@example.com" }, input);
  return org;
}

describe("a flow's HTTP request node", () => {
  it("answers with the JSON of an allowed address", async () => {
    const org = await makeOrg(database.db);
    const result = await performEffect(
      { db: database.db, orgId: org.id, allowPrivate: true },
      http(`http://${base}/customer`),
    );
    expect(result).toEqual({ kind: "http", ok: true, status: 200, json: { customer: { name: "Anna" } } });
  });

  it("refuses loopback in any notation, including NAT64 and IPv4-mapped hex, and calls nothing", async () => {
    const org = await makeOrg(database.db);
    const port = base.split(":")[1];
    const before = hits.length;
    const urls = [
      `http://${base}/`,
      `http://localhost:${port}/`,
      `http://[::ffff:7f00:1]:${port}/`,
      `http://[64:ff9b::7f00:1]:${port}/`,
      `http://2130706433:${port}/`,
    ];
    const results = await Promise.all(
      urls.map((url) => performEffect({ db: database.db, orgId: org.id, allowPrivate: false }, http(url))),
    );
    expect(results).toEqual(
      urls.map(() => ({
        kind: "http",
        ok: false,
        error: expect.stringMatching(/private, loopback or reserved address/),
      })),
    );
    expect(hits.length).toBe(before);
  });

  it("keeps the body of a failed answer to itself and does not follow a redirect", async () => {
    const org = await makeOrg(database.db);
    const failed = await performEffect(
      { db: database.db, orgId: org.id, allowPrivate: true },
      http(`http://${base}/fail`),
    );
    expect(failed).toEqual({ kind: "http", ok: false, status: 500, error: "The URL answered 500." });
    const moved = await performEffect(
      { db: database.db, orgId: org.id, allowPrivate: true },
      http(`http://${base}/moved`),
    );
    expect(moved).toMatchObject({
      kind: "http",
      ok: false,
      status: 302,
      error: expect.stringMatching(/redirects are not followed/),
    });
    expect(JSON.stringify([failed, moved])).not.toContain(SECRET);
  });
});

describe("a flow's AI reply node", () => {
  it("asks the organisation's model when its address is allowed", async () => {
    const org = await orgWithModel();
    const result = await performEffect({ db: database.db, orgId: org.id, allowPrivate: true }, ai);
    expect(result).toEqual({ kind: "ai", text: "OK" });
  });

  it("does not call a model on loopback unless private networks are allowed (ALLOW_PRIVATE_NETWORK is off here)", async () => {
    const org = await orgWithModel();
    const before = fake.requests.length;
    const result = await performEffect({ db: database.db, orgId: org.id }, ai);
    expect(result).toMatchObject({ kind: "ai", error: expect.stringMatching(/private, loopback or reserved address/) });
    expect(fake.requests.length).toBe(before);
  });
});
