"use server";

import { redirect } from "next/navigation";
import { z } from "zod";

import { userAction } from "@/lib/auth/user-action";
import { createOrganisation } from "@/lib/orgs/create-org";
import { orgNameSchema, slugSchema } from "@/lib/validation";

export const createOrgAction = userAction(
  z.object({ name: orgNameSchema, slug: slugSchema }),
  async ({ db, user }, input) => {
    const org = await createOrganisation(
      db,
      { ...input, ownerUserId: user.id },
      { userId: user.id, label: user.email },
    );
    redirect(`/${org.slug}/dashboard`);
  },
);
