"use client";

import "@xyflow/react/dist/style.css";

import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useEffectEvent, useMemo, useState } from "react";

import {
  addNode,
  autoLayout,
  clipboardSchema,
  connect,
  copyNodes,
  disconnect,
  moveNodes,
  newNode,
  pasteNodes,
  removeNodes,
  updateNode,
} from "@/lib/flows/ops";
import { builtinVariables, type FlowDocument, type FlowNode, type FlowNodeKind } from "@/lib/flows/schema";
import { assignedBy, validateFlow } from "@/lib/flows/validate";

import { Canvas } from "./canvas";
import { ConflictDialog } from "./conflict-dialog";
import { EditorPanels } from "./editor-panels";
import { Palette } from "./palette";
import { Toolbar } from "./toolbar";
import type { EditorActions, RouteRow, VersionRow } from "./types";
import { useAutosave } from "./use-autosave";
import { useUndoable } from "./use-undoable";

export type EditorProps = {
  orgSlug: string;
  flowId: string;
  name: string;
  draft: { document: FlowDocument; revision: number; updatedAt: string; updatedBy: string };
  liveVersion: number | null;
  versions: VersionRow[];
  routes: RouteRow[];
  integrations: Array<{ id: string; name: string }>;
  canEdit: boolean;
  actions: EditorActions;
};

const CLIPBOARD_KEY = "switchboard.flow-clipboard";

