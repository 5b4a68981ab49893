import { z } from "zod";

import {
  exitsOf,
  flowEdgeSchema,
  flowNodeSchema,
  type FlowDocument,
  type FlowEdge,
  type FlowNode,
  type FlowNodeKind,
  type NodeOf,
} from "./schema";

// Pure edits of a flow document, as the editor makes them. Each returns a new document and never
// changes its input. An edit that cannot apply (an unknown node or exit, a second start node)
// returns the same document object, so the canvas can tell that nothing happened.

export type Position = { x: number; y: number };
export type Connection = { source: string; sourceHandle: string; target: string };

/** Copied nodes and the connections between them; the schema reads one back from the system clipboard. */
export const clipboardSchema = z.object({
  nodes: z.array(flowNodeSchema).max(2000),
  edges: z.array(flowEdgeSchema).max(10_000),
});
export type Clipboard = z.output<typeof clipboardSchema>;

const idPrefix: Record<FlowNodeKind, string> = {
  start: "start",
  say: "say",
  ask: "ask",
  dtmf_menu: "menu",
  condition: "condition",
  set_variable: "set",
  play_audio: "audio",
  transfer: "transfer",
  hangup: "hangup",
  ai_reply: "ai",
  http_request: "http",
  end: "end",
};

/** Hands out `prefix_n` ids not in `taken`, smallest n first, remembering each one it gave. */
function idMaker(taken: Set<string>): (prefix: string) => string {
  const nextOf = new Map<string, number>();
  return (prefix) => {
    let n = nextOf.get(prefix) ?? 1;
    while (taken.has(`${prefix}_${n}`)) n++;
    nextOf.set(prefix, n + 1);
    taken.add(`${prefix}_${n}`);
    return `${prefix}_${n}`;
  };
}

const nodeIds = (doc: FlowDocument) => new Set(doc.nodes.map((n) => n.id));
const startCount = (nodes: readonly FlowNode[]) => nodes.filter((n) => n.kind === "start").length;

/** A fresh id for a branch, option or rule of `node`: unique among its exits, never a fixed exit name. */
export const newExitId = (node: FlowNode, prefix: string): string =>
  idMaker(new Set([...exitsOf(node), "next", "else", "ok", "failed", "no_match", "no_input"]))(prefix);

/** A node as a user expects to find it when dropped on the canvas, with an id no node has yet. */
export function newNode(kind: FlowNodeKind, position: Position, existing: Set<string> | FlowDocument): FlowNode {
  const id = idMaker(existing instanceof Set ? new Set(existing) : nodeIds(existing))(idPrefix[kind]);
  const base = { id, position: { x: position.x, y: position.y } };
  const waiting = { text: "", reprompt: "", timeoutSeconds: 8, retries: 2 };
  switch (kind) {
    case "start":
    case "say":
      return { ...base, kind, text: "" };
    case "ask":
      return {
        ...base,
        kind,
        ...waiting,
        branches: [
          { id: "yes", label: "Yes", match: "keywords", keywords: ["yes", "yeah", "sure"] },
          { id: "no", label: "No", match: "keywords", keywords: ["no", "nope"] },
        ],
      };
    case "dtmf_menu":
      return {
        ...base,
        kind,
        ...waiting,
        options: [
          { id: "key_1", digit: "1", label: "Option 1", keywords: [] },
          { id: "key_2", digit: "2", label: "Option 2", keywords: [] },
        ],
      };
    case "condition":
      return { ...base, kind, rules: [{ id: "rule_1", variable: "", operator: "equals", value: "" }] };
    case "set_variable":
      return { ...base, kind, assignments: [{ name: "", value: "" }] };
    case "play_audio":
    case "end":
      return { ...base, kind };
    case "transfer":
      return { ...base, kind, target: "", callerIdName: "", callerIdNumber: "", announcement: "" };
    case "hangup":
      return { ...base, kind, goodbye: "" };
    case "ai_reply":
      return {
        ...base,
        kind,
        instructions: "",
        fallback: "Sorry, I cannot answer that right now.",
        timeBudgetMs: 4000,
      };
    case "http_request":
      return { ...base, kind, method: "GET", url: "", headers: [], timeBudgetMs: 3000, responseMap: [] };
  }
}

