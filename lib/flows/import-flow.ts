import type { Actor } from "@/lib/audit/record";
import type { Db } from "@/lib/db/types";

import { createFlow, readFlowDocumentText } from "./create-flow";
import { publishFlow } from "./publish-flow";
import type { FlowIssue } from "./validate";

export type ImportedFlow = { flowId: string; version?: number; issues: FlowIssue[] };

/**
 * A flow from its JSON document (until the editor exists, the way flows are made): created as a
 * draft and published at once when it has no errors; with errors it stays a draft and the
 * errors come back to be fixed.
 */
export async function importFlow(
  db: Db,
  orgId: string,
  actor: Actor,
  input: { name: string; text: string; publish?: boolean },
): Promise<ImportedFlow> {
  const document = readFlowDocumentText(input.text);
  const { id } = await createFlow(db, orgId, actor, { name: input.name, document });
  if (input.publish === false) return { flowId: id, issues: [] };
  const outcome = await publishFlow(db, orgId, actor, { flowId: id, note: "Imported" });
  return "published" in outcome
    ? { flowId: id, version: outcome.published.version, issues: [] }
    : { flowId: id, issues: outcome.refused };
}
