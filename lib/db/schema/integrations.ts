import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

import { newId } from "@/lib/ids";

import { organisations, users } from "./organisations";

/** A configured vendor source (push hook or pull API) or AI Flow endpoint of one organisation. */
export const integrations = pgTable(
  "integrations",
  {
    id: uuid().primaryKey().$defaultFn(newId),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    provider: text().notNull(),
    name: text().notNull(),
    isEnabled: boolean().notNull().default(true),
    /** SHA-256 of the hook key (in the URL) or of the X-API-TOKEN; the secret itself is never stored. */
    secretHash: text().notNull(),
    /** After a rotation the previous secret keeps working until this time. */
    previousSecretHash: text(),
    previousSecretExpiresAt: timestamp({ withTimezone: true }),
    /** Non-secret vendor settings (base URLs, phone-number routing, ...). */
    config: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** Vendor credentials for pull APIs, encrypted with a key derived from APP_SECRET. */
    encryptedCredentials: text(),
    lastEventAt: timestamp({ withTimezone: true }),
    acceptedCount: integer().notNull().default(0),
    refusedCount: integer().notNull().default(0),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("integrations_org_idx").on(t.orgId, t.createdAt),
    uniqueIndex("integrations_secret_hash_key").on(t.secretHash),
    index("integrations_previous_secret_hash_idx").on(t.previousSecretHash),
  ],
);

/** Deliveries a hook refused, with the reason, so an admin can see why a vendor's calls are missing. */
export const hookRefusals = pgTable(
  "hook_refusals",
  {
    id: uuid().primaryKey().$defaultFn(newId),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    integrationId: uuid()
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    status: integer().notNull(),
    error: text().notNull(),
    fields: jsonb().$type<Record<string, string>>(),
    /** The first bytes of the body, to recognise the delivery. */
    excerpt: text(),
  },
  (t) => [index("hook_refusals_integration_idx").on(t.orgId, t.integrationId, t.receivedAt.desc())],
);