/** Adds a node; refused for a taken id or a second start node. */
export function addNode(doc: FlowDocument, node: FlowNode): FlowDocument {
  if (doc.nodes.some((n) => n.id === node.id) || (node.kind === "start" && startCount(doc.nodes) > 0)) return doc;
  return { ...doc, nodes: [...doc.nodes, node] };
}

/** Replaces node `id`, dropping connections from exits it lost (a removed branch). A free new id carries over; a start stays the one start. */
export function updateNode(doc: FlowDocument, id: string, node: FlowNode): FlowDocument {
  const old = doc.nodes.find((n) => n.id === id);
  if (!old || (old.kind === "start") !== (node.kind === "start")) return doc;
  if (node.id !== id && doc.nodes.some((n) => n.id === node.id)) return doc;
  const exits = new Set(exitsOf(node));
  const rename = (ref: string) => (ref === id ? node.id : ref);
  const edges = doc.edges
    .filter((e) => e.source !== id || exits.has(e.sourceHandle))
    .map((e) =>
      node.id !== id && (e.source === id || e.target === id)
        ? { ...e, source: rename(e.source), target: rename(e.target) }
        : e,
    );
  const globalPhrases =
    node.id === id
      ? doc.settings.globalPhrases
      : doc.settings.globalPhrases.map((g) => ({ ...g, target: rename(g.target) }));
  return {
    ...doc,
    settings: { ...doc.settings, globalPhrases },
    nodes: doc.nodes.map((n) => (n.id === id ? node : n)),
    edges,
  };
}

/** Removes nodes with their connections; global phrases that jumped to them jump nowhere. The start node stays. */
export function removeNodes(doc: FlowDocument, ids: Iterable<string>): FlowDocument {
  const asked = new Set(ids);
  const gone = new Set(doc.nodes.filter((n) => asked.has(n.id) && n.kind !== "start").map((n) => n.id));
  if (gone.size === 0) return doc;
  const globalPhrases = doc.settings.globalPhrases.map((g) => (gone.has(g.target) ? { ...g, target: "" } : g));
  const edges = doc.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target));
  return {
    ...doc,
    settings: { ...doc.settings, globalPhrases },
    nodes: doc.nodes.filter((n) => !gone.has(n.id)),
    edges,
  };
}

/** Moves the named nodes; unknown ids are ignored. */
export function moveNodes(doc: FlowDocument, positions: Readonly<Record<string, Position>>): FlowDocument {
  const positionOf = (id: string) => (Object.hasOwn(positions, id) ? positions[id] : undefined);
  if (!doc.nodes.some((n) => positionOf(n.id))) return doc;
  const move = (n: FlowNode, p = positionOf(n.id)) => (p ? { ...n, position: { x: p.x, y: p.y } } : n);
  return { ...doc, nodes: doc.nodes.map((n) => move(n)) };
}

/** Connects an exit to a node, replacing the exit's earlier connection (an exit leads one way). Loops are allowed. */
export function connect(doc: FlowDocument, connection: Connection): FlowDocument {
  const { source, sourceHandle, target } = connection;
  const from = doc.nodes.find((n) => n.id === source);
  if (!from || !exitsOf(from).includes(sourceHandle) || !doc.nodes.some((n) => n.id === target)) return doc;
  const sameExit = (e: FlowEdge) => e.source === source && e.sourceHandle === sourceHandle;
  const previous = doc.edges.filter(sameExit);
  if (previous.length === 1 && previous[0]?.target === target) return doc;
  const id = idMaker(new Set(doc.edges.map((e) => e.id)))("e");
  return { ...doc, edges: [...doc.edges.filter((e) => !sameExit(e)), { id, source, sourceHandle, target }] };
}

export function disconnect(doc: FlowDocument, edgeIds: Iterable<string>): FlowDocument {
  const gone = new Set(edgeIds);
  const edges = doc.edges.filter((e) => !gone.has(e.id));
  return edges.length === doc.edges.length ? doc : { ...doc, edges };
}

