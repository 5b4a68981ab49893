import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

import { newId } from "@/lib/ids";

import { organisations, users } from "./organisations";

/** Who changed what, when, with the state before and after. */
export const auditEntries = pgTable(
  "audit_entries",
  {
    id: uuid().primaryKey().$defaultFn(newId),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    actorUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    /** Human-readable actor kept even if the user is deleted: an email, "cli" or "system". */
    actorLabel: text().notNull(),
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: text(),
    before: jsonb(),
    after: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_entries_org_created_idx").on(t.orgId, t.createdAt.desc())],
);
