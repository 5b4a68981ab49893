import { and, eq, gt, inArray, or, sql } from "drizzle-orm";

import { authSessions, signInThrottle, users } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

import { ANY, charge, isLocked, NETWORK_MAX_FAILURES, type Counter, type Scope } from "./throttle-rules";

export { LOCK_MINUTES, MAX_FAILURES } from "./throttle-rules";

/** The address sign-in falls back to when it cannot tell clients apart (lib/auth/client-ip.ts). */
export const UNKNOWN_ADDRESS = "unknown";
const KNOWN_ADDRESS_DAYS = 30;

export type ThrottleKeys = { email: string; address: string; isKnownAddress: boolean };
type Key = { scope: Scope; email: string; ip: string };
export type Charged = { scope: Scope; counter: Counter };
export type ChargeResult = { allowed: true; counters: Charged[] } | { allowed: false; scope: Scope; until: Date };

/**
 * The counters that apply to one try (throttle-rules.ts). Two are left out on purpose:
 * - the account-wide backoff, from an address where this account signed in with its password in
 *   the last 30 days. Otherwise an attacker could keep the owner out for good with one wrong
 *   guess every 15 minutes. The trade-off: someone behind the same address as the owner (an
 *   office, a carrier's NAT) is held back only by the per-address limits;
 * - the address-wide limit when every client shares one "unknown" address (next start without a
 *   trusted proxy): it would pause everyone at once.
 */
function keysFor({ email, address, isKnownAddress }: ThrottleKeys): Key[] {
  const keys: Key[] = [{ scope: "pair", email, ip: address }];
  if (!isKnownAddress) keys.push({ scope: "account", email, ip: ANY });
  if (address !== UNKNOWN_ADDRESS) keys.push({ scope: "network", email: ANY, ip: address });
  return keys;
}

/** Whether this account signed in with its password from this very address lately. */
export async function isKnownAddress(db: Db, email: string, ip: string, now = new Date()): Promise<boolean> {
  if (ip === UNKNOWN_ADDRESS) return false;
  const since = new Date(now.getTime() - KNOWN_ADDRESS_DAYS * 86_400_000);
  const [row] = await db
    .select({ id: authSessions.id })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(and(eq(users.email, email), eq(authSessions.ip, ip), gt(authSessions.createdAt, since)))
    .limit(1);
  return row !== undefined;
}

/**
 * Charges one try to every counter that applies, or refuses it when one of them is paused. The
 * rows are locked for the length of one short transaction (never across the password hash), in
 * one order for every caller, so concurrent tries queue instead of undercounting or deadlocking.
 */
export async function chargeAttempt(db: Db, keys: ThrottleKeys, now = new Date()): Promise<ChargeResult> {
  const wanted = keysFor(keys).sort((a, b) => (a.email === b.email ? compare(a.ip, b.ip) : compare(a.email, b.email)));
  const t = signInThrottle;
  return db.transaction(async (tx) => {
    // Create missing rows first: SELECT ... FOR UPDATE cannot lock a row that does not exist yet.
    await tx
      .insert(t)
      .values(wanted.map((k) => ({ email: k.email, ip: k.ip, failures: 0, updatedAt: now })))
      .onConflictDoNothing();
    const rows = await tx
      .select()
      .from(t)
      .where(or(...wanted.map((k) => and(eq(t.email, k.email), eq(t.ip, k.ip)))))
      .orderBy(sql`${t.email} collate "C"`, sql`${t.ip} collate "C"`)
      .for("update");
    const current = (k: Key) => rows.find((r) => r.email === k.email && r.ip === k.ip);

    const paused = wanted
      .map((k) => ({ scope: k.scope, row: current(k) }))
      .filter((p) => isLocked(p.row, now))
      .sort((a, b) => (b.row?.lockedUntil?.getTime() ?? 0) - (a.row?.lockedUntil?.getTime() ?? 0))[0];
    if (paused?.row?.lockedUntil) return { allowed: false, scope: paused.scope, until: paused.row.lockedUntil };

    const counters: Charged[] = [];
    for (const k of wanted) {
      const row = current(k);
      const counter = charge(k.scope, row && row.failures > 0 ? row : undefined, now);
      await tx
        .update(t)
        .set(counter)
        .where(and(eq(t.email, k.email), eq(t.ip, k.ip)));
      counters.push({ scope: k.scope, counter });
    }
    return { allowed: true, counters };
  });
}

/**
 * A right password: this email's counters start afresh, and the address-wide count gets its
 * charge back (a pause that this try's charge started is lifted: it had one failure too few).
 */
export async function settleSuccess(db: Db, keys: ThrottleKeys): Promise<void> {
  const t = signInThrottle;
  await db.delete(t).where(and(eq(t.email, keys.email), inArray(t.ip, [keys.address, ANY])));
  if (keys.address === UNKNOWN_ADDRESS) return;
  const failures = sql`greatest(${t.failures} - 1, 0)`;
  await db
    .update(t)
    .set({
      failures: sql`${failures}`,
      lockedUntil: sql`case when ${failures} < ${NETWORK_MAX_FAILURES} then null else ${t.lockedUntil} end`,
    })
    .where(and(eq(t.email, ANY), eq(t.ip, keys.address)));
}

// Byte order, like collate "C" in the query above: both sides must lock rows in the same order.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
