import { sql } from "drizzle-orm";
import {
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

import { newId } from "@/lib/ids";

import { integrations } from "./integrations";
import { organisations } from "./organisations";

/** PostgreSQL's tsvector; written only through to_tsvector('switchboard', ...), never read back. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * none, vendor (the vendor's own summary is shown), or the state of the newest generated one:
 * created (being generated), processed, failed: SIPSIM's summary_state values.
 */
export const summaryStates = ["none", "vendor", "created", "processed", "failed"] as const;
export type SummaryState = (typeof summaryStates)[number];

export type CallParty = {
  role: "caller" | "callee" | "agent" | "assistant";
  /** E.164 where the vendor's number parses, else as sent. */
  number?: string;
  name?: string;
  extension?: string;
  email?: string;
};
export type ActionItem = { text: string; isDone: boolean };
export type SmallTalkItem = { topic: string; description?: string; isPinned?: boolean; isDismissed?: boolean };
export type SmartAnswer = { question: string; answer: string };

/** The normalised record of one call, whichever vendor it came from. */
export const calls = pgTable(
  "calls",
  {
    id: uuid().primaryKey().$defaultFn(newId),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    integrationId: uuid().references(() => integrations.id, { onDelete: "set null" }),
    provider: text().notNull(),
    vendorCallId: text().notNull(),
    direction: text().$type<"inbound" | "outbound" | "internal" | "unknown">().notNull().default("unknown"),
    /** When the call started; when the vendor does not say, when we first received it. */
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp({ withTimezone: true }),
    durationSeconds: integer(),
    channel: text(),
    headline: text(),
    summary: text(),
    summaryHtml: text(),
    note: text(),
    parties: jsonb().$type<CallParty[]>().notNull().default([]),
    actionItems: jsonb().$type<ActionItem[]>().notNull().default([]),
    smallTalk: jsonb().$type<SmallTalkItem[]>().notNull().default([]),
    smartAnswers: jsonb().$type<SmartAnswer[]>().notNull().default([]),
    tags: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    language: text(),
    /** The vendor's own last-change time, so an older delivery arriving late cannot overwrite a newer one. */
    vendorUpdatedAt: timestamp({ withTimezone: true }),
    /** Every word of the call (headline, summary, notes, items, answers, names, transcript), kept current by the upsert. */
    searchVector: tsvector(),
    /** The parties' numbers in the forms people type them (4917…, 0175…, 175…), for partial matches. */
    searchNumbers: text().notNull().default(""),
    openActionItems: integer().notNull().default(0),
    summaryState: text().$type<SummaryState>().notNull().default("none"),
    /**
     * The summary version shown (call_summaries); null while the vendor's own is shown as
     * delivered. The headline, summary and action item columns always hold the one shown.
     */
    currentSummaryId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("calls_vendor_key").on(t.orgId, t.provider, t.vendorCallId),
    index("calls_org_started_idx").on(t.orgId, t.startedAt.desc(), t.id.desc()),
    index("calls_org_duration_idx").on(t.orgId, t.durationSeconds.desc(), t.id.desc()),
    // org_id inside the GIN indexes (btree_gin) keeps one tenant's search from scanning another's matches.
    index("calls_search_idx").using("gin", t.orgId, t.searchVector),
    index("calls_numbers_idx").using("gin", t.orgId, t.searchNumbers.op("gin_trgm_ops")),
    index("calls_tags_idx").using("gin", t.orgId, t.tags),
    // Composite key so segments can reference (org_id, id) and stay on the call's shard.
    unique("calls_org_id_key").on(t.orgId, t.id),
  ],
);

export const transcriptSegments = pgTable(
  "transcript_segments",
  {
    orgId: uuid().notNull(),
    callId: uuid().notNull(),
    seq: integer().notNull(),
    speaker: text(),
    speakerRole: text().$type<CallParty["role"]>(),
    startMs: integer(),
    endMs: integer(),
    text: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.callId, t.seq] }),
    foreignKey({ columns: [t.orgId, t.callId], foreignColumns: [calls.orgId, calls.id] }).onDelete("cascade"),
  ],
);

/**
 * Every payload a vendor delivered for a call, with when it came. An identical re-delivery is
 * counted on the same row instead of stored again.
 */
export const callPayloads = pgTable(
  "call_payloads",
  {
    id: uuid().primaryKey().$defaultFn(newId),
    orgId: uuid().notNull(),
    callId: uuid().notNull(),
    integrationId: uuid().references(() => integrations.id, { onDelete: "set null" }),
    provider: text().notNull(),
    contentType: text(),
    body: jsonb().notNull(),
    /** SHA-256 of the body as received. */
    contentHash: text().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastReceivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    timesReceived: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex("call_payloads_call_hash_key").on(t.orgId, t.callId, t.contentHash),
    foreignKey({ columns: [t.orgId, t.callId], foreignColumns: [calls.orgId, calls.id] }).onDelete("cascade"),
  ],
);
