"use client";

import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { AlertTriangle, CircleAlert } from "lucide-react";
import { memo } from "react";

import { cn } from "@/components/ui/cn";
import { exitsOf, type FlowNode } from "@/lib/flows/schema";

import { exitLabel, kindInfo, nodeSummary, nodeTitle } from "./kinds";

export type FlowNodeData = {
  node: FlowNode;
  errors: number;
  warnings: number;
  /** The node the simulator is at. */
  active: boolean;
};
export type CanvasNode = Node<FlowNodeData, "flow">;

/** One node on the canvas: its kind, name, what it says, and a handle per named exit. */
function FlowNodeView({ data, selected }: NodeProps<CanvasNode>) {
  const { node, errors, warnings, active } = data;
  const info = kindInfo[node.kind];
  const Icon = info.icon;
  const exits = exitsOf(node);
  const summary = nodeSummary(node);
  const single = exits.length === 1 && exits[0] === "next";
  return (
    <div
      className={cn(
        "w-64 rounded-lg border bg-surface text-fg shadow-sm",
        errors ? "border-danger" : warnings ? "border-warning" : "border-border",
        selected && "ring-2 ring-accent",
        active && "ring-4 ring-success",
      )}
      data-testid="canvas-node"
      data-node-id={node.id}
      data-kind={node.kind}
      data-active={active || undefined}
    >
      {node.kind !== "start" && (
        <Handle
          type="target"
          position={Position.Left}
          className="!z-10 !size-3 !border-2 !border-surface !bg-fg-muted"
        />
      )}
      <div className="flex items-center gap-2 border-b border-border px-3 py-2">
        <span className={cn("flex size-6 shrink-0 items-center justify-center rounded text-white", info.tone)}>
          <Icon className="size-3.5" aria-hidden />
        </span>
        <span className="min-w-0 flex-1 truncate text-sm font-medium" title={nodeTitle(node)}>
          {nodeTitle(node)}
        </span>
        {errors > 0 && (
          <span
            className="flex items-center gap-0.5 text-xs text-danger"
            title={`${errors} error${errors === 1 ? "" : "s"}`}
          >
            <CircleAlert className="size-3.5" aria-hidden />
            {errors}
          </span>
        )}
        {warnings > 0 && errors === 0 && (
          <span
            className="flex items-center gap-0.5 text-xs text-warning"
            title={`${warnings} warning${warnings === 1 ? "" : "s"}`}
          >
            <AlertTriangle className="size-3.5" aria-hidden />
            {warnings}
          </span>
        )}
      </div>
      <p className={cn("line-clamp-2 px-3 py-2 text-xs", summary ? "text-fg" : "text-fg-muted italic")}>
        {summary || (node.kind === "end" ? "Ends the flow" : "Nothing yet")}
      </p>
      {single ? (
        <Handle
          type="source"
          id="next"
          position={Position.Right}
          className="!size-3 !border-2 !border-surface !bg-accent"
        />
      ) : (
        exits.length > 0 && (
          <ul className="border-t border-border py-1 text-xs">
            {exits.map((exit) => (
              <li key={exit} className="relative flex items-center justify-end px-3 py-1 text-fg-muted">
                <span className="truncate">{exitLabel(node, exit)}</span>
                <Handle
                  type="source"
                  id={exit}
                  position={Position.Right}
                  className="!size-3 !border-2 !border-surface !bg-accent"
                />
              </li>
            ))}
          </ul>
        )
      )}
    </div>
  );
}

export const FlowNodeComponent = memo(FlowNodeView);
export const nodeTypes = { flow: FlowNodeComponent };
