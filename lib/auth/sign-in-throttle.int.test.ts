import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DbHandle } from "@/lib/db/client";
import { makeUser, TEST_PASSWORD } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";

import { signInWithPassword, type SignInOutcome } from "./sign-in";
import { ACCOUNT_FREE_FAILURES, NETWORK_MAX_FAILURES } from "./throttle-rules";

let database: DbHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

const start = new Date("2026-11-21T10:00:00Z");
const at = (ms: number) => new Date(start.getTime() + ms);
let subnet = 0;
/** A fresh block of addresses for each test, so address-wide counts never leak between tests. */
const addresses = (count: number) => {
  subnet += 1;
  return Array.from({ length: count }, (_, i) => `10.${subnet}.${Math.floor(i / 250)}.${(i % 250) + 1}`);
};
const attempt = (email: string, password: string, ip: string, now = start) =>
  signInWithPassword(database.db, { email, password, ip }, now);
const kinds = (outcomes: SignInOutcome[]) => outcomes.map((o) => o.kind);

describe("account-wide backoff", () => {
  it("gives 20 addresses × 10 tries no more guesses than one address: ten, then a pause everywhere", async () => {
    const user = await makeUser(database.db);
    const outcomes: SignInOutcome[] = [];
    let now = start.getTime();
    const ips = addresses(20);
    for (let i = 0; i < 10; i++) {
      for (const ip of ips) {
        now += 45; // 200 tries in 9 s, as in the report
        outcomes.push(await attempt(user.email, `wrong guess ${ip} ${i}`, ip, new Date(now)));
      }
    }
    expect(kinds(outcomes).filter((k) => k === "invalid")).toHaveLength(ACCOUNT_FREE_FAILURES - 1);
    // The tenth failure starts the pause; the other 190 tries are refused without a guess.
    expect(outcomes[ACCOUNT_FREE_FAILURES - 1]).toMatchObject({ kind: "throttled", scope: "account" });
    expect(outcomes.slice(ACCOUNT_FREE_FAILURES).every((o) => o.kind === "throttled")).toBe(true);
    // The right password from yet another address is refused during the pause, too.
    expect(await attempt(user.email, TEST_PASSWORD, addresses(1)[0] ?? "", at(9_000))).toMatchObject({
      kind: "throttled",
      scope: "account",
    });
  });

  it("doubles the pause with each further failure, up to 15 minutes", async () => {
    const user = await makeUser(database.db);
    const ips = addresses(30);
    let now = start.getTime();
    const pauses: number[] = [];
    for (const ip of ips.slice(0, 16)) {
      const outcome = await attempt(user.email, "wrong password!", ip, new Date(now));
      expect(outcome.kind).not.toBe("signed-in");
      if (outcome.kind === "throttled") {
        expect(outcome.scope).toBe("account");
        pauses.push((outcome.until.getTime() - now) / 1000);
        now = outcome.until.getTime(); // the attacker waits exactly as long as told
      } else {
        now += 1000;
      }
    }
    expect(pauses).toEqual([30, 60, 120, 240, 480, 900, 900]);
  });

  it("counts an unknown email exactly like an existing one, so the outcomes reveal nothing", async () => {
    const user = await makeUser(database.db);
    const run = async (email: string) => {
      const outcomes: SignInOutcome[] = [];
      for (const [i, ip] of addresses(12).entries()) outcomes.push(await attempt(email, "wrong password!", ip, at(i)));
      return outcomes.map((o) =>
        o.kind === "throttled" ? `${o.kind}:${o.scope}:${o.until.getTime() - start.getTime()}` : JSON.stringify(o),
      );
    };
    expect(await run("nobody-here@example.com")).toEqual(await run(user.email));
  });

  it("a success clears it", async () => {
    const user = await makeUser(database.db);
    const ips = addresses(ACCOUNT_FREE_FAILURES + 1);
    for (const ip of ips.slice(0, ACCOUNT_FREE_FAILURES - 1)) await attempt(user.email, "wrong password!", ip);
    expect((await attempt(user.email, TEST_PASSWORD, ips[ACCOUNT_FREE_FAILURES - 1] ?? "")).kind).toBe("signed-in");
    // The count starts again from zero: nine more failures from fresh addresses are free, the tenth pauses.
    const again = [];
    for (const ip of addresses(ACCOUNT_FREE_FAILURES)) again.push(await attempt(user.email, "wrong password!", ip));
    expect(kinds(again.slice(0, -1)).every((k) => k === "invalid")).toBe(true);
    expect(again.at(-1)).toMatchObject({ kind: "throttled", scope: "account" });
  });

  it("cannot keep the owner out of an address they signed in from: there only the per-address limit applies", async () => {
    const user = await makeUser(database.db);
    const [home = "", ...attackers] = addresses(40);
    expect((await attempt(user.email, TEST_PASSWORD, home, at(-86_400_000))).kind).toBe("signed-in");
    // An attacker keeps the account paused with a wrong guess from a new address whenever a pause ends.
    let now = start.getTime();
    for (const ip of attackers) {
      const outcome = await attempt(user.email, "wrong password!", ip, new Date(now));
      now = outcome.kind === "throttled" ? outcome.until.getTime() : now + 1000;
    }
    const during = new Date(now - 1000);
    expect((await attempt(user.email, TEST_PASSWORD, addresses(1)[0] ?? "", during)).kind).toBe("throttled");
    expect((await attempt(user.email, TEST_PASSWORD, home, during)).kind).toBe("signed-in");
  });
});

