"use server";

import { revalidatePath } from "next/cache";

import { orgAction } from "@/lib/auth/org-action";
import {
  createIntegration,
  createIntegrationSchema,
  type CreatedIntegrationView,
} from "@/lib/integrations/create-integration";
import { providers } from "@/lib/integrations/providers";
import { absoluteUrl } from "@/lib/server/urls";

export const createIntegrationAction = orgAction<typeof createIntegrationSchema, CreatedIntegrationView>(
  "admin",
  createIntegrationSchema,
  async ({ db, org, user }, input) => {
    const created = await createIntegration(db, org.id, { userId: user.id, label: user.email }, input);
    revalidatePath(`/${org.slug}/settings/integrations`);
    const info = providers[created.provider];
    return {
      data: {
        name: created.name,
        provider: created.provider,
        providerLabel: info.label,
        kind: info.kind,
        url: absoluteUrl(created.path),
        token: info.kind === "aiflow" ? created.secret : undefined,
      },
    };
  },
);
