import { describe, expect, it } from "vitest";

import {
  accountPauseMs,
  addressKey,
  attemptsLeft,
  charge,
  isLocked,
  NETWORK_MAX_FAILURES,
  type Counter,
  type Scope,
} from "@/lib/auth/throttle-rules";

const now = new Date("2026-11-21T10:00:00Z");
const at = (ms: number) => new Date(now.getTime() + ms);
const minutes = (n: number) => n * 60_000;

function chargeTimes(scope: Scope, times: number, start?: Counter): Counter | undefined {
  let counter = start;
  for (let i = 0; i < times; i++) counter = charge(scope, counter, now);
  return counter;
}

describe("account-wide backoff", () => {
  it("is free for nine failures, then pauses 30 s, doubling up to 15 minutes", () => {
    expect([1, 9].map(accountPauseMs)).toEqual([0, 0]);
    expect([10, 11, 12, 13, 14, 15, 40].map((n) => accountPauseMs(n) / 1000)).toEqual([
      30, 60, 120, 240, 480, 900, 900,
    ]);
  });

  it("keeps counting after a pause has run out, so waiting does not buy fresh free tries", () => {
    const tenth = chargeTimes("account", 10);
    expect(tenth?.lockedUntil).toEqual(at(30_000));
    const eleventh = charge("account", tenth, at(31_000));
    expect(eleventh.failures).toBe(11);
    expect(eleventh.lockedUntil).toEqual(at(31_000 + 60_000));
  });

  it("starts afresh after an hour without failures", () => {
    const counter = chargeTimes("account", 12);
    expect(charge("account", counter, at(minutes(61))).failures).toBe(1);
    expect(charge("account", counter, at(minutes(59))).failures).toBe(13);
  });
});

describe("per email and address", () => {
  it("pauses for 15 minutes at the tenth failure in a row, and counts afresh after the pause", () => {
    const counter = chargeTimes("pair", 10);
    expect(counter?.lockedUntil).toEqual(at(minutes(15)));
    expect(isLocked(counter, at(minutes(14)))).toBe(true);
    expect(charge("pair", counter, at(minutes(16))).failures).toBe(1);
  });
});

describe("per address across emails", () => {
  it(`pauses the address for 15 minutes at ${NETWORK_MAX_FAILURES} failures within 15 minutes`, () => {
    const counter = chargeTimes("network", NETWORK_MAX_FAILURES);
    expect(counter?.lockedUntil).toEqual(at(minutes(15)));
    expect(attemptsLeft("network", chargeTimes("network", 48) ?? charge("network", undefined, now))).toBe(2);
  });

  it("counts in fixed 15-minute windows, so a slow trickle of typos never adds up", () => {
    const counter = chargeTimes("network", 40);
    const later = charge("network", counter, at(minutes(15) + 1));
    expect(later.failures).toBe(1);
    expect(later.updatedAt).toEqual(at(minutes(15) + 1));
    const inWindow = charge("network", counter, at(minutes(14)));
    expect(inWindow.failures).toBe(41);
    expect(inWindow.updatedAt).toEqual(now);
  });
});

describe("addressKey", () => {
  it("counts IPv4 addresses one by one and IPv6 addresses per /64", () => {
    expect(addressKey("203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:0DB8:0001:0002:ffff:1:2:3")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("unknown")).toBe("unknown");
  });
});