/** The named nodes and the connections among them (connections leaving the selection are not copied). */
export function copyNodes(doc: FlowDocument, ids: Iterable<string>): Clipboard {
  const chosen = new Set(ids);
  return {
    nodes: doc.nodes.filter((n) => chosen.has(n.id)),
    edges: doc.edges.filter((e) => chosen.has(e.source) && chosen.has(e.target)),
  };
}

const startAsSay = (node: NodeOf<"start">): NodeOf<"say"> => ({ ...node, kind: "say" });

/**
 * Pastes copied nodes with fresh node and connection ids, moved by `offset`. A flow has one start, so a copied start
 * becomes a say node with the same greeting and connection unless the flow has none. Branch, option and rule ids stay:
 * they are unique per node only.
 */
export function pasteNodes(
  doc: FlowDocument,
  clipboard: Clipboard,
  offset: Position,
): { doc: FlowDocument; pastedIds: string[] } {
  const freshNodeId = idMaker(nodeIds(doc));
  const freshEdgeId = idMaker(new Set(doc.edges.map((e) => e.id)));
  let hasStart = startCount(doc.nodes) > 0;
  const renamed = new Map<string, string>();
  const pasted: FlowNode[] = [];
  for (const copied of clipboard.nodes) {
    if (renamed.has(copied.id)) continue;
    const node = copied.kind === "start" && hasStart ? startAsSay(copied) : copied;
    hasStart ||= node.kind === "start";
    const id = freshNodeId(idPrefix[node.kind]);
    renamed.set(copied.id, id);
    pasted.push({ ...node, id, position: { x: copied.position.x + offset.x, y: copied.position.y + offset.y } });
  }
  if (pasted.length === 0) return { doc, pastedIds: [] };
  const exitsOfPasted = new Map(pasted.map((n) => [n.id, new Set(exitsOf(n))]));
  const edges: FlowEdge[] = [];
  for (const edge of clipboard.edges) {
    const source = renamed.get(edge.source) ?? "";
    const target = renamed.get(edge.target);
    const exits = exitsOfPasted.get(source);
    if (!target || !exits?.delete(edge.sourceHandle)) continue; // one connection per exit
    edges.push({ id: freshEdgeId("e"), source, sourceHandle: edge.sourceHandle, target });
  }
  return {
    doc: { ...doc, nodes: [...doc.nodes, ...pasted], edges: [...doc.edges, ...edges] },
    pastedIds: pasted.map((n) => n.id),
  };
}

const COLUMN = 380; // a node is 256 px wide; the rest is room for the connections
const GAP = 40; // between the nodes of a column

/**
 * Lays the flow out left to right, as the canvas draws a node (input on the left, exits stacked on
 * the right in exit order): a node goes one column right of its deepest predecessor (longest path
 * from the start; a loop is cut where it closes), columns are ordered by the barycentre of their
 * neighbours to avoid crossings, nodes that neither the start nor a global phrase reaches go last.
 */
