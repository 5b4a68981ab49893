import { readFileSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { cliActor } from "@/lib/audit/record";
import type { DbHandle } from "@/lib/db/client";
import { calls, hookRefusals, integrations } from "@/lib/db/schema";
import { createIntegration } from "@/lib/integrations/create-integration";
import { rotateIntegrationSecret, setIntegrationEnabled } from "@/lib/integrations/manage";
import { createTestDatabase } from "@/lib/test/test-db";
import { makeOrg } from "@/lib/test/fixtures";
import { flushDeliveryCounts } from "./delivery-counts";
import { forgetLookups } from "./key-cache";
import { handleHook, HOOK_BODY_LIMIT, type HookRequest } from "./handle-hook";

const accepted = z.object({ id: z.uuid(), created: z.boolean() });
const seed = readFileSync(path.resolve(import.meta.dirname, "../providers/sipgate/fixtures/seed-000.json"), "utf8");

let database: DbHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

async function* chunks(text: string): AsyncIterable<Uint8Array> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += 64 * 1024) yield bytes.subarray(i, i + 64 * 1024);
}

function request(provider: string, key: string, text: string, overrides: Partial<HookRequest> = {}): HookRequest {
  return { provider, key, method: "POST", contentType: "application/json", contentLength: Buffer.byteLength(text), body: chunks(text), ...overrides };
}

async function setup(provider: "sipgate" | "pbx" | "vcon" = "sipgate") {
  const org = await makeOrg(database.db);
  const integration = await createIntegration(database.db, org.id, cliActor, { provider, name: "Line" });
  return { org, integration, key: integration.secret };
}

const callCount = async (orgId: string) => (await database.db.select({ id: calls.id }).from(calls).where(eq(calls.orgId, orgId))).length;
const refusals = async (integrationId: string) => database.db.select().from(hookRefusals).where(eq(hookRefusals.integrationId, integrationId));

describe("handleHook", () => {
  it("accepts a delivery, answers with the committed call, and the same delivery again with created false", async () => {
    const { org, integration, key } = await setup();
    const first = await handleHook(database.db, request("sipgate", key, seed));
    expect(first.status).toBe(200);
    const { id } = accepted.parse(first.body);
    expect(accepted.parse(first.body).created).toBe(true);
    const second = await handleHook(database.db, request("sipgate", key, seed));
    expect(second).toEqual({ status: 200, body: { id, created: false } });
    expect(await callCount(org.id)).toBe(1);
    await flushDeliveryCounts();
    const [row] = await database.db.select().from(integrations).where(eq(integrations.id, integration.id));
    expect(row).toMatchObject({ acceptedCount: 2, refusedCount: 0 });
    expect(row?.lastEventAt).toBeInstanceOf(Date);
  });

  it("answers 404 for unknown keys, malformed keys and another provider's path, writing nothing", async () => {
    const { org, key } = await setup();
    for (const [provider, k] of [
      ["sipgate", `sbk_${"A".repeat(43)}`],
      ["sipgate", "short"],
      ["pbx", key],
      ["nope", key],
    ] as const) {
      const response = await handleHook(database.db, request(provider, k, seed));
      expect(response.status, `${provider}/${k}`).toBe(404);
    }
    expect(await callCount(org.id)).toBe(0);
  });

  it("refuses oversized, non-JSON, malformed and invalid bodies with the right status, records why, and writes no call", async () => {
    const { org, integration, key } = await setup();
    const big = JSON.stringify({ call: { id: "big" }, summary: "x".repeat(HOOK_BODY_LIMIT) });
    const cases: Array<[HookRequest, number, string]> = [
      [request("sipgate", key, big), 413, "payload_too_large"],
      [request("sipgate", key, big, { contentLength: undefined }), 413, "payload_too_large"],
      [request("sipgate", key, "call=1", { contentType: "application/x-www-form-urlencoded" }), 415, "unsupported_media_type"],
      [request("sipgate", key, '{"call": {"id": 1}'), 400, "invalid_json"],
      [request("sipgate", key, '{"call": {"caller": "+4930123"}}'), 422, "invalid_payload"],
    ];
    for (const [req, status, code] of cases) {
      const response = await handleHook(database.db, req);
      expect(response.status).toBe(status);
      expect(response.body).toMatchObject({ error: { code } });
    }
    const invalid = await handleHook(database.db, request("sipgate", key, '{"call": {}}'));
    expect(invalid.body).toMatchObject({ error: { fields: { "call.id": expect.any(String) } } });
    expect(await callCount(org.id)).toBe(0);
    // The first 413 is answered from Content-Length alone, before the key is even looked at.
    expect((await refusals(integration.id)).map((r) => r.status).sort()).toEqual([400, 413, 415, 422, 422]);
  });

  it("accepts PUT only where the vendor uses it (PBX)", async () => {
    const pbx = await setup("pbx");
    const body = JSON.stringify({ call_id: "p1", summary: "Rückruf vereinbart." });
    expect((await handleHook(database.db, request("pbx", pbx.key, body, { method: "PUT" }))).status).toBe(200);
    const sipgate = await setup();
    const put = await handleHook(database.db, request("sipgate", sipgate.key, seed, { method: "PUT" }));
    expect(put.status).toBe(405);
    expect(put.headers).toEqual({ allow: "POST" });
  });

  it("a disabled integration answers 404 and records the refusal; enabled again, it accepts", async () => {
    const { org, integration, key } = await setup();
    await setIntegrationEnabled(database.db, org.id, integration.id, false, cliActor);
    expect((await handleHook(database.db, request("sipgate", key, seed))).status).toBe(404);
    expect((await refusals(integration.id))[0]?.error).toMatch(/disabled/);
    await setIntegrationEnabled(database.db, org.id, integration.id, true, cliActor);
    expect((await handleHook(database.db, request("sipgate", key, seed))).status).toBe(200);
  });

  it("after a rotation the old key works for 24 hours, then only the new one", async () => {
    const { org, integration, key } = await setup();
    const rotated = await rotateIntegrationSecret(database.db, org.id, integration.id, cliActor);
    expect((await handleHook(database.db, request("sipgate", key, seed))).status).toBe(200);
    expect((await handleHook(database.db, request("sipgate", rotated.secret, seed))).status).toBe(200);
    await database.db
      .update(integrations)
      .set({ previousSecretExpiresAt: new Date(Date.now() - 1000) })
      .where(and(eq(integrations.orgId, org.id), eq(integrations.id, integration.id)));
    forgetLookups(); // a day has passed: no lookup of the old key is remembered any more
    expect((await handleHook(database.db, request("sipgate", key, seed))).status).toBe(404);
    expect((await handleHook(database.db, request("sipgate", rotated.secret, seed))).status).toBe(200);
  });

  it("a key of organisation A writes into A only, whatever the payload says", async () => {
    const a = await setup();
    const b = await setup();
    const response = await handleHook(database.db, request("sipgate", a.key, JSON.stringify({ ...JSON.parse(seed), orgId: b.org.id, org: b.org.slug })));
    expect(response.status).toBe(200);
    expect(await callCount(a.org.id)).toBe(1);
    expect(await callCount(b.org.id)).toBe(0);
  });
});
