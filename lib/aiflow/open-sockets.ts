import { sql } from "drizzle-orm";
import type { WebSocket } from "ws";

import { integrations } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { processSingleton } from "@/lib/process-singleton";

import { forgetCachedIntegration } from "./integration-cache";
import type { AiFlowCredential } from "./verify-token";

// An AI Flow WebSocket is authorised once, on the upgrade, and may stay open for a whole call. So
// that disabling, deleting the integration or rotating its token also ends the sockets already
// open, in every process, each process looks at the integrations of its open sockets every
// RECHECK_MS, with one query for all of them (none per socket or event), and closes the sockets
// whose credential no longer holds. A change made in this process is checked at once.
//
// Which credential holds: a socket opened with the current secret, while that is still the
// current secret (rotating closes it: an admin rotates because the token leaked); a socket opened
// with the previous secret during its 24-hour grace (the vendor switching over), until the grace
// ends. Events that arrive on a socket once it is revoked are dropped, not handled or stored.

export const RECHECK_MS = 2000;
/** The close code of a revoked socket: 4000 + HTTP's 401, as an HTTP request would be refused. */
export const REVOKED_CLOSE_CODE = 4401;

export type OpenSocket = { ws: WebSocket; integrationId: string; credential: AiFlowCredential; isRevoked: boolean };

type Registry = {
  byDb: Map<Db, Set<OpenSocket>>;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
  again: boolean;
  isFailing: boolean;
};
const isRegistry = (value: unknown): value is Registry =>
  typeof value === "object" && value !== null && "byDb" in value;
const registry = () =>
  processSingleton("aiflow-open-sockets", isRegistry, (): Registry => ({
    byDb: new Map(),
    again: false,
    isFailing: false,
  }));

/** Registers a socket opened with this credential until it closes. */
export function trackSocket(db: Db, ws: WebSocket, credential: AiFlowCredential): OpenSocket {
  const r = registry();
  const socket: OpenSocket = { ws, integrationId: credential.integration.id, credential, isRevoked: false };
  let sockets = r.byDb.get(db);
  if (!sockets) r.byDb.set(db, (sockets = new Set()));
  sockets.add(socket);
  r.timer ??= setInterval(() => void recheckOpenSockets(), RECHECK_MS).unref();
  ws.once("close", () => {
    sockets.delete(socket);
    if (sockets.size === 0 && r.byDb.get(db) === sockets) r.byDb.delete(db);
    if (r.byDb.size === 0 && r.timer) {
      clearInterval(r.timer);
      r.timer = undefined;
    }
  });
  return socket;
}

type Standing = {
  isEnabled: boolean;
  secretHash: string;
  previousSecretHash: string | null;
  previousSecretExpiresAt: Date | null;
};

/** Why the socket's credential no longer holds, or undefined while it does. */
function revocationReason(socket: OpenSocket, row: Standing | undefined, now: number): string | undefined {
  if (!row) return "The integration was deleted.";
  if (!row.isEnabled) return "The integration was disabled.";
  const { standing, secretHash } = socket.credential;
  if (standing === "current") return row.secretHash === secretHash ? undefined : "The token was rotated.";
  const isInGrace = row.previousSecretHash === secretHash && (row.previousSecretExpiresAt?.getTime() ?? 0) > now;
  return isInGrace ? undefined : "The token was rotated and its grace period has ended.";
}

async function recheckDb(db: Db, sockets: Set<OpenSocket>, now: number): Promise<void> {
  const ids = [...new Set([...sockets].map((s) => s.integrationId))];
  if (ids.length === 0) return;
  // One array parameter (ids are UUIDs, checked on the upgrade), so the statement text is the same for any number of ids.
  const rows = await db
    .select({
      id: integrations.id,
      isEnabled: integrations.isEnabled,
      secretHash: integrations.secretHash,
      previousSecretHash: integrations.previousSecretHash,
      previousSecretExpiresAt: integrations.previousSecretExpiresAt,
    })
    .from(integrations)
    .where(sql`${integrations.id} = ANY(${`{${ids.join(",")}}`}::uuid[]) AND ${integrations.provider} = 'aiflow'`);
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const socket of sockets) {
    const reason = socket.isRevoked ? undefined : revocationReason(socket, byId.get(socket.integrationId), now);
    if (!reason) continue;
    socket.isRevoked = true;
    socket.ws.close(REVOKED_CLOSE_CODE, reason);
    // This process may still remember the old credential: a reconnect must read the new one.
    forgetCachedIntegration(socket.integrationId);
  }
}

async function runChecks(): Promise<void> {
  const r = registry();
  do {
    r.again = false;
    const now = Date.now();
    for (const [db, sockets] of r.byDb) {
      try {
        await recheckDb(db, sockets, now);
        r.isFailing = false;
      } catch (error) {
        // The database is unreachable or failing: the sockets stay as they are until it answers.
        if (!r.isFailing) console.error("[aiflow] could not check the open sockets' integrations", error);
        r.isFailing = true;
      }
    }
  } while (r.again);
}

/** Checks every open socket of this process now (one query per database); resolves when done. */
export function recheckOpenSockets(): Promise<void> {
  const r = registry();
  if (r.running) {
    // A change may have landed after the running check read the rows: check once more after it.
    r.again = true;
    return r.running;
  }
  const running = runChecks().finally(() => {
    r.running = undefined;
  });
  r.running = running;
  return running;
}
