import { sql } from "drizzle-orm";
import {
  foreignKey,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

import type { Program } from "@/lib/flows/compile";
import type { FlowDocument } from "@/lib/flows/schema";
import type { SessionState } from "@/lib/flows/session-state";
import { newId } from "@/lib/ids";

import { calls } from "./calls";
import { integrations } from "./integrations";
import { organisations, users } from "./organisations";

/** A voice flow: its draft (edited freely) and which published version answers calls. */
export const flows = pgTable(
  "flows",
  {
    id: uuid().primaryKey().$defaultFn(newId),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text().notNull(),
    draft: jsonb().$type<FlowDocument>().notNull(),
    /** Bumped by every draft save; a save based on an older revision is refused. */
    draftRevision: integer().notNull().default(1),
    draftUpdatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    draftUpdatedBy: text(),
    /** The version new sessions start on; null until the first publish. */
    liveVersion: integer(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("flows_org_idx").on(t.orgId, t.createdAt)],
);

/** A published flow: immutable, with the program it compiled into. */
export const flowVersions = pgTable(
  "flow_versions",
  {
    id: uuid().notNull().unique().$defaultFn(newId),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    flowId: uuid().notNull(),
    version: integer().notNull(),
    document: jsonb().$type<FlowDocument>().notNull(),
    program: jsonb().$type<Program>().notNull(),
    note: text().notNull().default(""),
    publishedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    publishedByLabel: text().notNull(),
    publishedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.flowId, t.version] }),
    foreignKey({ columns: [t.flowId], foreignColumns: [flows.id] }).onDelete("cascade"),
  ],
);

export const voiceSessionStatuses = ["active", "ended"] as const;
export type VoiceSessionStatus = (typeof voiceSessionStatuses)[number];

/**
 * One AI Flow session (a live call). Written when it starts and when it ends; in between, each
 * event appends a row to voice_events carrying the state after it, and `seq` numbers them: an
 * event is written as (session, seq) only once, so two processes never both apply an event to
 * the same state. `state`, `seq` and `last_event_at` here are the session's at its start and,
 * once ended, at its end.
 */
export const voiceSessions = pgTable(
  "voice_sessions",
  {
    id: uuid().primaryKey().$defaultFn(newId),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    integrationId: uuid()
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    /** AI Flow's session.id. */
    externalId: text().notNull(),
    /** Null when the number had no flow and the integration's fallback answered. */
    flowId: uuid().references(() => flows.id, { onDelete: "set null" }),
    flowVersion: integer(),
    phoneNumber: text(),
    callerNumber: text(),
    direction: text(),
    state: jsonb().$type<SessionState>().notNull(),
    seq: integer().notNull(),
    status: text().$type<VoiceSessionStatus>().notNull().default("active"),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    lastEventAt: timestamp({ withTimezone: true }).notNull(),
    endedAt: timestamp({ withTimezone: true }),
    endReason: text(),
    /** The inbox call the session became. */
    callId: uuid().references(() => calls.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("voice_sessions_external_key").on(t.integrationId, t.externalId),
    index("voice_sessions_org_idx").on(t.orgId, t.startedAt.desc()),
    index("voice_sessions_flow_idx").on(t.orgId, t.flowId, t.startedAt.desc()),
    index("voice_sessions_call_idx").on(t.orgId, t.callId),
    // Sessions still to become calls: what the sweep reads. Not on last_event_at, which every
    // event changes: with no index on a changed column the update stays HOT (no index writes).
    index("voice_sessions_open_idx")
      .on(t.startedAt)
      .where(sql`call_id IS NULL`),
  ],
);

/** Every event of a session with the actions returned and the time it took, in order. */
export const voiceEvents = pgTable(
  "voice_events",
  {
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    sessionId: uuid()
      .notNull()
      .references(() => voiceSessions.id, { onDelete: "cascade" }),
    seq: integer().notNull(),
    type: text().notNull(),
    // json, not jsonb: written once per event and read back whole, never queried inside; json
    // stores the text as it came and costs PostgreSQL less per event than jsonb's conversion.
    event: json().notNull(),
    actions: json().$type<unknown[]>().notNull(),
    /** The session's state after this event: the newest event's is the session's (null before 0005). */
    state: json().$type<SessionState>(),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    /** From arrival to the reply being ready, before the commit. */
    durationMs: real().notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.sessionId, t.seq] })],
);
