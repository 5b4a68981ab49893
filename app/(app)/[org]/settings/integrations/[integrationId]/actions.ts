"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";

import { saveAiFlowConfig } from "@/lib/aiflow/save-config";
import { orgAction } from "@/lib/auth/org-action";
import { AppError } from "@/lib/errors";
import { deleteIntegration, rotateIntegrationSecret, setIntegrationEnabled } from "@/lib/integrations/manage";
import { providers } from "@/lib/integrations/providers";
import { absoluteUrl } from "@/lib/server/urls";

const ref = z.object({ integrationId: z.uuid() });
const pagePath = (org: string, id: string) => `/${org}/settings/integrations/${id}`;

export type RotatedView = { url: string; token?: string; previousValidUntil: string };

export const rotateAction = orgAction<typeof ref, RotatedView>(
  "admin",
  ref,
  async ({ db, org, user }, { integrationId }) => {
    const rotated = await rotateIntegrationSecret(db, org.id, integrationId, { userId: user.id, label: user.email });
    revalidatePath(pagePath(org.slug, integrationId));
    return {
      data: {
        url: absoluteUrl(rotated.path),
        token: providers[rotated.provider].kind === "aiflow" ? rotated.secret : undefined,
        previousValidUntil: rotated.previousValidUntil.toISOString(),
      },
    };
  },
);

export const setEnabledAction = orgAction(
  "admin",
  ref.extend({ isEnabled: z.enum(["true", "false"]).transform((v) => v === "true") }),
  async ({ db, org, user }, { integrationId, isEnabled }) => {
    await setIntegrationEnabled(db, org.id, integrationId, isEnabled, { userId: user.id, label: user.email });
    revalidatePath(pagePath(org.slug, integrationId));
    return {
      message: isEnabled
        ? "Enabled: deliveries are accepted again."
        : "Disabled: deliveries are refused until you enable it.",
    };
  },
);

export const deleteAction = orgAction("admin", ref, async ({ db, org, user }, { integrationId }) => {
  await deleteIntegration(db, org.id, integrationId, { userId: user.id, label: user.email });
  redirect(`/${org.slug}/settings/integrations`);
});

const routingSchema = ref.extend({ config: z.string().max(200_000) });

export const saveRoutingAction = orgAction(
  "admin",
  routingSchema,
  async ({ db, org, user }, { integrationId, config }) => {
    let input: unknown;
    try {
      input = JSON.parse(config);
    } catch {
      throw new AppError("bad_request", "The routing could not be read; reload the page and try again.");
    }
    const saved = await saveAiFlowConfig(db, org.id, { userId: user.id, label: user.email }, integrationId, input);
    revalidatePath(pagePath(org.slug, integrationId));
    revalidatePath(`/${org.slug}/flows`);
    return { message: `Saved: ${saved.routes.length} number${saved.routes.length === 1 ? "" : "s"} routed.` };
  },
);
