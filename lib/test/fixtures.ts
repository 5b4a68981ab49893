import { randomBytes } from "node:crypto";

import { cliActor } from "@/lib/audit/record";
import type { Role } from "@/lib/auth/roles";
import { memberships } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { createOrganisation } from "@/lib/orgs/create-org";
import { createUser } from "@/lib/users/create-user";

export const TEST_PASSWORD = "correct horse battery staple";

const suffix = () => randomBytes(4).toString("hex");

/** A new organisation with a unique slug. */
export async function makeOrg(db: Db, name = "Acme") {
  return createOrganisation(
    db,
    { name, slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${suffix()}` },
    cliActor,
  );
}

/** A new user (password TEST_PASSWORD), optionally a member of an organisation with a role. */
export async function makeUser(db: Db, options: { org?: { id: string }; role?: Role; email?: string } = {}) {
  const user = await createUser(db, {
    email: options.email ?? `user-${suffix()}@example.com`,
    password: TEST_PASSWORD,
  });
  if (options.org)
    await db.insert(memberships).values({ orgId: options.org.id, userId: user.id, role: options.role ?? "member" });
  return user;
}
