import type { FlowDocument } from "@/lib/flows/schema";
import type { FlowIssue } from "@/lib/flows/validate";

// What the editor's server actions answer (they live in app/(app)/[org]/flows/[flowId]/actions.ts).

export type DraftConflict = { revision: number; updatedAt: string; updatedBy: string; document: FlowDocument };

export type DraftSaveResult =
  | { ok: true; revision: number; updatedAt: string; updatedBy: string }
  | { ok: false; conflict: DraftConflict }
  | { ok: false; error: string };

export type PublishResult =
  | { ok: true; version: number; message: string; draft?: DraftConflict }
  | { ok: false; error: string; issues?: FlowIssue[]; stale?: boolean };

export type VersionRow = {
  version: number;
  note: string;
  publishedBy: string;
  publishedAt: string;
  changes: string;
  live: boolean;
};

export type RouteRow = { number: string; integrationId: string; integrationName: string };

export type EditorActions = {
  saveDraft: (
    orgSlug: string,
    flowId: string,
    baseRevision: number,
    document: FlowDocument,
    force: boolean,
  ) => Promise<DraftSaveResult>;
  publish: (orgSlug: string, flowId: string, baseRevision: number, note: string) => Promise<PublishResult>;
  rollback: (orgSlug: string, flowId: string, baseRevision: number, version: number) => Promise<PublishResult>;
  assignNumber: (
    orgSlug: string,
    flowId: string,
    integrationId: string,
    number: string,
  ) => Promise<{ ok: true; message: string } | { ok: false; error: string }>;
};
