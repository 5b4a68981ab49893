import type { ParseResult } from "@/lib/calls/model";

import { finish, refuse } from "../result";
import { isVconLike, parseVcon } from "../vcon/parse";
import { mapSipgateBundle } from "./map";
import { sipgateBundleSchema } from "./schema";

/**
 * The sipgate AI Assistant webhook sends its JSON bundle or, when so configured in the sipgate
 * app, a vCon. The request looks the same either way, so the content decides.
 */
export function parseSipgate(body: unknown): ParseResult {
  if (isVconLike(body)) return parseVcon(body);
  const bundle = sipgateBundleSchema.safeParse(body);
  if (!bundle.success) return refuse("Not a valid sipgate AI Assistant bundle", bundle.error);
  return finish(mapSipgateBundle(bundle.data));
}
