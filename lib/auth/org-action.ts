import { z } from "zod";
import { isAppError } from "@/lib/errors";
import { fieldErrors } from "@/lib/validation";
import { requireOrgMember, type OrgContext } from "./require-org-member";
import type { Role } from "./roles";

/** What a form's server action answers: success with optional data, or errors to show by the fields. */
export type ActionState<T = unknown> =
  | { ok: true; data?: T; message?: string }
  | { ok: false; error: string; fields?: Record<string, string> }
  | null;

const orgField = z.object({ org: z.string().max(64) });

/**
 * The wrapper for every organisation-scoped server action: checks membership and role (the org
 * slug comes from the form's hidden `org` field), validates the form with zod, and turns an
 * AppError into a message beside the form instead of an error page.
 */
export function orgAction<S extends z.ZodType, T>(
  minRole: Role,
  schema: S,
  handler: (ctx: OrgContext, input: z.output<S>) => Promise<{ data?: T; message?: string } | void>,
): (previous: ActionState<T>, formData: FormData) => Promise<ActionState<T>> {
  return async (_previous, formData) => {
    const raw = Object.fromEntries([...formData.entries()].filter(([key]) => !key.startsWith("$ACTION")));
    const { org } = orgField.parse(raw);
    const ctx = await requireOrgMember(org, minRole);
    const parsed = schema.safeParse(raw);
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
