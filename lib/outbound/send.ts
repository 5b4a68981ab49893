import http from "node:http";
import https from "node:https";

import { isIpAddress, isPublicAddress } from "./address";
import { BlockedAddressError, guardedLookup, type Resolver } from "./lookup";

// One HTTP exchange on a tenant's behalf, under the one outbound policy (DESIGN.md, boundaries):
// http and https only, no credentials in the URL, the connected address checked (unless the
// operator allows private networks), no redirects followed, the answer bounded in size and the
// whole exchange (headers and body) in time. Every way it can fail is a value, not an exception,
// with a message written for the tenant that never quotes what the server sent. Only node:
// modules are imported: the code export (lib/flows/export-code.ts) copies this file as it is.

/** An answer with a status that is not a redirect, read in full within the limits. */
export type OutboundAnswer = {
  kind: "answer";
  status: number;
  /** The standard text of the status, never the server's own reason phrase. */
  statusText: string;
  headers: Headers;
  /**
   * The body, also of a 4xx or 5xx: the caller may parse what it understands (a JSON error of a
   * known shape), but must not show it to the tenant as it is.
   */
  body: Buffer;
};

export type OutboundFailure =
  | { kind: "refused"; reason: "url" | "scheme" | "credentials" | "address"; message: string }
  | { kind: "redirect"; status: number; message: string }
  | { kind: "too-large"; maxBytes: number; message: string }
  | { kind: "timeout"; timeoutMs: number; message: string }
  /** No answer: refused connection, unknown host, TLS error, reset. `code` is Node's, e.g. ECONNREFUSED. */
  | { kind: "network"; code: string; message: string };

export type OutboundResult = OutboundAnswer | OutboundFailure;

export type OutboundOptions = {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** The whole exchange, from connecting to the body's last byte. Default 15 s. */
  timeoutMs?: number;
  /** A longer answer is cut off and fails. Default 1 MB. */
  maxBytes?: number;
  /** The caller's cancellation: the request stops and its reason is thrown (cancelling is not failing). */
  signal?: AbortSignal;
  /** DNS for tests; the policy applies to what it returns. */
  resolve?: Resolver;
};

export const OUTBOUND_TIMEOUT_MS = 15_000;
export const OUTBOUND_MAX_BYTES = 1024 * 1024;

// Kept-alive connections save the TLS handshake on every AI reply. Each policy has its own pool,
// so a connection opened under one is never reused under the other.
const outboundAgents = {
  publicOnly: { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) },
  withPrivate: { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) },
};

const outboundSize = (bytes: number) =>
  bytes % (1024 * 1024) === 0
    ? `${bytes / (1024 * 1024)} MB`
    : bytes % 1024 === 0
      ? `${bytes / 1024} KB`
      : `${bytes} bytes`;

const outboundSeconds = (ms: number) => String(Math.round(ms / 100) / 10);

const privateAddressMessage = (hostname: string, verb: "is" | "resolves to") =>
  `${hostname} ${verb} a private, loopback or reserved address; Switchboard calls those only when its operator allows private networks (ALLOW_PRIVATE_NETWORK).`;

/** The URL to call, or why it may not be called. */
function checkedUrl(target: string | URL, allowPrivate: boolean): URL | OutboundFailure {
  let url: URL;
  try {
    url = new URL(String(target));
  } catch {
    return { kind: "refused", reason: "url", message: "The URL is not valid." };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return { kind: "refused", reason: "scheme", message: "Only http and https URLs can be called." };
  if (url.username || url.password) {
    return {
      kind: "refused",
      reason: "credentials",
      message: "The URL contains a user name or password; send credentials in a header instead.",
    };
  }
  // The URL parser has already turned 2130706433, 0x7f.1 and 127.1 into 127.0.0.1. node:net
  // connects to an IP address without asking the lookup, so it is checked here.
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (!allowPrivate && isIpAddress(hostname) && !isPublicAddress(hostname)) {
    return { kind: "refused", reason: "address", message: privateAddressMessage(hostname, "is") };
  }
  return url;
}

function errorCode(error: unknown): string {
  const first = error instanceof AggregateError ? error.errors[0] : undefined;
  for (const candidate of [error, first, error instanceof Error ? error.cause : undefined]) {
    if (
      typeof candidate === "object" &&
      candidate !== null &&
      "code" in candidate &&
      typeof candidate.code === "string"
    )
      return candidate.code;
  }
  return "connection failed";
}

function headersOf(raw: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      try {
        headers.append(name, one);
      } catch {
        // A value the Fetch standard refuses is left out rather than failing the whole answer.
      }
    }
  }
  return headers;
}

