"use client";

import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Edge,
  type EdgeChange,
  type NodeChange,
  type OnConnect,
  type OnDelete,
  type OnNodeDrag,
  type OnSelectionChangeFunc,
} from "@xyflow/react";
import { useCallback, useState, type DragEvent } from "react";

import type { FlowDocument, FlowNodeKind } from "@/lib/flows/schema";

import { nodeTypes, type CanvasNode, type FlowNodeData } from "./flow-node";
import { kindInfo } from "./kinds";

export const PALETTE_MIME = "application/x-switchboard-node-kind";

type Props = {
  document: FlowDocument;
  issueCounts: ReadonlyMap<string, { errors: number; warnings: number }>;
  activeNode: string | null;
  readOnly: boolean;
  onMove: (positions: Record<string, { x: number; y: number }>) => void;
  onConnect: (edge: { source: string; sourceHandle: string; target: string }) => void;
  onDelete: (nodeIds: string[], edgeIds: string[]) => void;
  onDrop: (kind: FlowNodeKind, position: { x: number; y: number }) => void;
  onSelect: (nodeIds: string[]) => void;
  /** A node to select, asked for from outside (a problem clicked, a node just added). */
  focus: { id: string; n: number } | null;
};

const noIssues = { errors: 0, warnings: 0 };
const isKind = (value: string): value is FlowNodeKind => value in kindInfo;

/**
 * Brings the canvas's nodes in line with the document, keeping every node object whose content
 * did not change (React Flow then leaves it alone, which keeps 500 nodes smooth) and what React
 * Flow keeps on each (its measured size, whether it is selected).
 */
function syncNodes(
  previous: CanvasNode[],
  doc: FlowDocument,
  counts: Props["issueCounts"],
  active: string | null,
  readOnly: boolean,
): CanvasNode[] {
  const byId = new Map(previous.map((n) => [n.id, n]));
  return doc.nodes.map((node) => {
    const old = byId.get(node.id);
    const c = counts.get(node.id) ?? noIssues;
    const isActive = node.id === active;
    const d = old?.data;
    const sameData =
      d && d.node === node && d.errors === c.errors && d.warnings === c.warnings && d.active === isActive;
    const samePosition = old && old.position.x === node.position.x && old.position.y === node.position.y;
    if (old && sameData && samePosition && old.draggable === !readOnly) return old;
    const data: FlowNodeData = sameData && d ? d : { node, errors: c.errors, warnings: c.warnings, active: isActive };
    return {
      ...(old ?? {}),
      id: node.id,
      type: "flow",
      position: node.position,
      data,
      deletable: !readOnly && node.kind !== "start",
      draggable: !readOnly,
    };
  });
}

function syncEdges(previous: Edge[], doc: FlowDocument): Edge[] {
  const byId = new Map(previous.map((e) => [e.id, e]));
  return doc.edges.map((edge) => {
    const old = byId.get(edge.id);
    if (old && old.source === edge.source && old.target === edge.target && old.sourceHandle === edge.sourceHandle)
      return old;
    return {
      id: edge.id,
      source: edge.source,
      sourceHandle: edge.sourceHandle,
      target: edge.target,
      markerEnd: { type: MarkerType.ArrowClosed },
      selected: old?.selected ?? false,
    };
  });
}

export function Canvas({
  document,
  issueCounts,
  activeNode,
  readOnly,
  onMove,
  onConnect,
  onDelete,
  onDrop,
  onSelect,
  focus,
}: Props) {
  const [nodes, setNodes] = useState<CanvasNode[]>(() => syncNodes([], document, issueCounts, activeNode, readOnly));
  const [edges, setEdges] = useState<Edge[]>(() => syncEdges([], document));
  const flow = useReactFlow<CanvasNode>();

  // Follow the document (and the highlights) during render, as React recommends for state that
  // derives from props: no effect, no extra frame.
  const [seen, setSeen] = useState({ document, issueCounts, activeNode, readOnly, focus });
  if (
    seen.document !== document ||
    seen.issueCounts !== issueCounts ||
    seen.activeNode !== activeNode ||
    seen.readOnly !== readOnly ||
    seen.focus !== focus
  ) {
    setSeen({ document, issueCounts, activeNode, readOnly, focus });
    let next = syncNodes(nodes, document, issueCounts, activeNode, readOnly);
    // A node asked for from outside becomes the selection.
    if (focus && seen.focus !== focus)
      next = next.map((n) => (Boolean(n.selected) === (n.id === focus.id) ? n : { ...n, selected: n.id === focus.id }));
    setNodes(next);
    if (seen.document !== document) setEdges(syncEdges(edges, document));
  }

  // Removals go through the document (onDelete), so the canvas never drops a node on its own.
  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) =>
      setNodes((ns) =>
        applyNodeChanges(
          changes.filter((c) => c.type !== "remove"),
          ns,
        ),
      ),
    [],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) =>
      setEdges((es) =>
        applyEdgeChanges(
          changes.filter((c) => c.type !== "remove"),
          es,
        ),
      ),
    [],
  );

  const handleConnect: OnConnect = useCallback(
    (c) => {
      if (c.source && c.target && c.sourceHandle)
        onConnect({ source: c.source, sourceHandle: c.sourceHandle, target: c.target });
    },
    [onConnect],
  );
  const handleDragStop: OnNodeDrag<CanvasNode> = useCallback(
    (_e, _node, dragged) =>
      onMove(
        Object.fromEntries(dragged.map((n) => [n.id, { x: Math.round(n.position.x), y: Math.round(n.position.y) }])),
      ),
    [onMove],
  );
  const handleDelete: OnDelete<CanvasNode> = useCallback(
    ({ nodes: ns, edges: es }) =>
      onDelete(
        ns.map((n) => n.id),
        es.map((e) => e.id),
      ),
    [onDelete],
  );
  const handleSelection: OnSelectionChangeFunc<CanvasNode> = useCallback(
    ({ nodes: ns }) => onSelect(ns.map((n) => n.id)),
    [onSelect],
  );

  const handleDrop = (event: DragEvent) => {
    const kind = event.dataTransfer.getData(PALETTE_MIME);
    if (readOnly || !isKind(kind)) return;
    event.preventDefault();
    const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    onDrop(kind, { x: Math.round(at.x - 128), y: Math.round(at.y - 30) });
  };

  return (
    <div
      className="h-full w-full"
      data-testid="flow-canvas"
      onDragOver={(e) =>
        e.dataTransfer.types.includes(PALETTE_MIME)
          ? (e.preventDefault(), (e.dataTransfer.dropEffect = "copy"))
          : undefined
      }
      onDrop={handleDrop}
    >
      <ReactFlow<CanvasNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={handleConnect}
        onNodeDragStop={handleDragStop}
        onDelete={handleDelete}
        onSelectionChange={handleSelection}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={readOnly ? null : ["Backspace", "Delete"]}
        onlyRenderVisibleElements
        fitView
        fitViewOptions={{ maxZoom: 1, padding: 0.15 }}
        minZoom={0.05}
        defaultEdgeOptions={{ markerEnd: { type: MarkerType.ArrowClosed } }}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} />
        <MiniMap<CanvasNode>
          pannable
          zoomable
          ariaLabel="Minimap"
          nodeColor={(n) => (n.data.errors > 0 ? "var(--danger)" : "var(--accent)")}
        />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
