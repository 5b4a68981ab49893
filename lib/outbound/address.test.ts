import { describe, expect, it } from "vitest";

import { isPublicAddress } from "./address";

describe("isPublicAddress", () => {
  it("refuses loopback, private, link-local, carrier-grade NAT, multicast, reserved and metadata IPv4 addresses", () => {
    for (const address of [
      "0.0.0.0",
      "0.1.2.3",
      "127.0.0.1",
      "127.255.255.254",
      "10.0.0.1",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254", // AWS, GCP, Azure metadata
      "169.254.0.1",
      "100.64.0.1",
      "100.100.100.200", // Alibaba metadata (CGNAT range)
      "192.0.0.8",
      "192.0.2.1",
      "198.18.0.1",
      "198.51.100.7",
      "203.0.113.9",
      "224.0.0.1",
      "239.255.255.250",
      "240.0.0.1",
      "255.255.255.255",
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });

  it("refuses the same addresses in IPv6: loopback, unique-local, link-local, multicast, IPv4-mapped, -compatible, -translated, NAT64 and 6to4 forms", () => {
    for (const address of [
      "::",
      "::1",
      "0:0:0:0:0:0:0:1",
      "fc00::1",
      "fd00:ec2::254", // AWS metadata over IPv6
      "fe80::1",
      "fe80::1%eth0",
      "ff02::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1", // what the URL parser makes of [::ffff:127.0.0.1]
      "::ffff:169.254.169.254",
      "::ffff:a9fe:a9fe",
      "::127.0.0.1", // IPv4-compatible (deprecated)
      "::7f00:1",
      "::8.8.8.8",
      "::ffff:0:7f00:1", // IPv4-translated
      "64:ff9b::127.0.0.1", // NAT64 of loopback
      "64:ff9b::a00:1", // NAT64 of 10.0.0.1
      "64:ff9b:1::1", // local-use NAT64
      "2002:7f00:1::1", // 6to4 of 127.0.0.1
      "2002:c0a8:101::1", // 6to4 of 192.168.1.1
      "2001:db8::1", // documentation
      "2001::1", // Teredo
      "100::1", // discard-only
      "fec0::1", // site-local (deprecated)
      "[::1]",
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });

  it("accepts public unicast addresses, also as NAT64, 6to4 or IPv4-mapped forms of a public one", () => {
    for (const address of [
      "8.8.8.8",
      "1.1.1.1",
      "104.18.6.192",
      "172.32.0.1",
      "100.128.0.1",
      "2606:4700:4700::1111",
      "2a00:1450:4001:82b::200e",
      "::ffff:8.8.8.8",
      "64:ff9b::8.8.8.8",
      "2002:808:808::1",
      "[2606:4700:4700::1111]",
    ]) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });

  it("refuses anything that is not an IP address", () => {
    for (const value of ["", "localhost", "example.com", "127.0.0.1.nip.io", "1.2.3", "::g", "999.1.1.1"]) {
      expect(isPublicAddress(value), value).toBe(false);
    }
  });
});
