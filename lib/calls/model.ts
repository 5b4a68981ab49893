import { z } from "zod";

import { INT4_MAX } from "./storable";

/** The stored shapes of a call's parts, for pages and components (which never import lib/db). */
export type { ActionItem, CallParty, SmallTalkItem, SmartAnswer } from "@/lib/db/schema";

// The provider-neutral shape every vendor mapper produces and the one upsert consumes. Strings
// are as the vendor sent them; the upsert normalises numbers (E.164), sanitises HTML and builds
// the search document, so no provider has to.

export const partyRoles = ["caller", "callee", "agent", "assistant"] as const;
export const directions = ["inbound", "outbound", "internal", "unknown"] as const;

export const partySchema = z.object({
  role: z.enum(partyRoles),
  /** Phone number as sent; stored in E.164 where it parses. */
  number: z.string().max(64).optional(),
  name: z.string().max(200).optional(),
  extension: z.string().max(32).optional(),
  email: z.string().max(254).optional(),
});

export const segmentSchema = z.object({
  /** Display name of who spoke ("Anna Schmidt", "caller"). */
  speaker: z.string().max(200).optional(),
  /** Which side spoke, when known: the role of the matching party. */
  speakerRole: z.enum(partyRoles).optional(),
  /** Milliseconds from the start of the call. */
  startMs: z.number().int().min(0).max(INT4_MAX).optional(),
  endMs: z.number().int().min(0).max(INT4_MAX).optional(),
  text: z.string().max(100_000),
});

export const actionItemSchema = z.object({ text: z.string().min(1).max(2000), isDone: z.boolean().default(false) });
export const smallTalkSchema = z.object({
  topic: z.string().max(500),
  description: z.string().max(5000).optional(),
  isPinned: z.boolean().default(false),
  isDismissed: z.boolean().default(false),
});
export const smartAnswerSchema = z.object({ question: z.string().max(2000), answer: z.string().max(10_000) });

export const normalisedCallSchema = z.object({
  /** The vendor's id of the call; with the provider and organisation it identifies the call. */
  vendorCallId: z.string().min(1).max(500),
  direction: z.enum(directions).default("unknown"),
  startedAt: z.date().optional(),
  endedAt: z.date().optional(),
  durationSeconds: z.number().int().min(0).max(INT4_MAX).optional(),
  /** Name of the line or channel the call came in on. */
  channel: z.string().max(200).optional(),
  headline: z.string().max(1000).optional(),
  summary: z.string().max(100_000).optional(),
  /** Vendor HTML, unsanitised: the upsert keeps only a sanitised copy. */
  summaryHtml: z.string().max(200_000).optional(),
  note: z.string().max(100_000).optional(),
  language: z.string().max(35).optional(),
  parties: z.array(partySchema).max(100).default([]),
  transcript: z.array(segmentSchema).max(50_000).default([]),
  actionItems: z.array(actionItemSchema).max(500).default([]),
  smallTalk: z.array(smallTalkSchema).max(500).default([]),
  smartAnswers: z.array(smartAnswerSchema).max(500).default([]),
  tags: z.array(z.string().min(1).max(100)).max(200).default([]),
  /** When the vendor last changed this record (vCon updated_at), to keep older deliveries from overwriting newer ones. */
  vendorUpdatedAt: z.date().optional(),
});

export type NormalisedCall = z.output<typeof normalisedCallSchema>;
export type NormalisedCallInput = z.input<typeof normalisedCallSchema>;
export type Party = z.output<typeof partySchema>;
export type Segment = z.output<typeof segmentSchema>;

/**
 * What a provider's parser answers: the call, or why the payload was refused, with the failing
 * fields (a path like "call.startTime" or "dialog[0].parties[1]") for the 422 body.
 */
export type ParseResult =
  { ok: true; call: NormalisedCall } | { ok: false; error: string; fields?: Record<string, string> };
