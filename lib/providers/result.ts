import type { z } from "zod";

import { normalisedCallSchema, type NormalisedCallInput, type ParseResult } from "@/lib/calls/model";
import { withinStorableRanges } from "@/lib/calls/storable";
import { fieldErrors } from "@/lib/validation";

/** A refusal that names the failing fields of the vendor's payload (paths like call.startTime). */
export function refuse(error: string, issues?: z.ZodError): ParseResult {
  if (!issues) return { ok: false, error };
  const fields = fieldErrors(issues);
  const detail = Object.entries(fields)
    .slice(0, 5)
    .map(([path, message]) => `${path}: ${message}`)
    .join("; ");
  return { ok: false, error: `${error}: ${detail}`, fields };
}

/** Checks a mapped call against the normalised model's limits, without the values no table can hold. */
export function finish(call: NormalisedCallInput): ParseResult {
  const parsed = normalisedCallSchema.safeParse(withinStorableRanges(call));
  return parsed.success
    ? { ok: true, call: parsed.data }
    : refuse("The call does not fit Switchboard's limits", parsed.error);
}
