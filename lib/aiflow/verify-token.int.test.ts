import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { cliActor } from "@/lib/audit/record";
import type { DbHandle } from "@/lib/db/client";
import type { Db } from "@/lib/db/types";
import { createIntegration } from "@/lib/integrations/create-integration";
import { rotateIntegrationSecret, setIntegrationEnabled } from "@/lib/integrations/manage";
import { countingDb } from "@/lib/test/counting-db";
import { makeOrg } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";

import { forgetAiFlowIntegrations, verifyAiFlowCredential, verifyAiFlowToken } from "./verify-token";

// Whether an AI Flow integration id exists must not show in how long a wrong token takes to be
// refused: an unknown id and a known id with a wrong token cost the same database lookups (one per
// cache lifetime) and the same hashing. Counted, not timed, so the test holds on a busy machine;
// a timed comparison with a wide margin backs it up.

const hashes = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/auth/tokens", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/tokens")>();
  return {
    ...original,
    hashSecret: (secret: string) => {
      hashes.count += 1;
      return original.hashSecret(secret);
    },
  };
});

let database: DbHandle;
let counted: Db;
let statements: () => number;
let integration: { id: string; secret: string };
let orgId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ db: counted, statements } = await countingDb(database.raw));
  const org = await makeOrg(database.db);
  orgId = org.id;
  integration = await createIntegration(database.db, org.id, cliActor, { provider: "aiflow", name: "Assistant" });
});

afterAll(async () => {
  await database.close();
});

/** Database statements and secret hashes one verification costs. */
async function cost(integrationId: string, token: string, now: number) {
  const before = { queries: statements(), hashes: hashes.count };
  const result = await verifyAiFlowToken(counted, integrationId, token, now);
  return { result, queries: statements() - before.queries, hashes: hashes.count - before.hashes };
}

describe("refusing a wrong token", () => {
  it("costs an unknown integration id the same lookups and hashing as a known one", async () => {
    forgetAiFlowIntegrations();
    const now = Date.now();
    const unknown = randomUUID();
    const wrong = "sbt_wrong-token-of-the-usual-length-0123456789abcdefghijk";
    // First sight: one lookup each; then both are remembered for the cache's lifetime.
    const first = [await cost(unknown, wrong, now), await cost(integration.id, wrong, now)];
    expect(first).toEqual([
      { result: undefined, queries: 1, hashes: 1 },
      { result: undefined, queries: 1, hashes: 1 },
    ]);
    for (let i = 0; i < 5; i++) {
      const again = [await cost(unknown, wrong, now + i), await cost(integration.id, wrong, now + i)];
      expect(again).toEqual([
        { result: undefined, queries: 0, hashes: 1 },
        { result: undefined, queries: 0, hashes: 1 },
      ]);
    }
    // After the lifetime, each is looked up again, once.
    expect([
      (await cost(unknown, wrong, now + 6000)).queries,
      (await cost(integration.id, wrong, now + 6000)).queries,
    ]).toEqual([1, 1]);
    // And the right token still opens the known one.
    expect((await cost(integration.id, integration.secret, now + 6000)).result?.id).toBe(integration.id);
  });

  it("takes as long for an unknown id as for a known id with a wrong token (medians, interleaved)", async () => {
    forgetAiFlowIntegrations();
    const unknown = randomUUID();
    const wrong = "sbt_wrong-token-of-the-usual-length-0123456789abcdefghijk";
    const time = async (id: string) => {
      const started = performance.now();
      await verifyAiFlowToken(counted, id, wrong);
      return performance.now() - started;
    };
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 3000; i++) {
      // Alternating which goes first, so that load on the machine falls on both alike.
      if (i % 2 === 0) {
        a.push(await time(unknown));
        b.push(await time(integration.id));
      } else {
        b.push(await time(integration.id));
        a.push(await time(unknown));
      }
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
    const [unknownMs, knownMs] = [median(a), median(b)];
    // A database lookup costs tens of microseconds or more; a hash a few. The margin is wide.
    expect(Math.abs(unknownMs - knownMs), `unknown ${unknownMs} ms, known ${knownMs} ms`).toBeLessThan(
      Math.max(0.025, Math.max(unknownMs, knownMs) / 2),
    );
  });
});

describe("what a token opens", () => {
  it("says whether the current or the previous secret matched, and which stored hash", async () => {
    const created = await createIntegration(database.db, orgId, cliActor, { provider: "aiflow", name: "Rotating" });
    const first = await verifyAiFlowCredential(database.db, created.id, created.secret);
    expect(first).toMatchObject({ integration: { id: created.id }, standing: "current" });
    const rotated = await rotateIntegrationSecret(database.db, orgId, created.id, cliActor);
    expect(await verifyAiFlowCredential(database.db, created.id, created.secret)).toMatchObject({
      standing: "previous",
      secretHash: first?.secretHash,
    });
    expect(await verifyAiFlowCredential(database.db, created.id, rotated.secret)).toMatchObject({
      standing: "current",
    });
    // The previous secret's grace ends: refused.
    expect(
      await verifyAiFlowCredential(database.db, created.id, created.secret, rotated.previousValidUntil.getTime() + 1),
    ).toBeUndefined();
    await setIntegrationEnabled(database.db, orgId, created.id, false, cliActor);
    expect(await verifyAiFlowCredential(database.db, created.id, rotated.secret)).toBeUndefined();
  });
});
