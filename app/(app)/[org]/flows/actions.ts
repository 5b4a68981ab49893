"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";

import { orgAction } from "@/lib/auth/org-action";
import { createFlow } from "@/lib/flows/create-flow";
import { importFlow } from "@/lib/flows/import-flow";
import { deleteFlow, duplicateFlow, renameFlow } from "@/lib/flows/manage-flow";
import { publishFlow } from "@/lib/flows/publish-flow";
import { flowTemplateIdSchema, templateById } from "@/lib/flows/templates";
import type { FlowIssue } from "@/lib/flows/validate";

const importSchema = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(80, "Use at most 80 characters."),
  document: z
    .string()
    .trim()
    .min(1, "Choose a flow file or paste its JSON.")
    .max(8_000_000, "The document is larger than 8 MB."),
});

export type ImportView = { flowId: string; version?: number; issues: FlowIssue[] };

export const importFlowAction = orgAction<typeof importSchema, ImportView>(
  "admin",
  importSchema,
  async ({ db, org, user }, input) => {
    const imported = await importFlow(
      db,
      org.id,
      { userId: user.id, label: user.email },
      { name: input.name, text: input.document },
    );
    revalidatePath(`/${org.slug}/flows`);
    if (imported.version)
      return { data: imported, message: `Imported "${input.name}" and published it as version ${imported.version}.` };
    return {
      refused: `Imported "${input.name}" as a draft: it has errors, so it is not published. Fix them and import again.`,
      data: imported,
    };
  },
);

const publishSchema = z.object({ flowId: z.uuid(), note: z.string().max(500).default("") });

export const publishFlowAction = orgAction<typeof publishSchema, { issues: FlowIssue[] }>(
  "admin",
  publishSchema,
  async ({ db, org, user }, input) => {
    const outcome = await publishFlow(db, org.id, { userId: user.id, label: user.email }, input);
    revalidatePath(`/${org.slug}/flows`);
    if ("refused" in outcome)
      return { refused: "Not published: the flow has errors.", data: { issues: outcome.refused } };
    return { message: `Published version ${outcome.published.version}.`, data: { issues: [] } };
  },
);

// "flowName": the flows page also has the import form, whose field is "name" (ids must differ).
const createSchema = z.object({
  flowName: z.string().trim().min(1, "Enter a name.").max(80, "Use at most 80 characters."),
  template: flowTemplateIdSchema,
});

export const createFlowAction = orgAction<typeof createSchema, { flowId: string }>(
  "admin",
  createSchema,
  async ({ db, org, user }, input) => {
    const template = templateById(input.template);
    if (!template) return { refused: "No such template." };
    const created = await createFlow(
      db,
      org.id,
      { userId: user.id, label: user.email },
      { name: input.flowName, document: template.document() },
    );
    redirect(`/${org.slug}/flows/${created.id}`);
  },
);

const flowIdSchema = z.object({ flowId: z.uuid() });

const renameSchema = flowIdSchema.extend({ name: z.string().max(200) });

export const renameFlowAction = orgAction<typeof renameSchema, unknown>(
  "admin",
  renameSchema,
  async ({ db, org, user }, input) => {
    const renamed = await renameFlow(db, org.id, { userId: user.id, label: user.email }, input);
    revalidatePath(`/${org.slug}/flows`);
    return { message: `Renamed to "${renamed.name}".` };
  },
);

export const duplicateFlowAction = orgAction<typeof flowIdSchema, unknown>(
  "admin",
  flowIdSchema,
  async ({ db, org, user }, input) => {
    await duplicateFlow(db, org.id, { userId: user.id, label: user.email }, input);
    revalidatePath(`/${org.slug}/flows`);
    return { message: "Duplicated: the copy is a draft until you publish it." };
  },
);

export const deleteFlowAction = orgAction<typeof flowIdSchema, unknown>(
  "admin",
  flowIdSchema,
  async ({ db, org, user }, input) => {
    await deleteFlow(db, org.id, { userId: user.id, label: user.email }, input);
    revalidatePath(`/${org.slug}/flows`);
    return { message: "Flow deleted." };
  },
);