export function autoLayout(doc: FlowDocument): FlowDocument {
  const known = nodeIds(doc);
  const exitTargets = new Map<string, Map<string, string>>();
  for (const e of doc.edges)
    if (known.has(e.target))
      exitTargets.set(e.source, (exitTargets.get(e.source) ?? new Map<string, string>()).set(e.sourceHandle, e.target));
  // Each node's children in exit order, with where on its right side the exit sits (-0.5 top … 0.5 bottom).
  type Link = { id: string; port: number };
  const children = new Map(
    doc.nodes.map((n): [string, Link[]] => {
      const targets = exitsOf(n).map((x) => exitTargets.get(n.id)?.get(x));
      return [
        n.id,
        targets.flatMap((id, k) =>
          id !== undefined && targets.indexOf(id) === k ? [{ id, port: (k + 0.5) / targets.length - 0.5 }] : [],
        ),
      ];
    }),
  );
  const starts = doc.nodes.filter((n) => n.kind === "start").map((n) => n.id);
  const layer = new Map<string, number>();
  const state = new Map<string, "open" | "done">(); // insertion order: the order the search met the nodes
  const preds = new Map<string, Link[]>(doc.nodes.map((n) => [n.id, []]));
  const succs = new Map<string, Link[]>(doc.nodes.map((n) => [n.id, []]));
  /** Depth-first from the roots, keeping the edges that close no loop; then longest paths from column `first`. */
  const place = (roots: readonly string[], first: number, rootLayer: (id: string) => number) => {
    const finished: string[] = [];
    for (const root of roots) {
      if (state.has(root)) continue;
      state.set(root, "open");
      const stack = [{ id: root, next: 0 }];
      for (let frame = stack.at(-1); frame; frame = stack.at(-1)) {
        const kid = children.get(frame.id)?.[frame.next++];
        if (kid === undefined) {
          state.set(frame.id, "done");
          finished.push(frame.id);
          stack.pop();
          continue;
        }
        const seen = state.get(kid.id);
        if (seen === "open" || (seen === "done" && layer.has(kid.id))) continue; // closes a loop, or leads back to nodes placed before
        succs.get(frame.id)?.push(kid);
        preds.get(kid.id)?.push({ id: frame.id, port: -kid.port });
        if (seen) continue;
        state.set(kid.id, "open");
        stack.push({ id: kid.id, next: 0 });
      }
    }
    for (const id of finished) layer.set(id, first + rootLayer(id));
    for (const id of finished.reverse()) {
      const depth = layer.get(id) ?? first;
      for (const kid of succs.get(id) ?? []) layer.set(kid.id, Math.max(layer.get(kid.id) ?? first, depth + 1));
    }
    return Math.max(first - 1, ...finished.map((id) => layer.get(id) ?? first)) + 1;
  };
  const globalTargets = doc.settings.globalPhrases.map((g) => g.target).filter((t) => known.has(t));
  const after = place([...starts, ...globalTargets], 0, (id) => (starts.length > 0 && !starts.includes(id) ? 1 : 0));
  place(
    doc.nodes.map((n) => n.id),
    after,
    () => 0,
  );
  // Within a column, a node's place (0 in the middle) moves to the mean of its neighbours' exits.
  const columns: string[][] = [];
  for (const id of state.keys()) (columns[layer.get(id) ?? 0] ??= []).push(id);
  const at = new Map<string, number>();
  const spread = (column: string[]) => column.forEach((id, i) => at.set(id, i - (column.length - 1) / 2));
  const sweep = (order: string[][], neighbours: Map<string, Link[]>) => {
    for (const column of order) {
      const centre = new Map(
        column.map((id) => {
          const ys = (neighbours.get(id) ?? []).map((n) => (at.get(n.id) ?? 0) - n.port);
          return [id, ys.length > 0 ? ys.reduce((a, b) => a + b, 0) / ys.length : (at.get(id) ?? 0)];
        }),
      );
      column.sort((a, b) => (centre.get(a) ?? 0) - (centre.get(b) ?? 0) || (at.get(a) ?? 0) - (at.get(b) ?? 0));
      spread(column);
    }
  };
  columns.forEach(spread);
  const backwards = [...columns].reverse();
  for (const forwards of [true, false, true, false, true])
    sweep(forwards ? columns : backwards, forwards ? preds : succs);
  const height = new Map(doc.nodes.map((n) => [n.id, 120 + 24 * Math.max(0, exitsOf(n).length - 1)])); // header, summary, a line per exit
  const top = new Map<string, number>();
  for (const column of columns) {
    let y = -column.reduce((sum, id) => sum + (height.get(id) ?? 0) + GAP, -GAP) / 2;
    for (const id of column) {
      top.set(id, Math.round(y));
      y += (height.get(id) ?? 0) + GAP;
    }
  }
  return {
    ...doc,
    nodes: doc.nodes.map((n) => ({ ...n, position: { x: (layer.get(n.id) ?? 0) * COLUMN, y: top.get(n.id) ?? 0 } })),
  };
}
