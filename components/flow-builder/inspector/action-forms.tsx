"use client";

import { useId, useState } from "react";

import { conditionOperators, type NodeOf } from "@/lib/flows/schema";
import { checkWav, toBase64 } from "@/lib/flows/wav";

import { Field, freshId, ListEditor, NumberInput, Select, TextInput, VariableText } from "./fields";
import { BargeInFields, VoicePicker } from "./speech-fields";
import type { FormProps } from "./talk-forms";

// Forms of the nodes that decide, remember, play, call out, transfer and end.

const operatorLabels: Record<(typeof conditionOperators)[number], string> = {
  equals: "equals",
  not_equals: "does not equal",
  contains: "contains",
  matches: "matches pattern",
  is_empty: "is empty",
  is_not_empty: "is not empty",
  greater_than: "is greater than",
  less_than: "is less than",
};

export function ConditionForm({ node, onChange, readOnly, errors, variables }: FormProps<NodeOf<"condition">>) {
  const setRule = (i: number, rule: NodeOf<"condition">["rules"][number]) =>
    onChange({ ...node, rules: node.rules.map((r, j) => (j === i ? rule : r)) });
  return (
    <ListEditor
      title="Rules"
      addLabel="Add rule"
      readOnly={readOnly}
      items={node.rules}
      onAdd={() =>
        onChange({
          ...node,
          rules: [
            ...node.rules,
            {
              id: freshId(
                "rule",
                node.rules.map((r) => r.id),
              ),
              variable: variables[0] ?? "",
              operator: "equals",
              value: "",
            },
          ],
        })
      }
      onRemove={(i) => onChange({ ...node, rules: node.rules.filter((_, j) => j !== i) })}
      render={(rule, i) => (
        <>
          <Select
            label="Variable"
            readOnly={readOnly}
            value={rule.variable}
            error={errors[`rules.${i}.variable`] ?? errors[rule.id]}
            options={[...new Set([rule.variable, ...variables])].map((v) => ({ value: v, label: v || "Choose…" }))}
            onChange={(variable) => setRule(i, { ...rule, variable })}
          />
          <Select
            label="Test"
            readOnly={readOnly}
            value={rule.operator}
            options={conditionOperators.map((o) => ({ value: o, label: operatorLabels[o] }))}
            onChange={(operator) => setRule(i, { ...rule, operator })}
          />
          {!rule.operator.startsWith("is_") && (
            <TextInput
              label="Value"
              readOnly={readOnly}
              error={errors[`rules.${i}.value`]}
              value={rule.value}
              onChange={(value) => setRule(i, { ...rule, value })}
            />
          )}
        </>
      )}
    />
  );
}

export function SetVariableForm({ node, onChange, readOnly, errors, variables }: FormProps<NodeOf<"set_variable">>) {
  const set = (i: number, a: NodeOf<"set_variable">["assignments"][number]) =>
    onChange({ ...node, assignments: node.assignments.map((x, j) => (j === i ? a : x)) });
  return (
    <ListEditor
      title="Assignments"
      addLabel="Add assignment"
      readOnly={readOnly}
      items={node.assignments}
      onAdd={() => onChange({ ...node, assignments: [...node.assignments, { name: "", value: "" }] })}
      onRemove={(i) => onChange({ ...node, assignments: node.assignments.filter((_, j) => j !== i) })}
      render={(a, i) => (
        <>
          <TextInput
            label="Variable"
            readOnly={readOnly}
            error={errors[`assignments.${i}.name`]}
            value={a.name}
            onChange={(name) => set(i, { ...a, name })}
          />
          <VariableText
            label="Value"
            readOnly={readOnly}
            rows={1}
            value={a.value}
            variables={variables}
            onChange={(value) => set(i, { ...a, value })}
          />
        </>
      )}
    />
  );
}

export function PlayAudioForm(props: FormProps<NodeOf<"play_audio">>) {
  const { node, onChange, readOnly, errors } = props;
  const id = useId();
  const [problem, setProblem] = useState<string | undefined>();
  return (
    <>
      <Field
        label="WAV file (16 kHz, mono, 16-bit)"
        id={id}
        error={problem ?? errors.audio}
        hint={node.audio ? `Current: ${node.audio.name}` : "No audio yet."}
      >
        <input
          id={id}
          type="file"
          accept=".wav,audio/wav"
          disabled={readOnly}
          className="block w-full text-xs file:mr-2 file:rounded file:border file:border-border file:bg-surface file:px-2 file:py-1"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            const bytes = new Uint8Array(await file.arrayBuffer());
            const check = checkWav(bytes);
            if (!check.ok) return setProblem(`${file.name}: ${check.error}`);
            setProblem(undefined);
            onChange({ ...node, audio: { name: file.name, data: toBase64(bytes) } });
          }}
        />
      </Field>
      <BargeInFields {...props} />
    </>
  );
}

export function TransferForm({ node, onChange, readOnly, errors, variables }: FormProps<NodeOf<"transfer">>) {
  return (
    <>
      <TextInput
        label="Transfer to (E.164)"
        placeholder="+493012345678"
        readOnly={readOnly}
        error={errors.target}
        value={node.target}
        onChange={(target) => onChange({ ...node, target: target.trim() })}
      />
      <TextInput
        label="Caller ID name"
        readOnly={readOnly}
        error={errors.callerIdName}
        value={node.callerIdName}
        onChange={(callerIdName) => onChange({ ...node, callerIdName })}
      />
      <TextInput
        label="Caller ID number (E.164)"
        readOnly={readOnly}
        error={errors.callerIdNumber}
        value={node.callerIdNumber}
        onChange={(callerIdNumber) => onChange({ ...node, callerIdNumber: callerIdNumber.trim() })}
      />
      <VariableText
        label="Announcement"
        hint="Said before the transfer; the transfer waits until the caller has heard it."
        readOnly={readOnly}
        error={errors.announcement}
        rows={2}
        value={node.announcement ?? ""}
        variables={variables}
        onChange={(announcement) => onChange({ ...node, announcement: announcement || undefined })}
      />
    </>
  );
}

