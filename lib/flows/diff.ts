import type { FlowDocument, FlowNode, FlowNodeKind } from "./schema";

// What changed between two published versions, for the version history: which nodes came, went or
// changed (moving a node is not a change), how many connections changed, whether the flow's
// settings or variables did. Pure, so the history renders the same in the browser and on the server.

export type ChangeSummary = {
  added: string[];
  removed: string[];
  changed: string[];
  connections: number;
  settings: boolean;
  text: string;
};

const kindName: Record<FlowNodeKind, string> = {
  start: "Start",
  say: "Say",
  ask: "Ask",
  dtmf_menu: "Keypad menu",
  condition: "Condition",
  set_variable: "Set variable",
  play_audio: "Play audio",
  transfer: "Transfer",
  hangup: "Hang up",
  ai_reply: "AI reply",
  http_request: "HTTP request",
  end: "End",
};

/** "Ask: Main menu" for a labelled node, "Transfer" for the node called after its kind, else "Say greeting". */
export function nodeName(node: FlowNode): string {
  const label = node.label?.trim();
  if (label) return `${kindName[node.kind]}: ${label}`;
  return node.id === node.kind ? kindName[node.kind] : `${kindName[node.kind]} ${node.id}`;
}

/** Equal as JSON: key order and keys holding `undefined` do not matter (a stored document has neither). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => same(v, b[i]));
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (!same(a[key], b[key])) return false;
  return true;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/** Where each exit leads, keyed "node\u0000exit": a connection's id is not part of what it means. */
function exitTargets(doc: FlowDocument): Map<string, string> {
  return new Map(doc.edges.map((e) => [`${e.source}\u0000${e.sourceHandle}`, e.target]));
}

function list(names: readonly string[]): string {
  const shown = names.slice(0, 3).join(", ");
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

export function summariseChanges(before: FlowDocument | undefined, after: FlowDocument): ChangeSummary {
  if (!before)
    return {
      added: after.nodes.map(nodeName),
      removed: [],
      changed: [],
      connections: after.edges.length,
      settings: false,
      text: "First version",
    };

  const old = new Map(before.nodes.map((n) => [n.id, n]));
  const now = new Map(after.nodes.map((n) => [n.id, n]));
  const added = after.nodes.filter((n) => !old.has(n.id)).map(nodeName);
  const removed = before.nodes.filter((n) => !now.has(n.id)).map(nodeName);
  const changed: string[] = [];
  let moved = false;
  for (const node of after.nodes) {
    const previous = old.get(node.id);
    if (!previous) continue;
    const { position, ...content } = node;
    const { position: previousPosition, ...previousContent } = previous;
    if (!same(content, previousContent)) changed.push(nodeName(node));
    else if (!same(position, previousPosition)) moved = true;
  }

  const from = exitTargets(before);
  const to = exitTargets(after);
  let connections = 0;
  for (const [exit, target] of to) if (from.get(exit) !== target) connections++;
  for (const exit of from.keys()) if (!to.has(exit)) connections++;

  const settings = !same(before.settings, after.settings) || !same(before.variables, after.variables);
  const nodeParts = [
    added.length > 0 ? `${added.length} added (${list(added)})` : "",
    removed.length > 0 ? `${removed.length} removed (${list(removed)})` : "",
    changed.length > 0 ? `${changed.length} changed (${list(changed)})` : "",
  ].filter(Boolean);
  const first = nodeParts[0];
  if (first) nodeParts[0] = first.replace(/^(\d+) /, (_, n: string) => `${n} ${n === "1" ? "node" : "nodes"} `);
  const parts = [
    nodeParts.join(", "),
    connections > 0 ? `${connections} connection${connections === 1 ? "" : "s"} changed` : "",
    settings ? "settings changed" : "",
  ].filter(Boolean);
  const sentence = parts.join("; ");
  const text = sentence ? sentence[0]?.toUpperCase() + sentence.slice(1) : moved ? "Layout only" : "No changes";
  return { added, removed, changed, connections, settings, text };
}
