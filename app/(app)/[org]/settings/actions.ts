"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { orgAction } from "@/lib/auth/org-action";
import { renameOrganisation } from "@/lib/orgs/rename-org";
import { orgNameSchema } from "@/lib/validation";

export const renameOrgAction = orgAction(
  "admin",
  z.object({ name: orgNameSchema }),
  async ({ db, org, user }, input) => {
    await renameOrganisation(db, org.id, input.name, { userId: user.id, label: user.email });
    revalidatePath(`/${org.slug}`, "layout");
    return { message: "Saved." };
  },
);
