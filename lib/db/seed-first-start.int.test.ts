import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { dispatchEvent } from "@/lib/aiflow/dispatch";
import { parseEvent } from "@/lib/aiflow/protocol";
import { verifyAiFlowToken } from "@/lib/aiflow/verify-token";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { searchInbox } from "@/lib/calls/search/inbox";
import { readInboxParams } from "@/lib/calls/search/params";
import type { DbHandle } from "@/lib/db/client";
import { auditEntries, calls, memberships, organisations, users } from "@/lib/db/schema";
import { DEMO_FLOW_NUMBER, seedFirstStart } from "@/lib/db/seed-first-start";
import { findMembershipBySlug } from "@/lib/orgs/queries";
import { makeUser, TEST_PASSWORD } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";
import { findUserByEmail } from "@/lib/users/queries";

const handles: DbHandle[] = [];
async function emptyDatabase() {
  const handle = await createTestDatabase();
  handles.push(handle);
  return handle.db;
}
afterAll(async () => {
  for (const handle of handles) await handle.close();
});

let db: DbHandle["db"];
beforeAll(async () => {
  db = await emptyDatabase();
});

const rowCounts = async (database: DbHandle["db"]) => ({
  organisations: (await database.select({ n: count() }).from(organisations))[0]?.n,
  users: (await database.select({ n: count() }).from(users))[0]?.n,
  memberships: (await database.select({ n: count() }).from(memberships))[0]?.n,
  audit: (await database.select({ n: count() }).from(auditEntries))[0]?.n,
});

describe("seedFirstStart", () => {
  it("on an empty database creates the Demo organisation and its owner, with a password that signs in", async () => {
    const first = await seedFirstStart(db);
    expect(first).toEqual({
      orgSlug: "demo",
      email: "admin@example.com",
      password: expect.any(String),
      aiFlow: { path: expect.stringMatching(/^\/api\/aiflow\/[0-9a-f-]{36}$/), token: expect.stringMatching(/^sbt_/) },
    });
    if (!first?.password) throw new Error("expected a password");

    const admin = await findUserByEmail(db, "admin@example.com");
    if (!admin) throw new Error("admin user missing");
    expect(await findMembershipBySlug(db, "demo", admin.id)).toMatchObject({
      org: { slug: "demo", name: "Demo" },
      role: "owner",
    });
    const signIn = await signInWithPassword(db, {
      email: "admin@example.com",
      password: first.password,
      ip: "10.4.0.1",
    });
    expect(signIn.kind).toBe("signed-in");
    expect(await rowCounts(db)).toMatchObject({ organisations: 1, users: 1, memberships: 1 });
  });

  it("a second start returns nothing and creates nothing", async () => {
    const before = await rowCounts(db);
    expect(await seedFirstStart(db)).toBeUndefined();
    expect(await rowCounts(db)).toEqual(before);
  });

  it("makes an existing admin@example.com the owner without printing a password", async () => {
    const fresh = await emptyDatabase();
    const existing = await makeUser(fresh, { email: "admin@example.com" });
    expect(await seedFirstStart(fresh)).toEqual({
      orgSlug: "demo",
      email: "admin@example.com",
      password: undefined,
      aiFlow: { path: expect.stringMatching(/^\/api\/aiflow\/[0-9a-f-]{36}$/), token: expect.stringMatching(/^sbt_/) },
    });
    expect(await findMembershipBySlug(fresh, "demo", existing.id)).toMatchObject({ role: "owner" });
    // Their password is untouched.
    expect(
      (await signInWithPassword(fresh, { email: "admin@example.com", password: TEST_PASSWORD, ip: "10.4.0.2" })).kind,
    ).toBe("signed-in");
  });

  it("seeds once when several processes start together", async () => {
    const fresh = await emptyDatabase();
    const results = await Promise.all([seedFirstStart(fresh), seedFirstStart(fresh), seedFirstStart(fresh)]);
    expect(results.filter((r) => r !== undefined)).toHaveLength(1);
    expect(await rowCounts(fresh)).toMatchObject({ organisations: 1, users: 1, memberships: 1 });
  });
});

describe("the demo organisation's calls", () => {
  it("comes with a few dozen calls from every vendor, in German, English and French, that search finds", async () => {
    const database = await emptyDatabase();
    const first = await seedFirstStart(database);
    if (!first) throw new Error("expected a first start");
    const rows = await database
      .select({ provider: calls.provider, language: calls.language, open: calls.openActionItems })
      .from(calls);
    expect(rows.length).toBeGreaterThanOrEqual(30);
    expect(new Set(rows.map((r) => r.provider))).toEqual(new Set(["sipgate", "pbx", "vcon"]));
    expect(rows.some((r) => r.open > 0)).toBe(true);
    const org = await findMembershipBySlug(
      database,
      "demo",
      (await findUserByEmail(database, "admin@example.com"))?.id ?? "",
    );
    for (const q of ["Gutschrift", "rendez-vous", "portal"]) {
      const result = await searchInbox(database, org?.org.id ?? "", readInboxParams({ q }).params);
      expect(result.rows.length, q).toBeGreaterThan(0);
    }
  });

  it("comes with the Reception flow, published and answering the demo AI Flow endpoint's number", async () => {
    const database = await emptyDatabase();
    const first = await seedFirstStart(database);
    if (!first) throw new Error("expected a first start");
    const integrationId = first.aiFlow.path.split("/").pop() ?? "";
    const integration = await verifyAiFlowToken(database, integrationId, first.aiFlow.token);
    if (!integration) throw new Error("the printed token does not open the endpoint");
    const event = parseEvent({
      type: "session_start",
      session: { id: "demo-1", phone_number: DEMO_FLOW_NUMBER, from_phone_number: "+491701234567" },
    });
    if (!event.ok) throw new Error(event.error);
    expect(await dispatchEvent(database, integration, event.event)).toMatchObject({
      ok: true,
      actions: [{ type: "speak", text: expect.stringContaining("Welcome to Demo Company.") }],
    });
  });
});
