import type { ParseResult } from "@/lib/calls/model";

import { finish } from "../result";
import { mapPbxBody } from "./map";

/** A PBX summary body: any JSON object; the fields we know are taken, the rest stays in the raw payload. */
export function parsePbx(body: unknown): ParseResult {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    return {
      ok: false,
      error: "The body must be a JSON object with the call's fields (see the accepted fields on the integration page).",
    };
  }
  const call = mapPbxBody(Object.fromEntries(Object.entries(body)));
  if (
    !call.summary &&
    !call.summaryHtml &&
    !call.note &&
    call.actionItems?.length === 0 &&
    call.transcript?.length === 0 &&
    !call.headline
  ) {
    return {
      ok: false,
      error:
        "The body has no summary, overview, notes, action points, headline or transcript under any accepted name, so there is nothing to record.",
      fields: { summary: "missing" },
    };
  }
  return finish(call);
}
