import type { z } from "zod";
import type { Db } from "@/lib/db/types";
import { isAppError } from "@/lib/errors";
import { fieldErrors } from "@/lib/validation";
import { requireUserContext } from "./current-user";
import type { ActionState } from "./org-action";
import type { CurrentUser } from "./sessions";

/** Like orgAction, for actions of a signed-in user outside any organisation (password, new organisation). */
export function userAction<S extends z.ZodType, T>(
  schema: S,
  handler: (ctx: { user: CurrentUser; db: Db }, input: z.output<S>) => Promise<{ data?: T; message?: string } | void>,
  options: { allowPasswordChange?: boolean } = {},
): (previous: ActionState<T>, formData: FormData) => Promise<ActionState<T>> {
  return async (_previous, formData) => {
    const ctx = await requireUserContext(options);
    const parsed = schema.safeParse(Object.fromEntries(formData.entries()));
    if (!parsed.success) return { ok: false, error: "Please correct the fields marked below.", fields: fieldErrors(parsed.error) };
    try {
      const result = await handler(ctx, parsed.data);
      return { ok: true, ...(result ?? {}) };
    } catch (error) {
      if (isAppError(error)) return { ok: false, error: error.message, fields: error.fields };
      throw error;
    }
  };
}
