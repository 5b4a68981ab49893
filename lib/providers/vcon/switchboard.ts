import { z } from "zod";

import { partyRoles, type NormalisedCall, type Segment } from "@/lib/calls/model";

import { clip } from "./values";

// Switchboard's own vCon export writes analyses with `vendor: "switchboard"` whose bodies are
// these shapes. They map back field for field, without trimming or guessing, so that exporting
// a call and importing the file again gives the same call. Lengths are still clipped to the
// model's limits (a no-op for a real export) because other vendors may copy these shapes.

const maybe = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

const transcriptSchema = z.array(
  z.object({
    speaker: maybe(z.string()),
    role: maybe(z.enum(partyRoles)),
    start_ms: maybe(z.number().int().min(0)),
    end_ms: maybe(z.number().int().min(0)),
    text: z.string(),
  }),
);

const actionItemsSchema = z.array(z.object({ text: z.string().min(1), done: maybe(z.boolean()) }));

const smallTalkSchema = z.array(
  z.object({
    topic: z.string(),
    description: maybe(z.string()),
    pinned: maybe(z.boolean()),
    dismissed: maybe(z.boolean()),
  }),
);

const smartAnswersSchema = z.array(z.object({ question: z.string(), answer: z.string() }));

export function switchboardTranscript(body: unknown): Segment[] | undefined {
  const parsed = transcriptSchema.safeParse(body);
  if (!parsed.success) return undefined;
  return parsed.data
    .filter((s) => s.text !== "")
    .map((s) => {
      // Only the keys the export wrote, so a re-import compares equal to the original.
      const segment: Segment = { text: clip(s.text, 100_000) ?? "" };
      if (s.speaker !== undefined) segment.speaker = clip(s.speaker, 200);
      if (s.role !== undefined) segment.speakerRole = s.role;
      if (s.start_ms !== undefined) segment.startMs = s.start_ms;
      if (s.end_ms !== undefined) segment.endMs = s.end_ms;
      return segment;
    });
}

export function switchboardActionItems(body: unknown): NormalisedCall["actionItems"] | undefined {
  const parsed = actionItemsSchema.safeParse(body);
  return parsed.success
    ? parsed.data.map((a) => ({ text: clip(a.text, 2000) ?? "", isDone: a.done ?? false }))
    : undefined;
}

export function switchboardSmallTalk(body: unknown): NormalisedCall["smallTalk"] | undefined {
  const parsed = smallTalkSchema.safeParse(body);
  if (!parsed.success) return undefined;
  return parsed.data.map((t) => ({
    topic: clip(t.topic, 500) ?? "",
    ...(t.description !== undefined ? { description: clip(t.description, 5000) } : {}),
    isPinned: t.pinned ?? false,
    isDismissed: t.dismissed ?? false,
  }));
}

export function switchboardSmartAnswers(body: unknown): NormalisedCall["smartAnswers"] | undefined {
  const parsed = smartAnswersSchema.safeParse(body);
  return parsed.success
    ? parsed.data.map((a) => ({ question: clip(a.question, 2000) ?? "", answer: clip(a.answer, 10_000) ?? "" }))
    : undefined;
}
