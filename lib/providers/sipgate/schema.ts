import { z } from "zod";

// The sipgate AI Assistant webhook bundle (seed 000). Every field is optional except the call id:
// sipgate sends what the AI produced, and a call without a summary is still a call.
const text = z.string().max(100_000);
const time = z.union([z.number(), z.string().max(64)]);

export const sipgateBundleSchema = z.looseObject({
  callHeadline: text.nullish(),
  call: z.looseObject({
    id: z.union([z.string().min(1).max(500), z.number()], {
      error: "call.id is required: the id of the call at sipgate",
    }),
    caller: z.string().max(64).nullish(),
    callee: z.string().max(64).nullish(),
    startTime: time.nullish(),
    endTime: time.nullish(),
    duration: z.union([z.number(), z.string().max(32)]).nullish(),
    direction: z.string().max(32).nullish(),
  }),
  channel: z
    .looseObject({ id: z.union([z.string(), z.number()]).nullish(), name: z.string().max(200).nullish() })
    .nullish(),
  transcriptions: z
    .array(
      z.looseObject({
        speaker: z.string().max(200).nullish(),
        startTime: z.number().nullish(),
        endTime: z.number().nullish(),
        text: text.nullish(),
      }),
    )
    .max(50_000)
    .nullish(),
  summary: text.nullish(),
  note: z.union([z.looseObject({ content: text.nullish() }), text]).nullish(),
  actionItems: z
    .array(
      z.union([
        z.looseObject({
          id: z.unknown().optional(),
          text: z.string().max(2000),
          done: z.boolean().nullish(),
          completed: z.boolean().nullish(),
        }),
        z.string().max(2000),
      ]),
    )
    .max(500)
    .nullish(),
  smallTalkItems: z
    .array(
      z.looseObject({
        topic: z.string().max(500).nullish(),
        description: z.string().max(5000).nullish(),
        pinned: z.boolean().nullish(),
        dismissed: z.boolean().nullish(),
      }),
    )
    .max(500)
    .nullish(),
  smartAnswers: z
    .array(z.looseObject({ question: z.string().max(2000).nullish(), answer: z.string().max(10_000).nullish() }))
    .max(500)
    .nullish(),
});

export type SipgateBundle = z.output<typeof sipgateBundleSchema>;
