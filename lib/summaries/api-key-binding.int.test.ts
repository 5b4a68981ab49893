import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DbHandle } from "@/lib/db/client";
import { summarySettingsVersions } from "@/lib/db/schema";
import { startFakeOpenAi, type FakeOpenAi } from "@/lib/test/fake-openai";
import { makeOrg } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";

import { testConnection } from "./connection-test";
import { draftSettings } from "./draft-settings";
import { loadSummaryConfig, loadSummarySettings, restoreSummarySettings, saveSummarySettings } from "./settings";
import { summarySettingsInput } from "./settings-input";
import { trySummaries } from "./try-summaries";

// The stored API key belongs to the base URL it was entered with. Someone who may edit the
// settings but does not know the key must not be able to send it elsewhere by typing a new URL.

const KEY = "sk-stored-key-5d2e8a1c9b7f";
const AGAIN = "Enter the API key again to use a different base URL.";

let database: DbHandle;
let saved: FakeOpenAi; // the endpoint the key was saved for
let other: FakeOpenAi; // an endpoint someone types in later
const admin = { label: "admin@example.com" };

beforeAll(async () => {
  database = await createTestDatabase();
  saved = await startFakeOpenAi({ apiKey: KEY });
  other = await startFakeOpenAi();
});
afterAll(async () => {
  await Promise.all([saved.close(), other.close()]);
  await database.close();
});

const form = (fields: Record<string, string>) =>
  summarySettingsInput.parse({
    baseVersion: "1",
    provider: "openai",
    baseInstructions: "",
    model: "fake-model",
    ...fields,
  });

async function orgWithKey() {
  const org = await makeOrg(database.db);
  const outcome = await saveSummarySettings(
    database.db,
    org.id,
    admin,
    form({ baseVersion: "0", baseUrl: saved.url, apiKey: KEY }),
  );
  if (!("saved" in outcome)) throw new Error("not saved");
  return org;
}

/** What "Test connection" does with the form: the draft's key (typed or stored), then one request. */
async function testAsTheFormDoes(orgId: string, fields: Record<string, string>) {
  const input = form(fields);
  const draft = await draftSettings(database.db, orgId, input);
  return testConnection({
    baseUrl: input.baseUrl,
    model: input.model,
    allowPrivate: true,
    ...(draft.apiKey ? { apiKey: draft.apiKey } : {}),
  });
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe("the stored API key and its base URL", () => {
  it("Test connection with an empty key field sends the stored key to the saved base URL, however it is written", async () => {
    const org = await orgWithKey();
    for (const baseUrl of [saved.url, `${saved.url}/`, saved.url.replace("http://", "HTTP://")]) {
      expect(await testAsTheFormDoes(org.id, { baseUrl, apiKey: "" }), baseUrl).toMatchObject({ ok: true });
    }
    expect(saved.requests.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it("Test connection with an empty key field never sends the stored key to a different base URL", async () => {
    const org = await orgWithKey();
    const error = await refusal(testAsTheFormDoes(org.id, { baseUrl: other.url, apiKey: "" }));
    expect(error).toMatchObject({ name: "AppError", message: AGAIN, fields: { apiKey: AGAIN } });
    expect(JSON.stringify(other.requests)).not.toContain(KEY);
    // A key typed for the new URL is that key, sent there.
    expect(await testAsTheFormDoes(org.id, { baseUrl: other.url, apiKey: "sk-typed-for-other" })).toMatchObject({
      ok: true,
    });
    expect(other.requests.at(-1)?.headers.authorization).toBe("Bearer sk-typed-for-other");
    expect(JSON.stringify(other.requests)).not.toContain(KEY);
  });

  it("trying unsaved settings on calls with another base URL is refused the same way", async () => {
    const org = await orgWithKey();
    const error = await refusal(
      draftSettings(database.db, org.id, form({ baseUrl: other.url, apiKey: "" })).then((draft) =>
        trySummaries(database.db, org.id, draft, []),
      ),
    );
    expect(error).toMatchObject({ message: AGAIN, fields: { apiKey: AGAIN } });
    expect(JSON.stringify(other.requests)).not.toContain(KEY);
  });

  it("refuses to save a changed base URL with an empty key field, and saves it with a new key or explicitly none", async () => {
    const org = await orgWithKey();
    const error = await refusal(
      saveSummarySettings(database.db, org.id, admin, form({ baseUrl: other.url, apiKey: "" })),
    );
    expect(error).toMatchObject({ name: "AppError", fields: { apiKey: expect.stringContaining(AGAIN) } });
    expect(await loadSummarySettings(database.db, org.id)).toMatchObject({ version: 1, baseUrl: saved.url });
    // Same URL written differently: the key stays.
    await saveSummarySettings(
      database.db,
      org.id,
      admin,
      form({ baseUrl: `${saved.url}/`, apiKey: "", baseInstructions: "Shorter." }),
    );
    expect(await loadSummaryConfig(database.db, org.id)).toMatchObject({ version: 2, apiKey: KEY });
    // "Remove the stored key" is the explicit way to move without one.
    await saveSummarySettings(
      database.db,
      org.id,
      admin,
      form({ baseVersion: "2", baseUrl: other.url, apiKey: "", removeApiKey: "on" }),
    );
    const config = await loadSummaryConfig(database.db, org.id);
    expect(config).toMatchObject({ version: 3, baseUrl: other.url, hasApiKey: false });
    expect(config.apiKey).toBeUndefined();
    await saveSummarySettings(
      database.db,
      org.id,
      admin,
      form({ baseVersion: "3", baseUrl: saved.url, apiKey: "sk-new-key-0000" }),
    );
    expect(await loadSummaryConfig(database.db, org.id)).toMatchObject({ version: 4, apiKey: "sk-new-key-0000" });
  });

  it("a restored version brings back its key with the base URL it was saved for", async () => {
    const org = await orgWithKey();
    await saveSummarySettings(database.db, org.id, admin, form({ baseUrl: other.url, apiKey: "", removeApiKey: "on" }));
    await restoreSummarySettings(database.db, org.id, admin, { version: 1, baseVersion: 2 });
    expect(await loadSummaryConfig(database.db, org.id)).toMatchObject({ version: 3, baseUrl: saved.url, apiKey: KEY });
  });

  it("a summary or AI reply opens the key only for the base URL it was sealed with, whatever row it sits in", async () => {
    const org = await orgWithKey();
    const [row] = await database.db
      .select()
      .from(summarySettingsVersions)
      .where(and(eq(summarySettingsVersions.orgId, org.id), eq(summarySettingsVersions.version, 1)));
    if (!row) throw new Error("no row");
    // The sealed key copied beside another URL, as a carried-over save used to do.
    await database.db
      .insert(summarySettingsVersions)
      .values({ ...row, version: 2, baseUrl: other.url, createdAt: new Date() });
    const config = await loadSummaryConfig(database.db, org.id);
    expect(config).toMatchObject({ version: 2, baseUrl: other.url });
    expect(config.apiKey).toBeUndefined();
  });
});
