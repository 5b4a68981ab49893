import { randomBytes } from "node:crypto";

import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashSecret, newSecret } from "@/lib/auth/tokens";
import type { DbHandle } from "@/lib/db/client";
import { authSessions, invitations, signInThrottle } from "@/lib/db/schema";
import { startJobs } from "@/lib/jobs/boss";
import { cleanupExpired } from "@/lib/jobs/cleanup";
import { makeOrg, makeUser } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";

let database: DbHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const now = new Date("2026-11-21T03:17:00Z");
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);

async function session(userId: string, values: { expiresAt: Date; revokedAt?: Date }) {
  const [row] = await database.db
    .insert(authSessions)
    .values({ userId, createdAt: at(-2 * DAY), ...values })
    .returning({ id: authSessions.id });
  if (!row) throw new Error("no session row");
  return row.id;
}

async function throttle(values: { updatedAt: Date; lockedUntil?: Date }) {
  const email = `t-${randomBytes(4).toString("hex")}@example.com`;
  await database.db.insert(signInThrottle).values({ email, ip: "10.9.0.1", failures: 3, ...values });
  return email;
}

async function invitation(orgId: string, values: { expiresAt: Date; acceptedAt?: Date }) {
  const [row] = await database.db
    .insert(invitations)
    .values({
      orgId,
      email: `i-${randomBytes(4).toString("hex")}@example.com`,
      role: "member",
      tokenHash: hashSecret(newSecret("sbi")),
      ...values,
    })
    .returning({ id: invitations.id });
  if (!row) throw new Error("no invitation row");
  return row.id;
}

describe("cleanupExpired", () => {
  it("removes what has no further use and keeps what is live", async () => {
    const user = await makeUser(database.db);
    const org = await makeOrg(database.db);
    const sessions = {
      expired: await session(user.id, { expiresAt: at(-1 * HOUR) }),
      revokedLongAgo: await session(user.id, { expiresAt: at(20 * HOUR), revokedAt: at(-25 * HOUR) }),
      revokedRecently: await session(user.id, { expiresAt: at(20 * HOUR), revokedAt: at(-1 * HOUR) }),
      live: await session(user.id, { expiresAt: at(20 * HOUR) }),
    };
    const throttles = {
      staleUnlocked: await throttle({ updatedAt: at(-2 * DAY) }),
      staleLockRunOut: await throttle({ updatedAt: at(-2 * DAY), lockedUntil: at(-2 * DAY + 15 * 60_000) }),
      recent: await throttle({ updatedAt: at(-1 * HOUR) }),
      stillLocking: await throttle({ updatedAt: at(-2 * DAY), lockedUntil: at(10 * 60_000) }),
    };
    const invites = {
      expiredMonthAgo: await invitation(org.id, { expiresAt: at(-31 * DAY) }),
      expiredRecently: await invitation(org.id, { expiresAt: at(-29 * DAY) }),
      acceptedLongAgo: await invitation(org.id, { expiresAt: at(-60 * DAY), acceptedAt: at(-65 * DAY) }),
      open: await invitation(org.id, { expiresAt: at(5 * DAY) }),
    };

    expect(await cleanupExpired(database.db, now)).toEqual({ sessions: 2, throttles: 2, invitations: 1, refusals: 0 });

    const sessionIds = (
      await database.db.select({ id: authSessions.id }).from(authSessions).where(eq(authSessions.userId, user.id))
    ).map((r) => r.id);
    expect(sessionIds.sort()).toEqual([sessions.revokedRecently, sessions.live].sort());
    const throttleEmails = (
      await database.db
        .select({ email: signInThrottle.email })
        .from(signInThrottle)
        .where(inArray(signInThrottle.email, Object.values(throttles)))
    ).map((r) => r.email);
    expect(throttleEmails.sort()).toEqual([throttles.recent, throttles.stillLocking].sort());
    const inviteIds = (
      await database.db.select({ id: invitations.id }).from(invitations).where(eq(invitations.orgId, org.id))
    ).map((r) => r.id);
    expect(inviteIds.sort()).toEqual([invites.expiredRecently, invites.acceptedLongAgo, invites.open].sort());

    // Running again finds nothing more to do.
    expect(await cleanupExpired(database.db, now)).toEqual({ sessions: 0, throttles: 0, invitations: 0, refusals: 0 });
  });
});

describe("the maintenance job", () => {
  it("runs through pg-boss on this database and removes expired sessions", async () => {
    const user = await makeUser(database.db);
    const expired = await session(user.id, { expiresAt: new Date(Date.now() - HOUR) });
    const live = await session(user.id, { expiresAt: new Date(Date.now() + HOUR) });

    const jobs = await startJobs(database, { workers: true });
    try {
      const id = await jobs.boss.send("maintenance.cleanup-expired", {});
      if (!id) throw new Error("the job was not queued");
      const deadline = Date.now() + 15_000;
      let state: string | undefined;
      while (Date.now() < deadline) {
        state = (await jobs.boss.getJobById("maintenance.cleanup-expired", id))?.state;
        if (state === "completed" || state === "failed") break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(state).toBe("completed");
    } finally {
      await jobs.stop();
    }

    const remaining = (
      await database.db
        .select({ id: authSessions.id })
        .from(authSessions)
        .where(inArray(authSessions.id, [expired, live]))
    ).map((r) => r.id);
    expect(remaining).toEqual([live]);
  });
});
