import { and, desc, eq, sql } from "drizzle-orm";

import { hookRefusals, integrations } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { cleanText } from "@/lib/text/clean-text";

/** Records a refused delivery with its reason, so the integration page can say why calls are missing. */
export async function recordRefusal(
  db: Db,
  integration: { id: string; orgId: string },
  refusal: { status: number; error: string; fields?: Record<string, string>; excerpt?: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(hookRefusals).values({
      orgId: integration.orgId,
      integrationId: integration.id,
      status: refusal.status,
      // A refused body is refused for what it holds: the log must take it even with a NUL in it.
      error: cleanText(refusal.error.slice(0, 2000)),
      fields: refusal.fields
        ? Object.fromEntries(
            Object.entries(refusal.fields)
              .slice(0, 20)
              .map(([k, v]) => [cleanText(k), cleanText(v)]),
          )
        : null,
      excerpt: refusal.excerpt === undefined ? null : cleanText(refusal.excerpt.slice(0, 500)),
    });
    await tx
      .update(integrations)
      .set({ refusedCount: sql`${integrations.refusedCount} + 1`, lastEventAt: sql`now()` })
      .where(eq(integrations.id, integration.id));
  });
}

export type Refusal = {
  id: string;
  receivedAt: Date;
  status: number;
  error: string;
  fields: Record<string, string> | null;
  excerpt: string | null;
};

export async function listRefusals(db: Db, orgId: string, integrationId: string, limit = 20): Promise<Refusal[]> {
  return db
    .select({
      id: hookRefusals.id,
      receivedAt: hookRefusals.receivedAt,
      status: hookRefusals.status,
      error: hookRefusals.error,
      fields: hookRefusals.fields,
      excerpt: hookRefusals.excerpt,
    })
    .from(hookRefusals)
    .where(and(eq(hookRefusals.orgId, orgId), eq(hookRefusals.integrationId, integrationId)))
    .orderBy(desc(hookRefusals.receivedAt))
    .limit(limit);
}
