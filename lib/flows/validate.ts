import {
  builtinVariables,
  exitsOf,
  templateVariables,
  variableNamePattern,
  type FlowDocument,
  type FlowNode,
} from "./schema";
import { silentCycles } from "./silent-cycles";
import { checkBargeIn, checkNode, label } from "./validate-nodes";

// What is wrong with a flow, node by node, so the editor can mark it and publishing can refuse
// it. Errors block publishing; warnings do not. Pure: runs in the browser as you edit.

export type FlowIssue = {
  severity: "error" | "warning";
  code: string;
  message: string;
  nodeId?: string;
  field?: string;
};

export function validateFlow(doc: FlowDocument): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const error = (code: string, message: string, nodeId?: string, field?: string) =>
    issues.push({ severity: "error", code, message, nodeId, field });
  const warn = (code: string, message: string, nodeId?: string, field?: string) =>
    issues.push({ severity: "warning", code, message, nodeId, field });

  const byId = new Map<string, FlowNode>();
  for (const node of doc.nodes) {
    if (byId.has(node.id)) error("duplicate_node", `Two nodes have the id "${node.id}".`, node.id);
    byId.set(node.id, node);
  }

  const starts = doc.nodes.filter((n) => n.kind === "start");
  if (starts.length === 0) error("no_start", "The flow has no start node.");
  for (const extra of starts.slice(1)) error("second_start", "A flow has one start node; remove this one.", extra.id);

  // Edges: from a real exit to a real node, one edge per exit.
  const out = new Map<string, Map<string, string>>();
  const edgeIds = new Set<string>();
  for (const edge of doc.edges) {
    if (edgeIds.has(edge.id)) error("duplicate_edge", `Two connections have the id "${edge.id}".`);
    edgeIds.add(edge.id);
    const source = byId.get(edge.source);
    if (!source) {
      error("edge_source", `A connection starts at a missing node "${edge.source}".`);
      continue;
    }
    if (!byId.has(edge.target)) {
      error(
        "edge_target",
        `Exit "${edge.sourceHandle}" of ${label(source)} leads to a missing node.`,
        source.id,
        edge.sourceHandle,
      );
      continue;
    }
    if (!exitsOf(source).includes(edge.sourceHandle)) {
      error("edge_exit", `${label(source)} has no exit "${edge.sourceHandle}".`, source.id, edge.sourceHandle);
      continue;
    }
    const exits = out.get(source.id) ?? new Map<string, string>();
    if (exits.has(edge.sourceHandle))
      error(
        "exit_twice",
        `Exit "${edge.sourceHandle}" of ${label(source)} is connected twice.`,
        source.id,
        edge.sourceHandle,
      );
    exits.set(edge.sourceHandle, edge.target);
    out.set(source.id, exits);
  }
  const target = (nodeId: string, exit: string) => out.get(nodeId)?.get(exit);

  // Variables: built in, declared, or assigned by some node.
  const known = new Set<string>([...builtinVariables, ...doc.variables.map((v) => v.name)]);
  for (const node of doc.nodes) for (const name of assignedBy(node)) known.add(name);
  const checkText = (node: FlowNode | undefined, field: string, value: string | undefined) => {
    for (const name of templateVariables(value)) {
      if (!known.has(name))
        error(
          "unknown_variable",
          `{{${name}}} is not a variable of this flow${node ? ` (in ${label(node)})` : ""}.`,
          node?.id,
          field,
        );
    }
  };

  for (const node of doc.nodes) checkNode(node, { error, warn, checkText, target });

  // Global phrases jump anywhere; their targets count as reachable.
  const globalTargets: string[] = [];
  for (const [i, phrase] of doc.settings.globalPhrases.entries()) {
    const words = phrase.phrases.filter((p) => p.trim());
    if (words.length === 0)
      warn("global_empty", `Global phrase ${i + 1} has no words.`, undefined, `settings.globalPhrases.${i}`);
    if (!byId.has(phrase.target))
      error(
        "global_target",
        `Global phrase "${words[0] ?? i + 1}" jumps to a missing node.`,
        undefined,
        `settings.globalPhrases.${i}`,
      );
    else globalTargets.push(phrase.target);
  }
  checkBargeIn(doc.settings.bargeIn, undefined, error, warn);

  // Reachability from the start and from global phrases.
  const reached = new Set<string>();
  const queue = [...starts.map((s) => s.id), ...(starts.length > 0 ? globalTargets : [])];
  while (queue.length > 0) {
    const id = queue.pop();
    if (id === undefined || reached.has(id)) continue;
    reached.add(id);
    for (const next of out.get(id)?.values() ?? []) queue.push(next);
  }
  if (starts.length > 0)
    for (const node of doc.nodes)
      if (!reached.has(node.id)) warn("unreachable", `${label(node)} can never be reached.`, node.id);

  for (const cycle of silentCycles(doc.nodes, out)) {
    const speaks = cycle.some((id) => ["say", "start", "play_audio", "ai_reply"].includes(byId.get(id)?.kind ?? ""));
    const first = cycle[0];
    error(
      "loop_without_waiting",
      `${cycle
        .map((id) => {
          const n = byId.get(id);
          return n ? label(n) : id;
        })
        .join(" → ")} loop${speaks ? " and speak" : ""} without ever waiting for the caller.`,
      first,
    );
  }

  return issues.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
}

export const hasErrors = (issues: readonly FlowIssue[]): boolean => issues.some((i) => i.severity === "error");

/** Variables a node writes. */
export function assignedBy(node: FlowNode): string[] {
  switch (node.kind) {
    case "ask":
    case "dtmf_menu":
    case "ai_reply":
      return node.captureAs ? [node.captureAs] : [];
    case "set_variable":
      return node.assignments.map((a) => a.name).filter((n) => variableNamePattern.test(n));
    case "http_request":
      return node.responseMap.map((m) => m.variable).filter((n) => variableNamePattern.test(n));
    default:
      return [];
  }
}