describe("address-wide limit", () => {
  it(`pauses an address after ${NETWORK_MAX_FAILURES} failures across emails within 15 minutes, for every email`, async () => {
    const [sprayer = "", other = ""] = addresses(2);
    const victim = await makeUser(database.db);
    const outcomes: SignInOutcome[] = [];
    for (let i = 0; i < NETWORK_MAX_FAILURES + 5; i++) {
      outcomes.push(await attempt(`sprayed-${subnet}-${i}@example.com`, "Summer2026!", sprayer, at(i * 1000)));
    }
    expect(kinds(outcomes.slice(0, NETWORK_MAX_FAILURES - 1)).every((k) => k === "invalid")).toBe(true);
    expect(outcomes[NETWORK_MAX_FAILURES - 3]).toMatchObject({ kind: "invalid", attemptsLeft: 2, limit: "network" });
    expect(outcomes.slice(NETWORK_MAX_FAILURES - 1).every((o) => o.kind === "throttled" && o.scope === "network")).toBe(
      true,
    );

    // Even a right password is refused from that address for 15 minutes; other addresses are not affected.
    expect(await attempt(victim.email, TEST_PASSWORD, sprayer, at(60_000))).toMatchObject({
      kind: "throttled",
      scope: "network",
    });
    expect((await attempt(victim.email, TEST_PASSWORD, other, at(60_000))).kind).toBe("signed-in");
    expect((await attempt(victim.email, TEST_PASSWORD, sprayer, at(65 * 60_000))).kind).toBe("signed-in");
  });

  it("counts an IPv6 /64 as one address", async () => {
    subnet += 1;
    const outcomes: SignInOutcome[] = [];
    for (let i = 0; i < NETWORK_MAX_FAILURES + 1; i++) {
      outcomes.push(
        await attempt(
          `v6-${subnet}-${i}@example.com`,
          "Summer2026!",
          `2001:db8:${subnet}:1::${(i + 1).toString(16)}`,
          at(i),
        ),
      );
    }
    expect(outcomes.at(-1)).toMatchObject({ kind: "throttled", scope: "network" });
  });
});

describe("concurrent tries", () => {
  it("let no more than ten guesses at one account through, however many arrive at once", async () => {
    const user = await makeUser(database.db);
    const outcomes = await Promise.all(addresses(60).map((ip) => attempt(user.email, "wrong password!", ip)));
    expect(kinds(outcomes).filter((k) => k === "invalid")).toHaveLength(ACCOUNT_FREE_FAILURES - 1);
    expect(kinds(outcomes).filter((k) => k === "throttled")).toHaveLength(60 - (ACCOUNT_FREE_FAILURES - 1));
  });

  it("let no more than ten guesses through from one address at one email", async () => {
    const user = await makeUser(database.db);
    const [ip = ""] = addresses(1);
    const outcomes = await Promise.all(Array.from({ length: 30 }, () => attempt(user.email, "wrong password!", ip)));
    expect(kinds(outcomes).filter((k) => k === "invalid")).toHaveLength(9);
    expect((await attempt(user.email, TEST_PASSWORD, ip)).kind).toBe("throttled");
  });

  it("count concurrent failures across emails from one address without losing any", async () => {
    const [ip = ""] = addresses(1);
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, (_, i) => attempt(`concurrent-${subnet}-${i}@example.com`, "Summer2026!", ip)),
    );
    expect(kinds(outcomes).filter((k) => k === "invalid")).toHaveLength(NETWORK_MAX_FAILURES - 1);
    expect(outcomes.filter((o) => o.kind === "throttled" && o.scope === "network")).toHaveLength(
      60 - (NETWORK_MAX_FAILURES - 1),
    );
  });
});
