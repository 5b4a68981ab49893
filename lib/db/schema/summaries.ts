import { sql } from "drizzle-orm";
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

import { newId } from "@/lib/ids";

import { calls, type ActionItem } from "./calls";
import { organisations, users } from "./organisations";

export const summaryProviders = ["builtin", "openai"] as const;
export type SummaryProvider = (typeof summaryProviders)[number];

/**
 * An organisation's summary settings, one row per save: the newest is in force. A save names the
 * version it started from and is refused when that is not the newest any more, so two admins
 * never overwrite each other silently. No row yet means the defaults (built-in, no instructions).
 */
export const summarySettingsVersions = pgTable(
  "summary_settings_versions",
  {
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    baseInstructions: text().notNull().default(""),
    provider: text().$type<SummaryProvider>().notNull().default("builtin"),
    baseUrl: text(),
    model: text(),
    /** AES-256-GCM under a key derived from APP_SECRET; never sent to a browser. */
    encryptedApiKey: text(),
    /** The key's last four characters, so admins can tell which key is stored. */
    apiKeyHint: text(),
    includeInternal: boolean().notNull().default(false),
    /** ISO 639-1 code of a fixed summary language; null writes in the call's own. */
    language: text(),
    /** Set when this version restores an older one. */
    restoredFrom: integer(),
    authorId: uuid().references(() => users.id, { onDelete: "set null" }),
    authorLabel: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.version] })],
);

export const summaryVersionStates = ["created", "processed", "failed"] as const;
export type SummaryVersionState = (typeof summaryVersionStates)[number];
export type SummaryProducerKind = "vendor" | "builtin" | "model";

/** A regenerate of every call of a search: its summaries carry the batch id, for progress. */
export const summaryBatches = pgTable(
  "summary_batches",
  {
    id: uuid().primaryKey().$defaultFn(newId),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** The inbox search, as its query string. */
    query: text().notNull(),
    total: integer().notNull(),
    createdByLabel: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("summary_batches_org_idx").on(t.orgId, t.createdAt)],
);

/**
 * Every summary a call has had: the vendor's own (kept once another is shown), and each one
 * generated, with its state, who or what produced it and the instructions it was made with.
 */
export const callSummaries = pgTable(
  "call_summaries",
  {
    id: uuid().primaryKey().$defaultFn(newId),
    orgId: uuid().notNull(),
    callId: uuid().notNull(),
    state: text().$type<SummaryVersionState>().notNull(),
    /** Why it failed, in words a user can act on. */
    error: text(),
    producerKind: text().$type<SummaryProducerKind>().notNull(),
    /** The vendor (provider id), "built-in", or the model's name. */
    producer: text().notNull(),
    /** The settings version used (null for the vendor's own). */
    settingsVersion: integer(),
    /** Instructions given for this call only. */
    overrideInstructions: text(),
    headline: text(),
    summary: text(),
    summaryHtml: text(),
    actionItems: jsonb().$type<ActionItem[]>().notNull().default([]),
    tags: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    language: text(),
    /** True when it was asked for explicitly (Regenerate), so it is shown once made. */
    isRequested: boolean().notNull().default(false),
    batchId: uuid(),
    requestedById: uuid().references(() => users.id, { onDelete: "set null" }),
    requestedByLabel: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("call_summaries_call_idx").on(t.orgId, t.callId, t.createdAt),
    index("call_summaries_batch_idx").on(t.orgId, t.batchId),
    // The sweeper's work list: requests still waiting (a lost job is sent again).
    index("call_summaries_waiting_idx")
      .on(t.createdAt)
      .where(sql`state = 'created'`),
    foreignKey({ columns: [t.orgId, t.callId], foreignColumns: [calls.orgId, calls.id] }).onDelete("cascade"),
  ],
);

/** For tests and seeds that want a type for one row. */
export type CallSummaryRow = typeof callSummaries.$inferSelect;
export type SummarySettingsRow = typeof summarySettingsVersions.$inferSelect;
