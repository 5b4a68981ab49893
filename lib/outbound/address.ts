import { BlockList, isIP } from "node:net";

// Which addresses Switchboard may connect to on a tenant's behalf: public unicast only. Anything
// that reaches this host, its network, a cloud's metadata service or nobody in particular
// (loopback, private, link-local, carrier-grade NAT, multicast, documentation and reserved
// ranges) is refused, in IPv4 and in every IPv6 form that carries an IPv4 address, because the
// kernel or a NAT64 gateway turns those back into the IPv4 address they embed.

const reservedIpv4 = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network": 0.0.0.0 connects to the local host on Linux
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT; also Alibaba's metadata at 100.100.100.200
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local; AWS, GCP and Azure metadata at 169.254.169.254
  ["172.16.0.0", 12],
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, and the broadcast address
] as const) {
  reservedIpv4.addSubnet(network, prefix, "ipv4");
}

// Inside 2000::/3, the only IPv6 block with public unicast addresses, these are not.
const reservedIpv6 = new BlockList();
for (const [network, prefix] of [
  ["2001::", 23], // IETF protocol assignments: Teredo (which embeds an IPv4 address), benchmarking, ORCHID
  ["2001:db8::", 32], // documentation
  ["3fff::", 20], // documentation
] as const) {
  reservedIpv6.addSubnet(network, prefix, "ipv6");
}

/** The eight 16-bit groups of an IPv6 address (with or without an IPv4 tail), or undefined. */
function ipv6Groups(address: string): number[] | undefined {
  let text = address;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (tail) {
    const bytes = tail.split(".").map(Number);
    const [a = 0, b = 0, c = 0, d = 0] = bytes;
    text = `${text.slice(0, -tail.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", rest, extra] = text.split("::");
  if (extra !== undefined) return undefined;
  const left = head ? head.split(":") : [];
  const right = rest ? rest.split(":") : [];
  const missing = 8 - left.length - right.length;
  if (rest === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...Array<string>(rest === undefined ? 0 : missing).fill("0"), ...right].map((g) =>
    Number.parseInt(g, 16),
  );
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}

const ipv4Of = (high: number, low: number) => `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;

/**
 * The IPv4 address an IPv6 address stands for, where it does: IPv4-mapped (::ffff:0:0/96),
 * IPv4-translated (::ffff:0:0:0/96), NAT64 (64:ff9b::/96) and 6to4 (2002::/16). `null` for the
 * IPv4-compatible block (::/96, with :: and ::1), which is never a public address.
 */
function embeddedIpv4(g: readonly number[]): string | null | undefined {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const isZero = (...groups: number[]) => groups.every((x) => x === 0);
  if (isZero(g0, g1, g2, g3, g4) && g5 === 0xffff) return ipv4Of(g6, g7);
  if (isZero(g0, g1, g2, g3) && g4 === 0xffff && g5 === 0) return ipv4Of(g6, g7);
  if (isZero(g0, g1, g2, g3, g4, g5)) return null;
  if (g0 === 0x64 && g1 === 0xff9b && isZero(g2, g3, g4, g5)) return ipv4Of(g6, g7);
  if (g0 === 0x2002) return ipv4Of(g1, g2);
  return undefined;
}

const withoutBrackets = (address: string) => address.replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, "");

/** An IPv4 or IPv6 address (IPv6 with or without its URL brackets), not a host name. */
export function isIpAddress(value: string): boolean {
  return isIP(withoutBrackets(value)) !== 0;
}

/** True only for a public unicast IP address; a host name, or anything else, is false. */
export function isPublicAddress(address: string): boolean {
  const bare = withoutBrackets(address);
  const family = isIP(bare);
  if (family === 4) return !reservedIpv4.check(bare, "ipv4");
  if (family !== 6) return false;
  const groups = ipv6Groups(bare);
  if (!groups) return false;
  const ipv4 = embeddedIpv4(groups);
  if (ipv4 !== undefined) return ipv4 !== null && !reservedIpv4.check(ipv4, "ipv4");
  const [first = 0] = groups;
  if ((first & 0xe000) !== 0x2000) return false;
  return !reservedIpv6.check(bare, "ipv6");
}
