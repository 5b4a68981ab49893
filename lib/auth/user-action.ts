import type { z } from "zod";

import type { Db } from "@/lib/db/types";

import { formFields, runAction, type ActionResult, type ActionState } from "./action-state";
import { requireUserContext } from "./current-user";
import type { CurrentUser } from "./sessions";

/** Like orgAction, for actions of a signed-in user outside any organisation (password, new organisation). */
export function userAction<S extends z.ZodType, T>(
  schema: S,
  handler: (ctx: { user: CurrentUser; db: Db }, input: z.output<S>) => ActionResult<T>,
  options: { allowPasswordChange?: boolean } = {},
): (previous: ActionState<T>, formData: FormData) => Promise<ActionState<T>> {
  return async (_previous, formData) => {
    const ctx = await requireUserContext(options);
    return runAction(schema, formFields(formData), (input) => handler(ctx, input));
  };
}
