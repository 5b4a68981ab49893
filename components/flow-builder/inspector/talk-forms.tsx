"use client";

import type { NodeOf } from "@/lib/flows/schema";

import {
  freshId,
  ListEditor,
  NumberInput,
  Select,
  TextInput,
  VariableText,
  WordsInput,
  type FieldErrors,
} from "./fields";
import { BargeInFields, SpeechText, VoicePicker } from "./speech-fields";

// Forms of the nodes that speak and listen: start, say, ask, DTMF menu.

export type FormProps<N> = {
  node: N;
  onChange: (node: N) => void;
  readOnly: boolean;
  errors: FieldErrors;
  variables: readonly string[];
};

export function SpeakForm<N extends NodeOf<"start" | "say">>(props: FormProps<N>) {
  return (
    <>
      <SpeechText {...props} label={props.node.kind === "start" ? "Greeting" : "Says"} />
      <VoicePicker {...props} />
      <BargeInFields {...props} />
    </>
  );
}

function Listening<N extends NodeOf<"ask" | "dtmf_menu">>({
  node,
  onChange,
  readOnly,
  errors,
  variables,
}: FormProps<N>) {
  return (
    <>
      <div className="grid grid-cols-2 gap-2">
        <NumberInput
          label="Wait for an answer (s)"
          readOnly={readOnly}
          error={errors.timeoutSeconds}
          min={1}
          max={60}
          value={node.timeoutSeconds}
          onChange={(v) => onChange({ ...node, timeoutSeconds: v ?? Number.NaN })}
        />
        <NumberInput
          label="Tries after the first"
          readOnly={readOnly}
          error={errors.retries}
          min={0}
          max={10}
          value={node.retries}
          onChange={(v) => onChange({ ...node, retries: v ?? Number.NaN })}
        />
      </div>
      <VariableText
        label="Reprompt"
        hint="Said again after silence or an answer that matched nothing."
        readOnly={readOnly}
        error={errors.reprompt}
        rows={2}
        value={node.reprompt ?? ""}
        variables={variables}
        onChange={(reprompt) => onChange({ ...node, reprompt: reprompt || undefined })}
      />
      <TextInput
        label="Keep the answer as variable"
        placeholder="e.g. answer"
        readOnly={readOnly}
        error={errors.captureAs}
        value={node.captureAs ?? ""}
        onChange={(captureAs) => onChange({ ...node, captureAs })}
      />
    </>
  );
}

export function AskForm(props: FormProps<NodeOf<"ask">>) {
  const { node, onChange, readOnly, errors } = props;
  const setBranch = (i: number, branch: NodeOf<"ask">["branches"][number]) =>
    onChange({ ...node, branches: node.branches.map((b, j) => (j === i ? branch : b)) });
  return (
    <>
      <SpeechText {...props} label="Asks" />
      <ListEditor
        title="Branches"
        addLabel="Add branch"
        readOnly={readOnly}
        items={node.branches}
        onAdd={() =>
          onChange({
            ...node,
            branches: [
              ...node.branches,
              {
                id: freshId(
                  "branch",
                  node.branches.map((b) => b.id),
                ),
                match: "keywords",
                keywords: [],
              },
            ],
          })
        }
        onRemove={(i) => onChange({ ...node, branches: node.branches.filter((_, j) => j !== i) })}
        render={(branch, i) => (
          <>
            <div className="grid grid-cols-2 gap-2">
              <TextInput
                label="Name"
                readOnly={readOnly}
                error={errors[`branches.${i}.label`]}
                value={branch.label ?? ""}
                onChange={(label) => setBranch(i, { ...branch, label })}
              />
              <Select
                label="Matches"
                readOnly={readOnly}
                value={branch.match}
                options={[
                  { value: "keywords", label: "Keywords" },
                  { value: "regex", label: "Pattern (regex)" },
                  { value: "anything", label: "Anything" },
                ]}
                onChange={(match) => setBranch(i, { ...branch, match })}
              />
            </div>
            {branch.match === "keywords" && (
              <WordsInput
                label="Keywords (comma separated)"
                readOnly={readOnly}
                error={errors[`branches.${i}.keywords`] ?? errors[branch.id]}
                words={branch.keywords}
                onChange={(keywords) => setBranch(i, { ...branch, keywords })}
              />
            )}
            {branch.match === "regex" && (
              <TextInput
                label="Pattern"
                readOnly={readOnly}
                error={errors[`branches.${i}.pattern`] ?? errors[branch.id]}
                value={branch.pattern ?? ""}
                onChange={(pattern) => setBranch(i, { ...branch, pattern })}
              />
            )}
          </>
        )}
      />
      <Listening {...props} />
      <VoicePicker {...props} />
      <BargeInFields {...props} />
    </>
  );
}

export function DtmfForm(props: FormProps<NodeOf<"dtmf_menu">>) {
  const { node, onChange, readOnly, errors } = props;
  const setOption = (i: number, option: NodeOf<"dtmf_menu">["options"][number]) =>
    onChange({ ...node, options: node.options.map((o, j) => (j === i ? option : o)) });
  const free = "123456789*#0".split("").find((d) => !node.options.some((o) => o.digit === d)) ?? "";
  return (
    <>
      <SpeechText {...props} label="Says" />
      <ListEditor
        title="Options"
        addLabel="Add option"
        readOnly={readOnly}
        items={node.options}
        onAdd={() =>
          onChange({
            ...node,
            options: [
              ...node.options,
              {
                id: freshId(
                  "option",
                  node.options.map((o) => o.id),
                ),
                digit: free,
                keywords: [],
              },
            ],
          })
        }
        onRemove={(i) => onChange({ ...node, options: node.options.filter((_, j) => j !== i) })}
        render={(option, i) => (
          <>
            <div className="grid grid-cols-[4rem_1fr] gap-2">
              <TextInput
                label="Key"
                readOnly={readOnly}
                error={errors[`options.${i}.digit`] ?? errors[option.id]}
                value={option.digit}
                onChange={(digit) => setOption(i, { ...option, digit: digit.slice(-1) })}
              />
              <TextInput
                label="Name"
                readOnly={readOnly}
                error={errors[`options.${i}.label`]}
                value={option.label ?? ""}
                onChange={(label) => setOption(i, { ...option, label })}
              />
            </div>
            <WordsInput
              label="Or says (comma separated)"
              readOnly={readOnly}
              words={option.keywords}
              onChange={(keywords) => setOption(i, { ...option, keywords })}
            />
          </>
        )}
      />
      <Listening {...props} />
      <VoicePicker {...props} />
      <BargeInFields {...props} />
    </>
  );
}
