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
import { makeOrg } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";

import { flushDeliveryCounts } from "./delivery-counts";
import { handleHook, HOOK_BODY_LIMIT, type HookRequest } from "./handle-hook";
import { forgetLookups } from "./key-cache";

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
  return {
    provider,
    key,
    method: "POST",
    contentType: "application/json",
    contentLength: Buffer.byteLength(text),
    body: chunks(text),
    ...overrides,
  };
}

async function setup(provider: "sipgate" | "pbx" | "vcon" = "sipgate") {
  const org = await makeOrg(database.db);
  const integration = await createIntegration(database.db, org.id, cliActor, { provider, name: "Line" });
  return { org, integration, key: integration.secret };
}

const callCount = async (orgId: string) =>
  (await database.db.select({ id: calls.id }).from(calls).where(eq(calls.orgId, orgId))).length;
const refusals = async (integrationId: string) =>
  database.db.select().from(hookRefusals).where(eq(hookRefusals.integrationId, integrationId));

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
      [
        request("sipgate", key, "call=1", { contentType: "application/x-www-form-urlencoded" }),
        415,
        "unsupported_media_type",
      ],
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
    const response = await handleHook(
      database.db,
      request("sipgate", a.key, JSON.stringify({ ...JSON.parse(seed), orgId: b.org.id, org: b.org.slug })),
    );
    expect(response.status).toBe(200);
    expect(await callCount(a.org.id)).toBe(1);
    expect(await callCount(b.org.id)).toBe(0);
  });

  it("cleans NUL and lone surrogates out of an accepted delivery and keeps the rest of it", async () => {
    const { org, key } = await setup();
    const bundle = JSON.parse(seed);
    const text = JSON.stringify({
      ...bundle,
      call: { ...bundle.call, id: "nul\u0000-1" },
      summary: "Kunde\u0000 fragt \ud800nach",
      note: "x\udc00",
    });
    // JSON.stringify writes them as the escapes \u0000 and \ud800 jsonb refuses.
    expect(text).toContain("\\u0000");
    const response = await handleHook(database.db, request("sipgate", key, text));
    expect(response.status).toBe(200);
    const [call] = await database.db.select().from(calls).where(eq(calls.orgId, org.id));
    expect(call).toMatchObject({ vendorCallId: "nul-1", summary: "Kunde fragt \uFFFDnach", note: "x\uFFFD" });
  });

  it("refuses JSON nested too deep or with numbers out of range with 422 naming the field, and logs it", async () => {
    const { org, integration, key } = await setup();
    const cases: Array<[string, string]> = [
      [
        seed.replace('"duration": 300', `"duration": ${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`),
        "call.duration.a.a",
      ],
      [seed.replace('"duration": 300', '"duration": 1e999999'), "call.duration"],
      [seed.replace('"startTime": 0,', '"startTime": 1e-999999,'), "transcriptions.0.startTime"],
    ];
    for (const [body, field] of cases) {
      const response = await handleHook(database.db, request("sipgate", key, body));
      expect(response.status).toBe(422);
      expect(
        Object.keys(
          z.object({ error: z.object({ fields: z.record(z.string(), z.string()) }) }).parse(response.body).error.fields,
        )[0],
      ).toMatch(new RegExp(`^${field.replace(/\./g, "\\.")}`));
    }
    expect(await callCount(org.id)).toBe(0);
    expect(await refusals(integration.id)).toHaveLength(3);
  });

  it("logs a refused body with a NUL byte in it", async () => {
    const { integration, key } = await setup();
    const response = await handleHook(database.db, request("sipgate", key, `{"call": {"id": "1"}\u0000}`));
    expect(response.status).toBe(400);
    const [row] = await refusals(integration.id);
    expect(row?.excerpt).toBe('{"call": {"id": "1"}}');
    expect(row?.error).not.toContain("\u0000");
  });

  it("accepts times and durations no table can hold without them: int4 overflow, Invalid Date, years past 9999", async () => {
    const { org, key } = await setup();
    const bundle = JSON.parse(seed);
    const variants = [
      { duration: 2 ** 31, startTime: 1718202000000, endTime: null },
      { duration: 1e300, startTime: 1718202000000, endTime: null },
      { duration: null, startTime: 1e20, endTime: 8.64e15 },
      { duration: 300, startTime: "+275760-09-13T00:00:00.000Z", endTime: "-271821-04-20T00:00:00.000Z" },
      { duration: 2 ** 31 - 1, startTime: "9999-12-31T23:59:59Z", endTime: null },
    ];
    for (const [i, times] of variants.entries()) {
      const body = {
        ...bundle,
        call: { ...bundle.call, id: `times-${i}`, ...times },
        transcriptions: [{ speaker: "caller", startTime: 2 ** 31, endTime: 2 ** 40, text: "Hallo" }],
      };
      const response = await handleHook(database.db, request("sipgate", key, JSON.stringify(body)));
      expect(response.status, JSON.stringify(times)).toBe(200);
    }
    const rows = await database.db
      .select({ duration: calls.durationSeconds, endedAt: calls.endedAt })
      .from(calls)
      .where(eq(calls.orgId, org.id));
    expect(rows).toHaveLength(variants.length);
    for (const row of rows) expect(row.duration === null || row.duration <= 2 ** 31 - 1).toBe(true);
  });
});
