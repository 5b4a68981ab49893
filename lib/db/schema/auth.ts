import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

import { newId } from "@/lib/ids";

import { users } from "./organisations";

/**
 * One row per sign-in. The JWT carries the row id, so sign-out and removal take effect at once
 * and no session outlives its absolute expiry, whatever the cookie says.
 */
export const authSessions = pgTable(
  "auth_sessions",
  {
    id: uuid().primaryKey().$defaultFn(newId),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    ip: text(),
    userAgent: text(),
  },
  (t) => [index("auth_sessions_user_idx").on(t.userId), index("auth_sessions_expires_idx").on(t.expiresAt)],
);

/** Consecutive failed sign-ins per (email, client IP); cleared by a success. */
export const signInThrottle = pgTable(
  "sign_in_throttle",
  {
    email: text().notNull(),
    ip: text().notNull(),
    failures: integer().notNull().default(0),
    lockedUntil: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.email, t.ip] }), index("sign_in_throttle_updated_idx").on(t.updatedAt)],
);

/**
 * "Forgot password?" links. Only the token's SHA-256 is stored; a row is deleted when its link
 * is used or a newer link for the same user is sent, so each link works once and only the
 * newest one works.
 */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: uuid().primaryKey().$defaultFn(newId),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("password_resets_token_hash_key").on(t.tokenHash),
    index("password_resets_user_idx").on(t.userId),
    index("password_resets_expires_idx").on(t.expiresAt),
  ],
);

/**
 * Reset links requested per key ("email:<address>" or "ip:<address>") in the current hour-long
 * window, counted whether or not the address has an account.
 */
export const passwordResetThrottle = pgTable(
  "password_reset_throttle",
  {
    key: text().primaryKey(),
    requests: integer().notNull().default(0),
    windowStartedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("password_reset_throttle_window_idx").on(t.windowStartedAt)],
);