/** Sends one request under the outbound policy; `allowPrivate` is the operator's ALLOW_PRIVATE_NETWORK. */
export async function sendOutbound(
  target: string | URL,
  options: OutboundOptions & { allowPrivate: boolean },
): Promise<OutboundResult> {
  const url = checkedUrl(target, options.allowPrivate);
  if (!(url instanceof URL)) return url;
  const { signal } = options;
  signal?.throwIfAborted();
  const timeoutMs = options.timeoutMs ?? OUTBOUND_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? OUTBOUND_MAX_BYTES;
  const host = url.host;
  const isHttps = url.protocol === "https:";
  const pool = options.allowPrivate ? outboundAgents.withPrivate : outboundAgents.publicOnly;
  // A test's own resolver gets connections of its own, never pooled ones made with real DNS.
  const agent = options.resolve ? false : isHttps ? pool.https : pool.http;
  const headers: Record<string, string> = { "user-agent": "Switchboard" };
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;

  return new Promise<OutboundResult>((resolve, reject) => {
    let isSettled = false;
    const finish = (outcome: { result: OutboundResult } | { abort: unknown }) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      if ("abort" in outcome) reject(outcome.abort);
      else resolve(outcome.result);
    };
    // A failure also ends the connection: nothing more of that answer is read.
    const fail = (failure: OutboundFailure) => {
      finish({ result: failure });
      request.destroy();
    };
    const onAbort = () => {
      finish({ abort: signal?.reason });
      request.destroy();
    };

    const request = (isHttps ? https : http).request(
      url,
      { method: options.method ?? "GET", headers, agent, lookup: guardedLookup(options.allowPrivate, options.resolve) },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          return fail({
            kind: "redirect",
            status,
            message: `${host} answered ${status}, a redirect; redirects are not followed: enter the URL it leads to.`,
          });
        }
        const tooLarge: OutboundFailure = {
          kind: "too-large",
          maxBytes,
          message: `The answer from ${host} is larger than ${outboundSize(maxBytes)}.`,
        };
        if (Number(response.headers["content-length"]) > maxBytes) return fail(tooLarge);
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) return fail(tooLarge);
          chunks.push(chunk);
        });
        response.on("end", () => {
          const body = Buffer.concat(chunks);
          finish({
            result: {
              kind: "answer",
              status,
              statusText: http.STATUS_CODES[status] ?? "",
              headers: headersOf(response.headers),
              body,
            },
          });
        });
        response.on("error", (error) =>
          fail({
            kind: "network",
            code: errorCode(error),
            message: `Could not connect to ${host}: ${errorCode(error)}`,
          }),
        );
        response.on("close", () => {
          if (!response.complete)
            fail({ kind: "network", code: "ECONNRESET", message: `Could not connect to ${host}: ECONNRESET` });
        });
      },
    );
    const timer = setTimeout(
      () =>
        fail({ kind: "timeout", timeoutMs, message: `No answer from ${host} within ${outboundSeconds(timeoutMs)} s.` }),
      timeoutMs,
    );
    signal?.addEventListener("abort", onAbort, { once: true });
    request.on("error", (error) => {
      if (error instanceof BlockedAddressError)
        return fail({
          kind: "refused",
          reason: "address",
          message: privateAddressMessage(error.hostname, "resolves to"),
        });
      const code = errorCode(error);
      fail({ kind: "network", code, message: `Could not connect to ${host}: ${code}` });
    });
    request.end(options.body);
  });
}
