import { getEnv } from "@/lib/env";

/**
 * The header the custom server sets from the socket's address (or, with TRUST_PROXY, from the
 * proxy's X-Forwarded-For). Incoming copies are stripped, so clients cannot choose their IP.
 */
export const CLIENT_IP_HEADER = "x-switchboard-client-ip";
/** The path and query of the request, set by the custom server for sign-in redirects. */
export const REQUEST_PATH_HEADER = "x-switchboard-path";

type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

const read = (headers: HeaderSource, name: string): string | undefined => {
  if (typeof headers.get === "function") return headers.get(name) ?? undefined;
  const value: unknown = Reflect.get(headers, name);
  return typeof value === "string" ? value : undefined;
};

export function clientIp(headers: HeaderSource): string {
  const fromServer = read(headers, CLIENT_IP_HEADER);
  if (fromServer) return fromServer;
  // Without the custom server (next start, serverless), only a trusted proxy's header is usable.
  if (getEnv().trustProxy) return read(headers, "x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
  return "unknown";
}
