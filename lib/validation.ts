import { z } from "zod";

import { AppError } from "@/lib/errors";

export const emailSchema = z
  .string()
  .trim()
  .max(254, "Email addresses have at most 254 characters.")
  .pipe(z.email("Enter a valid email address, like name@example.com."))
  .transform((v) => v.toLowerCase());

export const orgNameSchema = z.string().trim().min(1, "Enter a name.").max(80, "Use at most 80 characters.");

export const personNameSchema = z.string().trim().max(80, "Use at most 80 characters.");

// Top-level paths the app uses itself; an organisation with one of these slugs would be unreachable.
const reservedSlugs = new Set([
  "api",
  "sign-in",
  "sign-out",
  "sign-up",
  "invite",
  "account",
  "orgs",
  "new",
  "settings",
  "admin",
  "forgot-password",
  "reset-password",
  "_next",
  "static",
  "public",
  "assets",
  "favicon.ico",
  "robots.txt",
  "health",
  "ready",
  "docs",
]);

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "Use at least 2 characters.")
  .max(40, "Use at most 40 characters.")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens, e.g. acme-support.")
  .refine((v) => !reservedSlugs.has(v), "This address is reserved. Choose another.");

/** True when a URL segment could be an organisation slug; anything else is a 404 without a query. */
export const isPlausibleSlug = (value: string): boolean =>
  value.length <= 40 && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value);

/** Turns a name into a slug suggestion: "Müller & Söhne GmbH" → "muller-sohne-gmbh". */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
}

/** Field name → first problem, from a zod error, for forms and JSON error bodies. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Parses input or throws a 422 AppError that names every wrong field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = fieldErrors(result.error);
  const detail = Object.entries(fields)
    .map(([key, message]) => (key === "_" ? message : `${key}: ${message}`))
    .join(" ");
  throw new AppError("unprocessable", `${what}. ${detail}`, fields);
}
