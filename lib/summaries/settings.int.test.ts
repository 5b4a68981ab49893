import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DbHandle } from "@/lib/db/client";
import { auditEntries, summarySettingsVersions } from "@/lib/db/schema";
import { makeOrg } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";

import {
  listSummarySettingsVersions,
  loadSummaryConfig,
  loadSummarySettings,
  restoreSummarySettings,
  saveSummarySettings,
} from "./settings";
import { summarySettingsInput } from "./settings-input";

let database: DbHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

const alice = { label: "alice@example.com" };
const bob = { label: "bob@example.com" };
const input = (fields: Record<string, string>) =>
  summarySettingsInput.parse({ provider: "builtin", baseInstructions: "", ...fields });

describe("summary settings", () => {
  it("starts from the defaults and saves each change as a new version", async () => {
    const org = await makeOrg(database.db);
    expect(await loadSummarySettings(database.db, org.id)).toMatchObject({
      version: 0,
      provider: "builtin",
      includeInternal: false,
      language: null,
    });
    const first = await saveSummarySettings(
      database.db,
      org.id,
      alice,
      input({ baseVersion: "0", baseInstructions: "Focus on action items." }),
    );
    expect(first).toMatchObject({ saved: { version: 1, authorLabel: alice.label } });
    const second = await saveSummarySettings(
      database.db,
      org.id,
      bob,
      input({ baseVersion: "1", baseInstructions: "Focus on pricing.", includeInternal: "on", language: "de" }),
    );
    expect(second).toMatchObject({ saved: { version: 2, includeInternal: true, language: "de" } });
    expect(
      (await listSummarySettingsVersions(database.db, org.id)).map((v) => [v.version, v.baseInstructions]),
    ).toEqual([
      [2, "Focus on pricing."],
      [1, "Focus on action items."],
    ]);
  });

  it("refuses a save based on an older version and names who changed it", async () => {
    const org = await makeOrg(database.db);
    await saveSummarySettings(
      database.db,
      org.id,
      alice,
      input({ baseVersion: "0", baseInstructions: "Alice's text" }),
    );
    // Bob opened the page before Alice saved (version 0) and saves now.
    const stale = await saveSummarySettings(
      database.db,
      org.id,
      bob,
      input({ baseVersion: "0", baseInstructions: "Bob's text" }),
    );
    expect(stale).toEqual({
      conflict: expect.objectContaining({ version: 1, authorLabel: alice.label, baseInstructions: "Alice's text" }),
    });
    expect((await loadSummarySettings(database.db, org.id)).baseInstructions).toBe("Alice's text");
  });

  it("lets only one of two admins saving at once win; the other sees the winner's version", async () => {
    const org = await makeOrg(database.db);
    const results = await Promise.all([
      saveSummarySettings(database.db, org.id, alice, input({ baseVersion: "0", baseInstructions: "From Alice" })),
      saveSummarySettings(database.db, org.id, bob, input({ baseVersion: "0", baseInstructions: "From Bob" })),
    ]);
    const saved = results.flatMap((r) => ("saved" in r ? [r.saved] : []));
    const refused = results.flatMap((r) => ("conflict" in r ? [r.conflict] : []));
    expect(saved).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.baseInstructions).toBe(saved[0]?.baseInstructions);
    expect(await listSummarySettingsVersions(database.db, org.id)).toHaveLength(1);
  });

  it("stores the API key encrypted, shows only its end, keeps it on later saves and removes it when asked", async () => {
    const org = await makeOrg(database.db);
    const openai = { provider: "openai", baseUrl: "https://api.example.com/v1/", model: "gpt-4o-mini" };
    await saveSummarySettings(
      database.db,
      org.id,
      alice,
      input({ ...openai, baseVersion: "0", apiKey: "sk-secret-key-1234" }),
    );
    const [row] = await database.db
      .select()
      .from(summarySettingsVersions)
      .where(eq(summarySettingsVersions.orgId, org.id));
    expect(row?.encryptedApiKey).toBeTruthy();
    expect(row?.encryptedApiKey).not.toContain("sk-secret");
    const shown = await loadSummarySettings(database.db, org.id);
    expect(shown).toMatchObject({ hasApiKey: true, apiKeyHint: "1234", baseUrl: "https://api.example.com/v1" });
    expect(JSON.stringify(shown)).not.toContain("sk-secret");
    expect((await loadSummaryConfig(database.db, org.id)).apiKey).toBe("sk-secret-key-1234");

    await saveSummarySettings(
      database.db,
      org.id,
      bob,
      input({ ...openai, baseVersion: "1", baseInstructions: "Shorter." }),
    );
    expect((await loadSummaryConfig(database.db, org.id)).apiKey).toBe("sk-secret-key-1234");
    await saveSummarySettings(database.db, org.id, bob, input({ ...openai, baseVersion: "2", removeApiKey: "on" }));
    expect(await loadSummarySettings(database.db, org.id)).toMatchObject({ version: 3, hasApiKey: false });

    const audit = await database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.orgId, org.id), eq(auditEntries.action, "summary_settings.saved")));
    expect(audit).toHaveLength(3);
    expect(JSON.stringify(audit)).not.toContain("sk-secret");
    expect(audit.map((a) => (a.after as { apiKey?: string }).apiKey).sort()).toEqual(["kept", "removed", "replaced"]);
  });

  it("restores an older version as the newest, and refuses a restore from a stale page", async () => {
    const org = await makeOrg(database.db);
    await saveSummarySettings(database.db, org.id, alice, input({ baseVersion: "0", baseInstructions: "One" }));
    await saveSummarySettings(database.db, org.id, alice, input({ baseVersion: "1", baseInstructions: "Two" }));
    const restored = await restoreSummarySettings(database.db, org.id, bob, { version: 1, baseVersion: 2 });
    expect(restored).toMatchObject({
      saved: { version: 3, baseInstructions: "One", restoredFrom: 1, authorLabel: bob.label },
    });
    expect(await restoreSummarySettings(database.db, org.id, alice, { version: 2, baseVersion: 2 })).toMatchObject({
      conflict: { version: 3 },
    });
  });

  it("names the fields an OpenAI-compatible model needs", () => {
    const parsed = summarySettingsInput.safeParse({
      baseVersion: "0",
      baseInstructions: "",
      provider: "openai",
      baseUrl: "ftp://x",
      model: "",
    });
    expect(parsed.success).toBe(false);
    const paths = parsed.error?.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["baseUrl", "model"]));
    expect(
      summarySettingsInput.safeParse({ baseVersion: "0", baseInstructions: "", provider: "builtin", language: "xx" })
        .success,
    ).toBe(false);
  });
});
