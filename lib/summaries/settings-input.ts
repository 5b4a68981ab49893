import { z } from "zod";

import { summaryProviders } from "@/lib/db/schema";

import { summaryLanguageCodes } from "./languages";

const checkbox = z.preprocess((v) => v === "on" || v === "1" || v === "true" || v === true, z.boolean());

/** The summary settings form, as submitted. An empty API key keeps the stored one. */
export const summarySettingsInput = z
  .object({
    baseVersion: z.coerce.number().int().min(0),
    baseInstructions: z.string().trim().max(8000, "Use at most 8,000 characters."),
    provider: z.enum(summaryProviders, { error: "Choose the built-in summariser or an OpenAI-compatible endpoint." }),
    baseUrl: z.string().trim().max(500).optional().default(""),
    model: z.string().trim().max(200, "Use at most 200 characters.").optional().default(""),
    apiKey: z.string().trim().max(1000, "That is too long for an API key.").optional().default(""),
    removeApiKey: checkbox.optional().default(false),
    includeInternal: checkbox.optional().default(false),
    language: z
      .union([z.literal(""), z.enum(summaryLanguageCodes)], { error: "Choose a language from the list." })
      .optional()
      .default(""),
  })
  .superRefine((v, ctx) => {
    if (v.provider !== "openai") return;
    const url = z.url({ protocol: /^https?$/ }).safeParse(v.baseUrl);
    if (!v.baseUrl)
      ctx.addIssue({
        code: "custom",
        path: ["baseUrl"],
        message: "Enter the endpoint's base URL, such as https://api.openai.com/v1.",
      });
    else if (!url.success)
      ctx.addIssue({
        code: "custom",
        path: ["baseUrl"],
        message: "Enter an http(s) URL, such as https://api.openai.com/v1.",
      });
    if (!v.model)
      ctx.addIssue({
        code: "custom",
        path: ["model"],
        message: "Enter the model's name, such as gpt-4o-mini or mistral-small-latest.",
      });
  });

export type SummarySettingsInput = z.output<typeof summarySettingsInput>;
