import { z } from "zod";

import { formFields, runAction, type ActionResult, type ActionState } from "./action-state";
import { requireOrgMember, type OrgContext } from "./require-org-member";
import type { Role } from "./roles";

export type { ActionState } from "./action-state";

const orgField = z.object({ org: z.string().max(64) });

/**
 * The wrapper for every organisation-scoped server action: checks membership and role (the org
 * slug comes from the form's hidden `org` field), validates the form with zod, and turns an
 * AppError into a message beside the form instead of an error page.
 */
export function orgAction<S extends z.ZodType, T>(
  minRole: Role,
  schema: S,
  handler: (ctx: OrgContext, input: z.output<S>) => ActionResult<T>,
): (previous: ActionState<T>, formData: FormData) => Promise<ActionState<T>> {
  return async (_previous, formData) => {
    const fields = formFields(formData);
    const ctx = await requireOrgMember(orgField.parse(fields).org, minRole);
    return runAction(schema, fields, (input) => handler(ctx, input));
  };
}
