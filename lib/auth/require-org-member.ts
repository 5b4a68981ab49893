import { forbidden, notFound } from "next/navigation";
import { cache } from "react";

import { getDb, type Db } from "@/lib/db/client";
import { findMembershipBySlug, type OrgSummary } from "@/lib/orgs/queries";
import { isPlausibleSlug } from "@/lib/validation";

import { requireUser } from "./current-user";
import { hasRole, type Role } from "./roles";
import type { CurrentUser } from "./sessions";

export type OrgContext = { user: CurrentUser; org: OrgSummary; role: Role; db: Db };

const membership = cache(async (slug: string, userId: string) => findMembershipBySlug(await getDb(), slug, userId));

/**
 * The one access check for pages and server actions. Not signed in: sent to sign-in. Not a member
 * (or no such organisation): 404, so other tenants' slugs reveal nothing. Role too low: 403.
 */
export async function requireOrgMember(slug: string, minRole: Role = "member"): Promise<OrgContext> {
  if (!isPlausibleSlug(slug)) notFound();
  const user = await requireUser();
  const found = await membership(slug, user.id);
  if (!found) notFound();
  if (!hasRole(found.role, minRole)) forbidden();
  return { user, org: found.org, role: found.role, db: await getDb() };
}
