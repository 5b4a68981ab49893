import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";

import { newId } from "@/lib/ids";

export const roleEnum = pgEnum("membership_role", ["owner", "admin", "member"]);

export const organisations = pgTable(
  "organisations",
  {
    id: uuid().primaryKey().$defaultFn(newId),
    slug: text().notNull(),
    name: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("organisations_slug_key").on(t.slug)],
);

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().$defaultFn(newId),
    /** Always stored lower-cased: one account per address, whatever the capitalisation. */
    email: text().notNull(),
    name: text(),
    passwordHash: text(),
    mustChangePassword: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp({ withTimezone: true }),
    /**
     * Set when an organisation's admin created the account with a one-time password: that admin
     * knew a working password, so the account may be in their hands, not the address owner's.
     * Cleared (with the two columns below) only by a password reset through an emailed link.
     */
    createdByAdminAt: timestamp({ withTimezone: true }),
    createdByOrgId: uuid().references(() => organisations.id, { onDelete: "set null" }),
    createdByUserId: uuid().references((): AnyPgColumn => users.id, { onDelete: "set null" }),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);

export const memberships = pgTable(
  "memberships",
  {
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum().notNull(),
    /** "Email me summaries of calls": each processed summary of this organisation, by SMTP. */
    emailSummaries: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid().primaryKey().$defaultFn(newId),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    email: text().notNull(),
    role: roleEnum().notNull(),
    tokenHash: text().notNull(),
    invitedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("invitations_org_idx").on(t.orgId, t.createdAt),
    uniqueIndex("invitations_token_hash_key").on(t.tokenHash),
    // One open invitation per address and organisation; a new one replaces the old.
    uniqueIndex("invitations_open_email_key")
      .on(t.orgId, t.email)
      .where(sql`accepted_at is null`),
  ],
);
