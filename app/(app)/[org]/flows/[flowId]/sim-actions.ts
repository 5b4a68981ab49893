"use server";

// The flow editor's simulator and replay: effects run for real (admins), recorded sessions listed and loaded.
import { notFound } from "next/navigation";
import { z } from "zod";

import { performEffect } from "@/lib/aiflow/effects";
import { requireOrgMember, type OrgContext } from "@/lib/auth/require-org-member";
import { hasRole } from "@/lib/auth/roles";
import { getFlow } from "@/lib/flows/queries";
import type { Effect, EffectResult } from "@/lib/flows/session-state";
import { getSessionRecording, listFlowSessions } from "@/lib/flows/sessions";
import { offlineResult } from "@/lib/flows/simulate";

const slugSchema = z.string().max(64);
const idSchema = z.uuid();

// Rendered templates can be longer than what an admin typed: variables hold what callers said.
const budgetMs = z.number().int().min(100).max(15_000);
const nodeId = z.string().min(1).max(64);
const effectSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("ai"),
    nodeId,
    instructions: z.string().max(100_000),
    history: z.array(z.object({ role: z.enum(["caller", "assistant"]), text: z.string().max(500) })).max(12),
    utterance: z.string().max(20_000),
    budgetMs,
  }),
  z.object({
    kind: z.literal("http"),
    nodeId,
    method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]),
    url: z.string().max(8000),
    headers: z.array(z.object({ name: z.string().max(100), value: z.string().max(8000) })).max(20),
    body: z.string().max(200_000).optional(),
    budgetMs,
  }),
]);

/** The member's organisation, and the flow in it (another organisation's flow is a 404). */
async function flowOf(orgSlug: unknown, flowId: unknown): Promise<OrgContext & { flowId: string }> {
  const ctx = await requireOrgMember(slugSchema.parse(orgSlug));
  const id = idSchema.safeParse(flowId);
  if (!id.success || !(await getFlow(ctx.db, ctx.org.id, id.data))) notFound();
  return { ...ctx, flowId: id.data };
}

/** An AI reply or HTTP request of a simulated call. Only admins reach the model or the URL; members get the offline result. */
export async function simulateEffect(orgSlug: string, flowId: string, effect: Effect): Promise<EffectResult> {
  const ctx = await flowOf(orgSlug, flowId);
  const parsed = effectSchema.parse(effect);
  if (!hasRole(ctx.role, "admin")) return offlineResult(parsed);
  return performEffect({ db: ctx.db, orgId: ctx.org.id }, parsed);
}

export async function listSessions(orgSlug: string, flowId: string) {
  const ctx = await flowOf(orgSlug, flowId);
  return listFlowSessions(ctx.db, ctx.org.id, ctx.flowId, { limit: 50 });
}

/** A recorded session of this flow with its events; null when there is none (or it belongs to another flow). */
export async function loadRecording(orgSlug: string, flowId: string, sessionId: string) {
  const ctx = await flowOf(orgSlug, flowId);
  const id = idSchema.safeParse(sessionId);
  if (!id.success) return null;
  const recording = await getSessionRecording(ctx.db, ctx.org.id, id.data);
  if (!recording || recording.session.flowId !== ctx.flowId) return null;
  return recording;
}