export function FlowEditor(props: EditorProps) {
  return (
    <ReactFlowProvider>
      <EditorBody {...props} />
    </ReactFlowProvider>
  );
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

function EditorBody({
  orgSlug,
  flowId,
  name,
  draft,
  liveVersion,
  versions,
  routes,
  integrations,
  canEdit,
  actions,
}: EditorProps) {
  const router = useRouter();
  const flow = useReactFlow();
  const doc = useUndoable(draft.document);
  const document = doc.value;
  const [selected, setSelected] = useState<string[]>([]);
  const [focus, setFocus] = useState<{ id: string; n: number } | null>(null);
  const [activeNode, setActiveNode] = useState<string | null>(null);
  const [tab, setTab] = useState<"inspect" | "problems" | "simulate" | "replay" | "publish">("inspect");
  const save = useCallback(
    (d: FlowDocument, base: number, force: boolean) => actions.saveDraft(orgSlug, flowId, base, d, force),
    [actions, orgSlug, flowId],
  );
  const autosave = useAutosave(document, draft, save, canEdit);

  const issues = useMemo(() => validateFlow(document), [document]);
  const issueCounts = useMemo(() => {
    const counts = new Map<string, { errors: number; warnings: number }>();
    for (const issue of issues) {
      if (!issue.nodeId) continue;
      const c = counts.get(issue.nodeId) ?? { errors: 0, warnings: 0 };
      if (issue.severity === "error") c.errors++;
      else c.warnings++;
      counts.set(issue.nodeId, c);
    }
    return counts;
  }, [issues]);
  const variables = useMemo(
    () =>
      [
        ...new Set([
          ...builtinVariables,
          ...document.variables.map((v) => v.name),
          ...document.nodes.flatMap(assignedBy),
        ]),
      ].sort(),
    [document],
  );

  const jump = useCallback(
    (id: string) => {
      const node = document.nodes.find((n) => n.id === id);
      if (!node) return;
      setSelected([id]);
      setFocus((f) => ({ id, n: (f?.n ?? 0) + 1 }));
      setTab("inspect");
      void flow.setCenter(node.position.x + 128, node.position.y + 80, {
        zoom: Math.max(flow.getZoom(), 0.8),
        duration: 300,
      });
    },
    [document.nodes, flow],
  );

  const add = useCallback(
    (kind: FlowNodeKind, position?: { x: number; y: number }) => {
      const at =
        position ??
        (() => {
          const p = flow.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 });
          return { x: Math.round(p.x - 128), y: Math.round(p.y - 60) };
        })();
      const node = newNode(kind, at, document);
      doc.apply((d) => addNode(d, node));
      setSelected([node.id]);
      setFocus((f) => ({ id: node.id, n: (f?.n ?? 0) + 1 }));
      setTab("inspect");
    },
    [doc, document, flow],
  );

  const copy = useCallback(() => {
    if (selected.length === 0) return;
    localStorage.setItem(CLIPBOARD_KEY, JSON.stringify(copyNodes(document, selected)));
  }, [document, selected]);
  const paste = useCallback(() => {
    let stored: unknown;
    try {
      stored = JSON.parse(localStorage.getItem(CLIPBOARD_KEY) ?? "null");
    } catch {
      return;
    }
    const clipboard = clipboardSchema.safeParse(stored);
    if (!clipboard.success || clipboard.data.nodes.length === 0) return;
    const result = pasteNodes(document, clipboard.data, { x: 40, y: 40 });
    doc.apply(() => result.doc);
    setSelected(result.pastedIds);
    const first = result.pastedIds[0];
    if (first) setFocus((f) => ({ id: first, n: (f?.n ?? 0) + 1 }));
  }, [doc, document]);
  const layout = useCallback(() => {
    doc.apply(autoLayout);
    setTimeout(() => void flow.fitView({ maxZoom: 1, padding: 0.15, duration: 300 }), 50);
  }, [doc, flow]);

  // Keyboard shortcuts, except while typing in a field (the field's own undo then applies).
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || isTyping(e.target) || !canEdit) return;
    const k = e.key.toLowerCase();
    const run =
      k === "z"
        ? e.shiftKey
          ? doc.redo
          : doc.undo
        : k === "y"
          ? doc.redo
          : k === "c"
            ? copy
            : k === "v"
              ? paste
              : k === "l" && e.shiftKey
                ? layout
                : k === "s"
                  ? () => void autosave.flush()
                  : undefined;
    if (!run) return;
    e.preventDefault();
    run();
  });
  useEffect(() => {
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // Leaving with unsaved edits asks first.
  useEffect(() => {
    if (!autosave.hasUnsaved || !canEdit) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [autosave.hasUnsaved, canEdit]);

  const selectedNode = selected.length === 1 ? document.nodes.find((n) => n.id === selected[0]) : undefined;
  const status = autosave.status;

  return (
    <div
      className="flex h-[calc(100dvh-4rem)] min-h-[36rem] flex-col overflow-hidden rounded-lg border border-border bg-surface lg:h-[calc(100dvh-1.5rem)]"
      data-testid="flow-editor"
    >
      <Toolbar
        backHref={`/${orgSlug}/flows`}
        name={name}
        liveVersion={liveVersion}
        status={status}
        readOnly={!canEdit}
        canUndo={doc.canUndo}
        canRedo={doc.canRedo}
        canCopy={selected.length > 0}
        onUndo={doc.undo}
        onRedo={doc.redo}
        onCopy={copy}
        onPaste={paste}
        onLayout={layout}
        onRetry={() => void autosave.flush()}
      />
      <div className="grid min-h-0 flex-1 grid-cols-[1fr_22rem] xl:grid-cols-[12rem_1fr_24rem]">
        <aside className="hidden overflow-y-auto border-r border-border p-2 xl:block">
          {canEdit ? (
            <Palette onAdd={(k) => add(k)} />
          ) : (
            <p className="p-1 text-xs text-fg-muted">
              Admins edit flows; you can read this one and try it in the simulator.
            </p>
          )}
        </aside>
        <div className="min-h-0">
          <Canvas
            document={document}
            issueCounts={issueCounts}
            activeNode={activeNode}
            readOnly={!canEdit}
            focus={focus}
            onMove={(positions) => doc.apply((d) => moveNodes(d, positions))}
            onConnect={(c) => doc.apply((d) => connect(d, c))}
            onDelete={(nodeIds, edgeIds) => doc.apply((d) => removeNodes(disconnect(d, edgeIds), nodeIds))}
            onDrop={add}
            onSelect={setSelected}
          />
        </div>
        <EditorPanels
          tab={tab}
          onTab={setTab}
          orgSlug={orgSlug}
          flowId={flowId}
          document={document}
          issues={issues}
          selectedNode={selectedNode}
          variables={variables}
          canEdit={canEdit}
          versions={versions}
          routes={routes}
          integrations={integrations}
          actions={actions}
          baseRevision={autosave.revision}
          onJump={jump}
          onActiveNode={setActiveNode}
          onNodeChange={(node: FlowNode) => doc.apply((d) => updateNode(d, node.id, node), `node:${node.id}`)}
          onNodeDelete={(id) => {
            doc.apply((d) => removeNodes(d, [id]));
            setSelected([]);
          }}
          onSettings={(settings) => doc.apply((d) => ({ ...d, settings }), "settings")}
          onVariables={(vars) => doc.apply((d) => ({ ...d, variables: vars }), "variables")}
          beforePublish={autosave.flush}
          onPublished={() => router.refresh()}
          onDraftReplaced={(replaced) => {
            autosave.adopt(replaced);
            doc.replace(replaced.document);
          }}
          palette={canEdit ? <Palette onAdd={(k) => add(k)} /> : null}
        />
      </div>
      {status.kind === "conflict" && (
        <ConflictDialog
          theirs={status.theirs}
          mine={document}
          onLoadTheirs={() => {
            autosave.adopt(status.theirs);
            doc.replace(status.theirs.document);
          }}
          onOverwrite={() => void autosave.overwrite()}
        />
      )}
    </div>
  );
}
