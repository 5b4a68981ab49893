import { getEnv } from "@/lib/env";

import { sendOutbound, type OutboundOptions, type OutboundResult } from "./send";

export type { OutboundAnswer, OutboundFailure, OutboundOptions, OutboundResult } from "./send";
export { OUTBOUND_MAX_BYTES, OUTBOUND_TIMEOUT_MS } from "./send";

export type OutboundRequestOptions = OutboundOptions & {
  /** Default: the operator's ALLOW_PRIVATE_NETWORK. Tests against servers on loopback pass true. */
  allowPrivate?: boolean;
};

/**
 * The one way Switchboard makes a request on a tenant's behalf (flow HTTP nodes, the summary
 * model, outbound webhooks, vendor pulls): see send.ts for the policy it applies.
 */
export function outboundRequest(url: string | URL, options: OutboundRequestOptions = {}): Promise<OutboundResult> {
  return sendOutbound(url, { ...options, allowPrivate: options.allowPrivate ?? getEnv().allowPrivateNetwork });
}
