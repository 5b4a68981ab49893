import type { z } from "zod";

import { isAppError } from "@/lib/errors";
import { fieldErrors } from "@/lib/validation";

/** What a form's server action answers: success with optional data, or errors to show by the fields. */
export type ActionState<T = unknown> =
  | { ok: true; data?: T; message?: string }
  | { ok: false; error: string; fields?: Record<string, string>; data?: T }
  | null;

/** What an action's handler returns: success (data, message), or a refusal with what to show beside it. */
export type ActionResult<T> = Promise<{ data?: T; message?: string } | { refused: string; data?: T } | void>;

/** The submitted fields, without the framework's own ($ACTION_...) entries. */
export const formFields = (formData: FormData): Record<string, FormDataEntryValue> =>
  Object.fromEntries([...formData.entries()].filter(([key]) => !key.startsWith("$ACTION")));

/**
 * Validates the form and runs the action: invalid fields and AppErrors become a state the form
 * shows beside its fields; anything else is a real failure and propagates (error page, log).
 */
export async function runAction<S extends z.ZodType, T>(
  schema: S,
  fields: Record<string, FormDataEntryValue>,
  run: (input: z.output<S>) => ActionResult<T>,
): Promise<ActionState<T>> {
  const parsed = schema.safeParse(fields);
  if (!parsed.success)
    return { ok: false, error: "Please correct the fields marked below.", fields: fieldErrors(parsed.error) };
  try {
    const result = await run(parsed.data);
    if (result && "refused" in result)
      return { ok: false, error: result.refused, ...(result.data !== undefined ? { data: result.data } : {}) };
    return { ok: true, ...(result ?? {}) };
  } catch (error) {
    if (isAppError(error)) return { ok: false, error: error.message, fields: error.fields };
    throw error;
  }
}
