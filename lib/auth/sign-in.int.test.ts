import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DbHandle } from "@/lib/db/client";
import { makeUser, TEST_PASSWORD } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";

import { findSessionUser, revokeSession } from "./sessions";
import { signInWithPassword } from "./sign-in";
import { LOCK_MINUTES, MAX_FAILURES } from "./throttle";

let database: DbHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

describe("signInWithPassword", () => {
  it("signs in with the right password and opens a live session", async () => {
    const user = await makeUser(database.db);
    const outcome = await signInWithPassword(database.db, {
      email: user.email.toUpperCase(),
      password: TEST_PASSWORD,
      ip: "10.0.0.1",
    });
    expect(outcome.kind).toBe("signed-in");
    if (outcome.kind !== "signed-in") return;
    expect(outcome.user.id).toBe(user.id);
    expect(await findSessionUser(database.db, outcome.sessionId)).toMatchObject({ id: user.id, email: user.email });
  });

  it("refuses a wrong password and an unknown email alike", async () => {
    const user = await makeUser(database.db);
    const wrong = await signInWithPassword(database.db, {
      email: user.email,
      password: "not the password",
      ip: "10.0.0.2",
    });
    const unknown = await signInWithPassword(database.db, {
      email: "nobody@example.com",
      password: "whatever123",
      ip: "10.0.0.2",
    });
    expect(wrong).toEqual({ kind: "invalid", attemptsLeft: MAX_FAILURES - 1, limit: "pair" });
    expect(unknown).toEqual({ kind: "invalid", attemptsLeft: MAX_FAILURES - 1, limit: "pair" });
  });

  it("pauses one email from one IP after ten consecutive failures, for fifteen minutes", async () => {
    const user = await makeUser(database.db);
    const now = new Date("2026-11-21T10:00:00Z");
    const tries = [];
    for (let i = 0; i < MAX_FAILURES; i++) {
      tries.push(
        await signInWithPassword(
          database.db,
          { email: user.email, password: `wrong-${i}-password`, ip: "10.0.0.3" },
          now,
        ),
      );
    }
    expect(tries.slice(0, 9).every((t) => t.kind === "invalid")).toBe(true);
    expect(tries[9]).toEqual({
      kind: "throttled",
      until: new Date(now.getTime() + LOCK_MINUTES * 60_000),
      scope: "pair",
    });

    // Even the right password is refused while paused...
    const during = await signInWithPassword(
      database.db,
      { email: user.email, password: TEST_PASSWORD, ip: "10.0.0.3" },
      new Date(now.getTime() + 14 * 60_000),
    );
    expect(during.kind).toBe("throttled");
    // ...but another IP, once the account-wide backoff's first 30 s are over, is not affected.
    expect(
      (
        await signInWithPassword(
          database.db,
          { email: user.email, password: TEST_PASSWORD, ip: "10.0.0.4" },
          new Date(now.getTime() + 31_000),
        )
      ).kind,
    ).toBe("signed-in");
    // After the pause the right password works again.
    const after = await signInWithPassword(
      database.db,
      { email: user.email, password: TEST_PASSWORD, ip: "10.0.0.3" },
      new Date(now.getTime() + 16 * 60_000),
    );
    expect(after.kind).toBe("signed-in");
  });

  it("a success resets the count of consecutive failures", async () => {
    const user = await makeUser(database.db);
    for (let i = 0; i < MAX_FAILURES - 1; i++)
      await signInWithPassword(database.db, { email: user.email, password: "wrong password!", ip: "10.0.0.5" });
    expect(
      (await signInWithPassword(database.db, { email: user.email, password: TEST_PASSWORD, ip: "10.0.0.5" })).kind,
    ).toBe("signed-in");
    expect(
      await signInWithPassword(database.db, { email: user.email, password: "wrong password!", ip: "10.0.0.5" }),
    ).toEqual({
      kind: "invalid",
      attemptsLeft: MAX_FAILURES - 1,
      limit: "pair",
    });
  });

  it("counts concurrent failures without losing any", async () => {
    const user = await makeUser(database.db);
    await Promise.all(
      Array.from({ length: MAX_FAILURES }, () =>
        signInWithPassword(database.db, { email: user.email, password: "wrong password!", ip: "10.0.0.6" }),
      ),
    );
    expect(
      (await signInWithPassword(database.db, { email: user.email, password: TEST_PASSWORD, ip: "10.0.0.6" })).kind,
    ).toBe("throttled");
  });

  it("a revoked or expired session is no session", async () => {
    const user = await makeUser(database.db);
    const outcome = await signInWithPassword(database.db, {
      email: user.email,
      password: TEST_PASSWORD,
      ip: "10.0.0.7",
    });
    if (outcome.kind !== "signed-in") throw new Error("expected sign-in");
    expect(
      await findSessionUser(database.db, outcome.sessionId, new Date(Date.now() + 25 * 60 * 60 * 1000)),
    ).toBeUndefined();
    await revokeSession(database.db, outcome.sessionId);
    expect(await findSessionUser(database.db, outcome.sessionId)).toBeUndefined();
  });
});
