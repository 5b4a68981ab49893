import { cookies } from "next/headers";
import { redirect } from "next/navigation";

import { requireUserContext } from "@/lib/auth/current-user";
import { LAST_ORG_COOKIE, pickHomeOrg } from "@/lib/orgs/last-org";
import { listUserOrganisations } from "@/lib/orgs/queries";

export default async function Home() {
  const { user, db } = await requireUserContext();
  const org = pickHomeOrg(await listUserOrganisations(db, user.id), (await cookies()).get(LAST_ORG_COOKIE)?.value);
  redirect(org ? `/${org.slug}/dashboard` : "/orgs/new");
}
