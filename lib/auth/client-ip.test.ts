import { describe, expect, it } from "vitest";

import {
  CLIENT_IP_HEADER,
  clientIp,
  forwardedClient,
  normaliseAddress,
  resolveClientAddress,
  sealClientAddress,
} from "@/lib/auth/client-ip";

describe("resolveClientAddress (custom server)", () => {
  it("takes the socket's address when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("198.51.100.9", "::ffff:203.0.113.7", 0)).toBe("203.0.113.7");
    expect(resolveClientAddress(undefined, "2001:db8::1", 0)).toBe("2001:db8::1");
  });

  it("with one trusted proxy, takes the entry that proxy appended (the right-most), not the client's own", () => {
    // The client sent "X-Forwarded-For: 1.1.1.1"; the proxy appended the address it saw.
    expect(resolveClientAddress("1.1.1.1, 203.0.113.7", "10.0.0.2", 1)).toBe("203.0.113.7");
    expect(resolveClientAddress("203.0.113.7", "10.0.0.2", 1)).toBe("203.0.113.7");
  });

  it("with a hop count, takes the entry the outermost proxy appended", () => {
    // client-written, CDN saw 203.0.113.7, load balancer saw the CDN 192.0.2.10
    expect(resolveClientAddress("6.6.6.6, 203.0.113.7, 192.0.2.10", "10.0.0.2", 2)).toBe("203.0.113.7");
    expect(resolveClientAddress("6.6.6.6, 7.7.7.7, 203.0.113.7, 192.0.2.10", "10.0.0.2", 2)).toBe("203.0.113.7");
  });

  it("falls back to the socket when the header has fewer entries than trusted proxies, or none", () => {
    expect(resolveClientAddress("203.0.113.7", "10.0.0.2", 2)).toBe("10.0.0.2");
    expect(resolveClientAddress(undefined, "10.0.0.2", 1)).toBe("10.0.0.2");
    expect(resolveClientAddress("", "10.0.0.2", 1)).toBe("10.0.0.2");
  });

  it("falls back to the socket when the trusted entry is not an address", () => {
    expect(resolveClientAddress("1.1.1.1, not-an-ip", "10.0.0.2", 1)).toBe("10.0.0.2");
    expect(resolveClientAddress("1.1.1.1, ", "10.0.0.2", 1)).toBe("10.0.0.2");
  });

  it("says unknown rather than inventing an address", () => {
    expect(resolveClientAddress(undefined, undefined, 0)).toBe("unknown");
  });
});

describe("normaliseAddress", () => {
  it("drops ports and brackets some proxies add, and the IPv4-mapped prefix", () => {
    expect(normaliseAddress("203.0.113.7:51234")).toBe("203.0.113.7");
    expect(normaliseAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normaliseAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(normaliseAddress("unknown")).toBeUndefined();
    expect(normaliseAddress("203.0.113.7 x")).toBeUndefined();
  });
});

describe("forwardedClient", () => {
  it("trusts nothing without TRUST_PROXY", () => {
    expect(forwardedClient("203.0.113.7", 0)).toBeUndefined();
  });
});

describe("clientIp (inside Next.js)", () => {
  it("believes the custom server's sealed header", () => {
    expect(clientIp({ [CLIENT_IP_HEADER]: sealClientAddress("203.0.113.7") }, 0)).toBe("203.0.113.7");
    expect(clientIp(new Headers({ [CLIENT_IP_HEADER]: sealClientAddress("203.0.113.7") }), 0)).toBe("203.0.113.7");
  });

  it("ignores a copy of the header the client wrote itself (next start strips nothing)", () => {
    expect(clientIp({ [CLIENT_IP_HEADER]: "198.51.100.1" }, 0)).toBe("unknown");
    expect(clientIp({ [CLIENT_IP_HEADER]: "198.51.100.1 forged-seal" }, 0)).toBe("unknown");
  });

  it("under next start with TRUST_PROXY, takes the trusted proxy's entry, never the client's", () => {
    expect(clientIp({ "x-forwarded-for": "1.1.1.1, 203.0.113.7" }, 1)).toBe("203.0.113.7");
    expect(clientIp({ "x-forwarded-for": "1.1.1.1, 203.0.113.7, 192.0.2.10" }, 2)).toBe("203.0.113.7");
    expect(clientIp({ "x-forwarded-for": "1.1.1.1" }, 0)).toBe("unknown");
  });
});
