"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import type { DraftSaveResult, PublishResult } from "@/components/flow-builder/types";
import { routeNumber } from "@/lib/aiflow/save-config";
import { requireOrgMember } from "@/lib/auth/require-org-member";
import { isAppError } from "@/lib/errors";
import { publishFlow } from "@/lib/flows/publish-flow";
import { getDraft } from "@/lib/flows/queries";
import { rollbackFlow } from "@/lib/flows/rollback";
import { saveDraft } from "@/lib/flows/save-draft";

// The editor's actions, called from its client code with plain arguments. Each checks the
// caller's membership and role in the organisation named, and scopes everything to it.

const ids = z.object({ orgSlug: z.string().max(64), flowId: z.uuid() });
const who = (user: { id: string; email: string }) => ({ userId: user.id, label: user.email });
const messageOf = (error: unknown): string => {
  if (isAppError(error)) return error.message;
  throw error;
};

export async function saveDraftAction(
  orgSlug: string,
  flowId: string,
  baseRevision: number,
  document: unknown,
  force: boolean,
): Promise<DraftSaveResult> {
  const input = ids
    .extend({ baseRevision: z.number().int().min(1), force: z.boolean() })
    .parse({ orgSlug, flowId, baseRevision, force });
  const { db, org, user } = await requireOrgMember(input.orgSlug, "admin");
  try {
    const outcome = await saveDraft(db, org.id, who(user), {
      flowId: input.flowId,
      baseRevision: input.baseRevision,
      document,
      force: input.force,
    });
    if ("conflict" in outcome)
      return { ok: false, conflict: { ...outcome.conflict, updatedAt: outcome.conflict.updatedAt.toISOString() } };
    return {
      ok: true,
      revision: outcome.saved.revision,
      updatedAt: outcome.saved.updatedAt.toISOString(),
      updatedBy: outcome.saved.updatedBy,
    };
  } catch (error) {
    return { ok: false, error: messageOf(error) };
  }
}

export async function publishAction(
  orgSlug: string,
  flowId: string,
  baseRevision: number,
  note: string,
): Promise<PublishResult> {
  const input = ids
    .extend({ baseRevision: z.number().int().min(1), note: z.string().max(500, "Keep the note under 500 characters.") })
    .safeParse({ orgSlug, flowId, baseRevision, note });
  if (!input.success) return { ok: false, error: input.error.issues[0]?.message ?? "Invalid input." };
  const { db, org, user } = await requireOrgMember(input.data.orgSlug, "admin");
  try {
    const outcome = await publishFlow(db, org.id, who(user), {
      flowId: input.data.flowId,
      note: input.data.note,
      baseRevision: input.data.baseRevision,
    });
    if ("refused" in outcome)
      return {
        ok: false,
        error: "Not published: the flow has errors. Fix the problems listed first.",
        issues: outcome.refused,
      };
    if ("stale" in outcome)
      return {
        ok: false,
        stale: true,
        error: `Not published: ${outcome.stale.updatedBy} saved a newer draft at ${outcome.stale.updatedAt.toISOString()}. Reload it first.`,
      };
    revalidatePath(`/${org.slug}/flows`);
    return {
      ok: true,
      version: outcome.published.version,
      message: `Published version ${outcome.published.version}. New calls use it now.`,
    };
  } catch (error) {
    return { ok: false, error: messageOf(error) };
  }
}

export async function rollbackAction(
  orgSlug: string,
  flowId: string,
  baseRevision: number,
  version: number,
): Promise<PublishResult> {
  const input = ids
    .extend({ baseRevision: z.number().int().min(1), version: z.number().int().min(1) })
    .parse({ orgSlug, flowId, baseRevision, version });
  const { db, org, user } = await requireOrgMember(input.orgSlug, "admin");
  try {
    const outcome = await rollbackFlow(db, org.id, who(user), {
      flowId: input.flowId,
      version: input.version,
      baseRevision: input.baseRevision,
    });
    if ("stale" in outcome)
      return {
        ok: false,
        stale: true,
        error: `Not rolled back: ${outcome.stale.updatedBy} saved a newer draft at ${outcome.stale.updatedAt.toISOString()}. Reload it first.`,
      };
    revalidatePath(`/${org.slug}/flows`);
    const draft = await getDraft(db, org.id, input.flowId);
    return {
      ok: true,
      version: outcome.rolledBack.version,
      message: `Version ${input.version} is live again as version ${outcome.rolledBack.version}; the draft now shows it.`,
      ...(draft ? { draft: { ...draft, updatedAt: draft.updatedAt.toISOString() } } : {}),
    };
  } catch (error) {
    return { ok: false, error: messageOf(error) };
  }
}

export async function assignNumberAction(
  orgSlug: string,
  flowId: string,
  integrationId: string,
  number: string,
): Promise<{ ok: true; message: string } | { ok: false; error: string }> {
  const parsed = ids
    .extend({
      integrationId: z.uuid("Choose an AI Flow endpoint."),
      number: z.string().trim().min(1, "Enter a phone number.").max(32),
    })
    .safeParse({ orgSlug, flowId, integrationId, number });
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid input." };
  const { db, org, user } = await requireOrgMember(parsed.data.orgSlug, "admin");
  try {
    const config = await routeNumber(db, org.id, who(user), parsed.data.integrationId, {
      number: parsed.data.number,
      flowId: parsed.data.flowId,
    });
    revalidatePath(`/${org.slug}/flows`);
    const routed = config.routes.find((r) => r.flowId === parsed.data.flowId);
    return { ok: true, message: `${routed?.number ?? parsed.data.number} now starts calls on this flow.` };
  } catch (error) {
    return { ok: false, error: messageOf(error) };
  }
}
