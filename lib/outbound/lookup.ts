import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from "node:dns";
import type { LookupFunction } from "node:net";

import { isPublicAddress } from "./address";

// The address check happens where the connection is made: node:net asks this lookup for the
// addresses of the host name and connects only to what it returns. Checking a name before the
// request instead would let DNS answer differently a moment later (DNS rebinding).

/** Resolves a host name to all its addresses, as dns.lookup with `all: true` does (injectable for tests). */
export type Resolver = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/** A host name whose addresses are all private, loopback or reserved. */
export class BlockedAddressError extends Error {
  readonly code = "ERR_OUTBOUND_BLOCKED_ADDRESS";

  constructor(readonly hostname: string) {
    super(`${hostname} resolves to a private, loopback or reserved address`);
    this.name = "BlockedAddressError";
  }
}

/** A lookup for node:net that leaves out every address the policy refuses, and fails when none is left. */
export function guardedLookup(allowPrivate: boolean, resolve: Resolver = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      // A name with public and private addresses may be called, on its public ones only.
      const allowed = allowPrivate ? addresses : addresses.filter((a) => isPublicAddress(a.address));
      if (allowed.length === 0)
        return callback(
          allowPrivate
            ? Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" })
            : new BlockedAddressError(hostname),
          [],
        );
      if (options.all) return callback(null, allowed);
      const [first] = allowed;
      return first ? callback(null, first.address, first.family) : callback(new BlockedAddressError(hostname), []);
    });
  };
}
