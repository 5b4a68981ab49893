"use client";

import { CircleAlert, Trash2, TriangleAlert } from "lucide-react";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { flowNodeSchema, type FlowNode } from "@/lib/flows/schema";
import type { FlowIssue } from "@/lib/flows/validate";

import { kindInfo } from "../kinds";
import {
  AiReplyForm,
  ConditionForm,
  HangupForm,
  HttpRequestForm,
  PlayAudioForm,
  SetVariableForm,
  TransferForm,
} from "./action-forms";
import { TextInput, type FieldErrors } from "./fields";
import { AskForm, DtmfForm, SpeakForm, type FormProps } from "./talk-forms";

const listedHere = new Set(["next", "no_match", "no_input", "else", "ok", "failed", "bargeIn"]);

type Props = {
  node: FlowNode;
  issues: readonly FlowIssue[];
  variables: readonly string[];
  readOnly: boolean;
  onChange: (node: FlowNode) => void;
  onDelete: () => void;
};

/**
 * The selected node's form. Every change is checked with the flow document's own schema: a
 * value the schema refuses (a timeout of 90 s) stays in the form with its message beside the
 * field and is not applied; the flow-wide validation's findings for this node are shown too.
 */
export function Inspector({ node, issues, variables, readOnly, onChange, onDelete }: Props) {
  const [local, setLocal] = useState<{ base: FlowNode; candidate: FlowNode; errors: FieldErrors }>({
    base: node,
    candidate: node,
    errors: {},
  });
  // A different node, or this one changed from outside (undo, canvas): start again from it.
  const current = local.base === node ? local : { base: node, candidate: node, errors: {} };
  if (current !== local) setLocal(current);

  const change = (next: FlowNode) => {
    const parsed = flowNodeSchema.safeParse(next);
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) errors[issue.path.join(".")] ??= issue.message;
      setLocal({ base: node, candidate: next, errors });
      return;
    }
    setLocal({ base: parsed.data, candidate: parsed.data, errors: {} });
    onChange(parsed.data);
  };

  const errors: FieldErrors = {
    ...Object.fromEntries(issues.filter((i) => i.field).map((i) => [i.field ?? "", i.message])),
    ...current.errors,
  };
  const props = { onChange: change, readOnly, errors, variables };
  const info = kindInfo[node.kind];
  const Icon = info.icon;
  // Findings about a field are shown beside it; the rest (unreachable, an exit not connected) here.
  const general = issues.filter((i) => !i.field || listedHere.has(i.field) || errors[i.field] !== i.message);

  return (
    <section aria-label="Inspector" className="space-y-4">
      <header className="flex items-center gap-2">
        <span className={`flex size-7 items-center justify-center rounded text-white ${info.tone}`}>
          <Icon className="size-4" aria-hidden />
        </span>
        <div className="min-w-0 flex-1">
          <h2 className="text-sm font-semibold">{info.label}</h2>
          <p className="truncate font-mono text-xs text-fg-muted">{node.id}</p>
        </div>
        {!readOnly && node.kind !== "start" && (
          <Button variant="ghost" size="sm" onClick={onDelete} aria-label="Delete node">
            <Trash2 className="size-4" aria-hidden />
          </Button>
        )}
      </header>
      {general.length > 0 && (
        <ul className="space-y-1 text-xs" aria-label="Problems of this node">
          {general.map((issue, i) => (
            <li key={i} className={`flex gap-1.5 ${issue.severity === "error" ? "text-danger" : "text-warning"}`}>
              {issue.severity === "error" ? (
                <CircleAlert className="mt-0.5 size-3.5 shrink-0" aria-hidden />
              ) : (
                <TriangleAlert className="mt-0.5 size-3.5 shrink-0" aria-hidden />
              )}
              {issue.message}
            </li>
          ))}
        </ul>
      )}
      <TextInput
        label="Name on the canvas"
        placeholder={info.label}
        readOnly={readOnly}
        error={errors.label}
        value={current.candidate.label ?? ""}
        onChange={(label) => change({ ...current.candidate, label: label || undefined })}
      />
      <KindForm node={current.candidate} {...props} />
    </section>
  );
}

function KindForm({ node, ...props }: FormProps<FlowNode>) {
  switch (node.kind) {
    case "start":
    case "say":
      return <SpeakForm node={node} {...props} />;
    case "ask":
      return <AskForm node={node} {...props} />;
    case "dtmf_menu":
      return <DtmfForm node={node} {...props} />;
    case "condition":
      return <ConditionForm node={node} {...props} />;
    case "set_variable":
      return <SetVariableForm node={node} {...props} />;
    case "play_audio":
      return <PlayAudioForm node={node} {...props} />;
    case "transfer":
      return <TransferForm node={node} {...props} />;
    case "hangup":
      return <HangupForm node={node} {...props} />;
    case "ai_reply":
      return <AiReplyForm node={node} {...props} />;
    case "http_request":
      return <HttpRequestForm node={node} {...props} />;
    case "end":
      return <p className="text-sm text-fg-muted">Ends the flow without a word. The caller hears nothing more.</p>;
  }
}
