import type { Metadata } from "next";

import { CreateOrgForm } from "@/components/auth/create-org-form";
import { requireUserContext } from "@/lib/auth/current-user";
import { listUserOrganisations } from "@/lib/orgs/queries";
import { absoluteUrl } from "@/lib/server/urls";

import { createOrgAction } from "./actions";

export const metadata: Metadata = { title: "New organisation" };

export default async function NewOrgPage() {
  const { user, db } = await requireUserContext();
  const hasOrgs = (await listUserOrganisations(db, user.id)).length > 0;
  return (
    <div className="rounded-lg border border-border bg-surface p-6 shadow-sm">
      <h1 className="text-lg font-semibold">New organisation</h1>
      <p className="mt-1 text-sm text-fg-muted">
        {hasOrgs
          ? "A separate space with its own calls, flows, settings and members. You will be its owner."
          : "You are not a member of any organisation yet. Create one (you will be its owner), or ask an admin to add you to theirs."}
      </p>
      <div className="mt-5">
        <CreateOrgForm action={createOrgAction} origin={absoluteUrl("")} />
      </div>
    </div>
  );
}
