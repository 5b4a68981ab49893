import { timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";

import { deriveKey, getEnv } from "@/lib/env";

/**
 * The header the custom server sets to the client's address (socket, or trusted proxies'
 * X-Forwarded-For), sealed with a key only this deployment knows: under `next start` nothing
 * strips a copy the client sent, so an unsealed value is never believed.
 */
export const CLIENT_IP_HEADER = "x-switchboard-client-ip";
/** The path and query of the request, set by the custom server for sign-in redirects. */
export const REQUEST_PATH_HEADER = "x-switchboard-path";

const UNKNOWN = "unknown";

type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

const read = (headers: HeaderSource, name: string): string | undefined => {
  if (typeof headers.get === "function") return headers.get(name) ?? undefined;
  const value: unknown = Reflect.get(headers, name);
  if (Array.isArray(value)) return value.join(", ");
  return typeof value === "string" ? value : undefined;
};

/** An IP address in one canonical spelling, without the port some proxies add, or undefined. */
export function normaliseAddress(raw: string | undefined): string | undefined {
  let value = raw?.trim() ?? "";
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1]) value = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = value.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "").toLowerCase();
  return isIP(value) ? value : undefined;
}

/**
 * The address the outermost of `hops` trusted proxies saw: each proxy appends the address it
 * was connected from, so that is the hops-th entry from the right. Entries further left were
 * written by the client and prove nothing. Undefined when the header is shorter than that (the
 * request did not pass every proxy) or the entry is not an address.
 */
export function forwardedClient(forwardedFor: string | undefined, hops: number): string | undefined {
  if (hops < 1 || !forwardedFor) return undefined;
  const entries = forwardedFor.split(",").map((entry) => entry.trim());
  if (entries.length < hops) return undefined;
  return normaliseAddress(entries[entries.length - hops]);
}

/** The client's address as the custom server sees it: its socket, or what the trusted proxies saw. */
export function resolveClientAddress(
  forwardedFor: string | string[] | undefined,
  socketAddress: string | undefined,
  hops: number,
): string {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(", ") : forwardedFor;
  return forwardedClient(header, hops) ?? normaliseAddress(socketAddress) ?? UNKNOWN;
}

// A constant per deployment rather than an HMAC of each address: the seal is set on every
// request, AI Flow's hot path included, where an HMAC (about 4 µs) would add
// a seventh to the ~30 µs a request costs there (DESIGN.md: 35,000 requests/s).
let sealKey: Buffer | undefined;
const seal = () => (sealKey ??= Buffer.from(deriveKey(getEnv().appSecret, "client-ip-header")));

/** The CLIENT_IP_HEADER value for an address: the address and the seal. */
export function sealClientAddress(address: string): string {
  return `${address} ${seal().toString()}`;
}

function unseal(value: string | undefined): string | undefined {
  const [address, tag] = value?.split(" ") ?? [];
  if (!address || !tag) return undefined;
  const given = Buffer.from(tag);
  return given.length === seal().length && timingSafeEqual(given, seal()) ? address : undefined;
}

/** The client's address for a request Next.js handles; "unknown" when it cannot be told. */
export function clientIp(headers: HeaderSource, hops = getEnv().trustProxyHops): string {
  const fromServer = unseal(read(headers, CLIENT_IP_HEADER));
  if (fromServer) return fromServer;
  // Without the custom server (next start, serverless) only trusted proxies' entries are usable:
  // Next.js sets X-Forwarded-For to the socket's address only when the client sent none.
  return forwardedClient(read(headers, "x-forwarded-for"), hops) ?? UNKNOWN;
}
