import { z } from "zod";

import { E164 } from "./protocol";

// What an AI Flow integration keeps in `integrations.config`: which flow answers which of its
// phone numbers, and what a number without a flow gets.

const e164 = z.string().trim().regex(E164, "Use E.164, like +493012345678.");

export const aiFlowRouteSchema = z.object({ number: e164, flowId: z.uuid("Choose a flow.") });

export const aiFlowFallbackSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("message"), text: z.string().trim().min(1, "Enter what callers hear.").max(1000) }),
  z.object({
    kind: z.literal("transfer"),
    target: e164,
    callerIdName: z.string().trim().min(1, "Enter a caller id name.").max(100),
    callerIdNumber: e164,
  }),
]);
export type AiFlowFallback = z.output<typeof aiFlowFallbackSchema>;

export const defaultFallback: AiFlowFallback = {
  kind: "message",
  text: "Sorry, this number is not in service right now. Goodbye.",
};

export const aiFlowConfigSchema = z.object({
  routes: z
    .array(aiFlowRouteSchema)
    .max(1000)
    .default([])
    .refine(
      (routes) => new Set(routes.map((r) => r.number)).size === routes.length,
      "Each number can lead to one flow only.",
    ),
  fallback: aiFlowFallbackSchema.default(defaultFallback),
});
export type AiFlowConfig = z.output<typeof aiFlowConfigSchema>;

/** The stored config, tolerating integrations created before routing existed. */
export function readAiFlowConfig(config: unknown): AiFlowConfig {
  const parsed = aiFlowConfigSchema.safeParse(config ?? {});
  return parsed.success ? parsed.data : { routes: [], fallback: defaultFallback };
}

/** "+49 30 1234-567" → "+49301234567" for matching the number an event names. */
export const compactNumber = (value: string | undefined): string => (value ?? "").replace(/[^\d+]/g, "");
