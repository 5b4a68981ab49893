import { sql } from "drizzle-orm";
import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { newId } from "@/lib/ids";
import { integrations } from "./integrations";
import { organisations } from "./organisations";

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
    startedAt: timestamp({ withTimezone: true }),
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
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    language: text(),
    /** Every searchable word of the call in one text (headline, summary, notes, items, parties, transcript), kept current by the upsert. */
    searchText: text().notNull().default(""),
    /** The vendor's own last-change time, so an older delivery arriving late cannot overwrite a newer one. */
    vendorUpdatedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("calls_vendor_key").on(t.orgId, t.provider, t.vendorCallId),
    index("calls_org_started_idx").on(t.orgId, t.startedAt.desc(), t.id.desc()),
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