export function HangupForm({ node, onChange, readOnly, errors, variables }: FormProps<NodeOf<"hangup">>) {
  return (
    <VariableText
      label="Goodbye"
      readOnly={readOnly}
      error={errors.goodbye}
      rows={2}
      value={node.goodbye ?? ""}
      variables={variables}
      onChange={(goodbye) => onChange({ ...node, goodbye: goodbye || undefined })}
    />
  );
}

export function AiReplyForm(props: FormProps<NodeOf<"ai_reply">>) {
  const { node, onChange, readOnly, errors, variables } = props;
  return (
    <>
      <VariableText
        label="Instructions for the model"
        readOnly={readOnly}
        error={errors.instructions}
        rows={4}
        value={node.instructions}
        variables={variables}
        onChange={(instructions) => onChange({ ...node, instructions })}
      />
      <VariableText
        label="Fallback text"
        hint="Said when no model is configured, or it fails or runs out of time."
        readOnly={readOnly}
        error={errors.fallback}
        rows={2}
        value={node.fallback}
        variables={variables}
        onChange={(fallback) => onChange({ ...node, fallback })}
      />
      <NumberInput
        label="Time budget (ms)"
        readOnly={readOnly}
        error={errors.timeBudgetMs}
        min={500}
        max={15000}
        step={100}
        value={node.timeBudgetMs}
        onChange={(v) => onChange({ ...node, timeBudgetMs: v ?? Number.NaN })}
      />
      <TextInput
        label="Keep the reply as variable"
        readOnly={readOnly}
        error={errors.captureAs}
        value={node.captureAs ?? ""}
        onChange={(captureAs) => onChange({ ...node, captureAs })}
      />
      <VoicePicker {...props} />
      <BargeInFields {...props} />
    </>
  );
}

export function HttpRequestForm({ node, onChange, readOnly, errors, variables }: FormProps<NodeOf<"http_request">>) {
  const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
  return (
    <>
      <div className="grid grid-cols-[6rem_1fr] gap-2">
        <Select
          label="Method"
          readOnly={readOnly}
          value={node.method}
          options={methods.map((m) => ({ value: m, label: m }))}
          onChange={(method) => onChange({ ...node, method })}
        />
        <VariableText
          label="URL"
          readOnly={readOnly}
          error={errors.url}
          rows={1}
          value={node.url}
          variables={variables}
          onChange={(url) => onChange({ ...node, url: url.trim() })}
        />
      </div>
      <ListEditor
        title="Headers"
        addLabel="Add header"
        readOnly={readOnly}
        items={node.headers}
        onAdd={() => onChange({ ...node, headers: [...node.headers, { name: "", value: "" }] })}
        onRemove={(i) => onChange({ ...node, headers: node.headers.filter((_, j) => j !== i) })}
        render={(h, i) => (
          <div className="grid grid-cols-2 gap-2">
            <TextInput
              label="Name"
              readOnly={readOnly}
              value={h.name}
              onChange={(name) =>
                onChange({ ...node, headers: node.headers.map((x, j) => (j === i ? { ...h, name } : x)) })
              }
            />
            <TextInput
              label="Value"
              readOnly={readOnly}
              value={h.value}
              onChange={(value) =>
                onChange({ ...node, headers: node.headers.map((x, j) => (j === i ? { ...h, value } : x)) })
              }
            />
          </div>
        )}
      />
      {node.method !== "GET" && (
        <VariableText
          label="Body"
          readOnly={readOnly}
          rows={3}
          value={node.body ?? ""}
          variables={variables}
          onChange={(body) => onChange({ ...node, body: body || undefined })}
        />
      )}
      <NumberInput
        label="Time budget (ms)"
        readOnly={readOnly}
        error={errors.timeBudgetMs}
        min={100}
        max={15000}
        step={100}
        value={node.timeBudgetMs}
        onChange={(v) => onChange({ ...node, timeBudgetMs: v ?? Number.NaN })}
      />
      <ListEditor
        title="Keep from the answer"
        addLabel="Add field"
        readOnly={readOnly}
        items={node.responseMap}
        onAdd={() => onChange({ ...node, responseMap: [...node.responseMap, { variable: "", path: "" }] })}
        onRemove={(i) => onChange({ ...node, responseMap: node.responseMap.filter((_, j) => j !== i) })}
        render={(m, i) => (
          <div className="grid grid-cols-2 gap-2">
            <TextInput
              label="JSON field"
              placeholder="customer.name"
              readOnly={readOnly}
              error={errors[`responseMap.${i}`]}
              value={m.path}
              onChange={(path) =>
                onChange({ ...node, responseMap: node.responseMap.map((x, j) => (j === i ? { ...m, path } : x)) })
              }
            />
            <TextInput
              label="Variable"
              readOnly={readOnly}
              value={m.variable}
              onChange={(variable) =>
                onChange({ ...node, responseMap: node.responseMap.map((x, j) => (j === i ? { ...m, variable } : x)) })
              }
            />
          </div>
        )}
      />
    </>
  );
}
