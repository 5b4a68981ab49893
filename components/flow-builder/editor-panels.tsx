"use client";

import type { ReactNode, RefObject } from "react";

import { cn } from "@/components/ui/cn";
import type { FlowDocument, FlowNode } from "@/lib/flows/schema";
import type { FlowIssue } from "@/lib/flows/validate";

import { Inspector } from "./inspector/inspector";
import { SettingsForm } from "./inspector/settings-form";
import { IssuesPanel } from "./issues-panel";
import { Replay } from "./replay";
import { Simulator } from "./simulator";
import type { DraftConflict, EditorActions, RouteRow, VersionRow } from "./types";
import { NumbersPanel, VersionsPanel } from "./versions-panel";

export type PanelTab = "inspect" | "problems" | "simulate" | "replay" | "publish";

type Props = {
  tab: PanelTab;
  onTab: (tab: PanelTab) => void;
  orgSlug: string;
  flowId: string;
  document: FlowDocument;
  issues: FlowIssue[];
  selectedNode: FlowNode | undefined;
  variables: string[];
  canEdit: boolean;
  versions: VersionRow[];
  routes: RouteRow[];
  integrations: Array<{ id: string; name: string }>;
  actions: EditorActions;
  baseRevision: RefObject<number>;
  onJump: (nodeId: string) => void;
  onActiveNode: (nodeId: string | null) => void;
  onNodeChange: (node: FlowNode) => void;
  onNodeDelete: (id: string) => void;
  onSettings: (settings: FlowDocument["settings"]) => void;
  onVariables: (variables: FlowDocument["variables"]) => void;
  beforePublish: () => Promise<void>;
  onPublished: () => void;
  /** A rollback replaced the draft on the server: the editor shows it. */
  onDraftReplaced: (draft: DraftConflict) => void;
  palette: ReactNode;
};

/** The right-hand side of the editor: inspect, problems, simulate, replay, publish. */
export function EditorPanels(p: Props) {
  const errors = p.issues.filter((i) => i.severity === "error").length;
  const tabs: Array<{ id: PanelTab; label: string }> = [
    { id: "inspect", label: "Inspect" },
    { id: "problems", label: p.issues.length ? `Problems (${p.issues.length})` : "Problems" },
    { id: "simulate", label: "Simulate" },
    { id: "replay", label: "Replay" },
    { id: "publish", label: "Publish" },
  ];
  const nodeIssues = p.selectedNode ? p.issues.filter((i) => i.nodeId === p.selectedNode?.id) : [];
  return (
    <aside className="flex min-h-0 flex-col border-l border-border" aria-label="Editor panels">
      <div role="tablist" aria-label="Panels" className="flex shrink-0 overflow-x-auto border-b border-border">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={p.tab === t.id}
            aria-controls={`panel-${t.id}`}
            onClick={() => p.onTab(t.id)}
            className={cn(
              "shrink-0 border-b-2 px-3 py-2 text-sm whitespace-nowrap",
              p.tab === t.id ? "border-accent font-medium text-fg" : "border-transparent text-fg-muted hover:text-fg",
              t.id === "problems" && errors > 0 && "text-danger",
            )}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`panel-${p.tab}`}
        aria-labelledby={`tab-${p.tab}`}
        className="min-h-0 flex-1 overflow-y-auto p-3"
      >
        {p.tab === "inspect" &&
          (p.selectedNode ? (
            <Inspector
              key={p.selectedNode.id}
              node={p.selectedNode}
              issues={nodeIssues}
              variables={p.variables}
              readOnly={!p.canEdit}
              onChange={p.onNodeChange}
              onDelete={() => p.selectedNode && p.onNodeDelete(p.selectedNode.id)}
            />
          ) : (
            <div className="space-y-6">
              <div className="xl:hidden">{p.palette}</div>
              <SettingsForm
                document={p.document}
                issues={p.issues}
                readOnly={!p.canEdit}
                onChange={p.onSettings}
                onVariables={p.onVariables}
              />
            </div>
          ))}
        {p.tab === "problems" && <IssuesPanel issues={p.issues} onJump={p.onJump} />}
        {p.tab === "simulate" && (
          <Simulator
            document={p.document}
            orgSlug={p.orgSlug}
            flowId={p.flowId}
            canUseEffects={p.canEdit}
            onActiveNode={p.onActiveNode}
          />
        )}
        {p.tab === "replay" && <Replay document={p.document} orgSlug={p.orgSlug} flowId={p.flowId} />}
        {p.tab === "publish" && (
          <div className="space-y-6">
            <VersionsPanel
              orgSlug={p.orgSlug}
              flowId={p.flowId}
              versions={p.versions}
              canEdit={p.canEdit}
              errors={errors}
              publish={async (note) => {
                await p.beforePublish();
                const result = await p.actions.publish(p.orgSlug, p.flowId, p.baseRevision.current, note);
                if (result.ok) p.onPublished();
                return result;
              }}
              rollback={async (version) => {
                await p.beforePublish();
                const result = await p.actions.rollback(p.orgSlug, p.flowId, p.baseRevision.current, version);
                if (result.ok && result.draft) p.onDraftReplaced(result.draft);
                if (result.ok) p.onPublished();
                return result;
              }}
            />
            <NumbersPanel
              routes={p.routes}
              integrations={p.integrations}
              canEdit={p.canEdit}
              assign={async (integrationId, number) => {
                const result = await p.actions.assignNumber(p.orgSlug, p.flowId, integrationId, number);
                if (result.ok) p.onPublished();
                return result;
              }}
            />
          </div>
        )}
      </div>
    </aside>
  );
}
