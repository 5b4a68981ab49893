import { and, asc, count, eq } from "drizzle-orm";

import type { Role } from "@/lib/auth/roles";
import { memberships, organisations } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

export type OrgSummary = { id: string; slug: string; name: string };
export type OrgMembership = { org: OrgSummary; role: Role };

const orgColumns = { id: organisations.id, slug: organisations.slug, name: organisations.name };

/** The organisation with this slug and the user's role in it, or undefined when they are not a member. */
export async function findMembershipBySlug(db: Db, slug: string, userId: string): Promise<OrgMembership | undefined> {
  const [row] = await db
    .select({ org: orgColumns, role: memberships.role })
    .from(organisations)
    .innerJoin(memberships, and(eq(memberships.orgId, organisations.id), eq(memberships.userId, userId)))
    .where(eq(organisations.slug, slug));
  return row;
}

export async function listUserOrganisations(db: Db, userId: string): Promise<Array<OrgSummary & { role: Role }>> {
  return db
    .select({ ...orgColumns, role: memberships.role })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organisations.name));
}

export async function findOrgBySlug(db: Db, slug: string): Promise<OrgSummary | undefined> {
  const [row] = await db.select(orgColumns).from(organisations).where(eq(organisations.slug, slug));
  return row;
}

/** Every organisation with its member count: operators' view (CLI), not scoped to a tenant. */
export async function listAllOrganisations(db: Db): Promise<Array<OrgSummary & { members: number; createdAt: Date }>> {
  return db
    .select({ ...orgColumns, createdAt: organisations.createdAt, members: count(memberships.userId) })
    .from(organisations)
    .leftJoin(memberships, eq(memberships.orgId, organisations.id))
    .groupBy(organisations.id)
    .orderBy(asc(organisations.createdAt));
}

export async function countOrganisations(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(organisations);
  return row?.n ?? 0;
}
