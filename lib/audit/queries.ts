import { desc, eq } from "drizzle-orm";

import { auditEntries } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

export type AuditRow = {
  id: string;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  createdAt: Date;
};

export async function listAuditEntries(db: Db, orgId: string, limit = 100): Promise<AuditRow[]> {
  return db
    .select({
      id: auditEntries.id,
      actorLabel: auditEntries.actorLabel,
      action: auditEntries.action,
      targetType: auditEntries.targetType,
      targetId: auditEntries.targetId,
      before: auditEntries.before,
      after: auditEntries.after,
      createdAt: auditEntries.createdAt,
    })
    .from(auditEntries)
    .where(eq(auditEntries.orgId, orgId))
    .orderBy(desc(auditEntries.createdAt), desc(auditEntries.id))
    .limit(limit);
}
