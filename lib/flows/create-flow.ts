import { z } from "zod";

import { recordAudit, type Actor } from "@/lib/audit/record";
import { flows } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

import { parseFlowDocument, type FlowDocument } from "./schema";

export const flowNameSchema = z.string().trim().min(1, "Enter a name.").max(80, "Use at most 80 characters.");

/** A new flow with this document as its draft (not published yet). */
export async function createFlow(
  db: Db,
  orgId: string,
  actor: Actor,
  input: { name: string; document: FlowDocument },
): Promise<{ id: string }> {
  const name = parseInput(flowNameSchema, input.name, "Cannot create the flow");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(flows)
      .values({ orgId, name, draft: input.document, draftUpdatedBy: actor.label, createdBy: actor.userId })
      .returning({ id: flows.id });
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, {
      orgId,
      actor,
      action: "flow.created",
      targetType: "flow",
      targetId: row.id,
      after: { name, nodes: input.document.nodes.length },
    });
    return row;
  });
}

/** Reads an uploaded or pasted document; a 422 that names the wrong field otherwise. */
export function readFlowDocumentText(text: string): FlowDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const message = `The document is not JSON: ${error instanceof Error ? error.message : "parse error"}`;
    throw new AppError("unprocessable", message, { document: message });
  }
  const parsed = parseFlowDocument(json);
  if (!parsed.ok) throw new AppError("unprocessable", parsed.error, { document: parsed.error });
  return parsed.document;
}
