import { outboundRequest, type OutboundFailure, type OutboundRequestOptions } from "./request";

/** What an outbound fetch throws instead of a bare TypeError: the policy's failure, with its tenant-safe message. */
export class OutboundError extends TypeError {
  constructor(readonly failure: OutboundFailure) {
    super(failure.message);
    this.name = "OutboundError";
  }
}

// A 204, 205 or 304 answer may not carry a body in a Response.
const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * A `fetch` for clients written against it (vendor pull APIs, SDKs that take a fetch): the same
 * policy as outboundRequest. The answer is read in full (within maxBytes and timeoutMs) before it
 * is returned; a refused address, a redirect, an oversized or late answer or a network error is
 * thrown as an OutboundError. Request bodies must be strings, bytes or URLSearchParams: a stream
 * would have to be read whole first anyway.
 */
export function createOutboundFetch(
  policy: Omit<OutboundRequestOptions, "method" | "headers" | "body" | "signal"> = {},
): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const hasBody = request.method !== "GET" && request.method !== "HEAD" && request.body !== null;
    const body = hasBody ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const result = await outboundRequest(request.url, {
      ...policy,
      method: request.method,
      headers: Object.fromEntries(request.headers),
      ...(body ? { body } : {}),
      signal: request.signal,
    });
    if (result.kind !== "answer") throw new OutboundError(result);
    return new Response(NULL_BODY.has(result.status) ? null : new Uint8Array(result.body), {
      status: result.status,
      statusText: result.statusText,
      headers: result.headers,
    });
  };
}
