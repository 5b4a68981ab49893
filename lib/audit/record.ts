import { auditEntries } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

/** Who did something: a signed-in user, or an operator through the CLI, or the system itself. */
export type Actor = { userId?: string; label: string };

export const systemActor: Actor = { label: "system" };
export const cliActor: Actor = { label: "cli" };

export type AuditInput = {
  orgId: string;
  actor: Actor;
  action: string;
  targetType: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
};

/** Records one change; call it inside the transaction that makes the change. */
export async function recordAudit(db: Db, entry: AuditInput): Promise<void> {
  await db.insert(auditEntries).values({
    orgId: entry.orgId,
    actorUserId: entry.actor.userId,
    actorLabel: entry.actor.label,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
