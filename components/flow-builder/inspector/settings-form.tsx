"use client";

import type { FlowDocument } from "@/lib/flows/schema";
import type { FlowIssue } from "@/lib/flows/validate";

import { nodeTitle } from "../kinds";
import { freshId, ListEditor, Select, TextInput, WordsInput } from "./fields";
import { BargeInFields, VoicePicker } from "./speech-fields";

type Settings = FlowDocument["settings"];

/** What applies to the whole flow: default voice and barge-in, global phrases, declared variables. */
export function SettingsForm({
  document,
  issues,
  readOnly,
  onChange,
  onVariables,
}: {
  document: FlowDocument;
  issues: readonly FlowIssue[];
  readOnly: boolean;
  onChange: (settings: Settings) => void;
  onVariables: (variables: FlowDocument["variables"]) => void;
}) {
  const settings = document.settings;
  const errors = Object.fromEntries(
    issues
      .filter((i) => i.field?.startsWith("settings."))
      .map((i) => [i.field?.slice("settings.".length) ?? "", i.message]),
  );
  const targets = document.nodes.map((n) => ({ value: n.id, label: `${nodeTitle(n)} (${n.id})` }));
  const props = { node: { tts: settings.tts, bargeIn: settings.bargeIn }, readOnly, errors, variables: [] };
  return (
    <section aria-label="Flow settings" className="space-y-4">
      <div>
        <h2 className="text-sm font-semibold">Flow settings</h2>
        <p className="text-xs text-fg-muted">
          Select a node to edit it. These apply wherever a node does not choose its own.
        </p>
      </div>
      <VoicePicker {...props} inheritLabel="Platform default" onChange={(v) => onChange({ ...settings, tts: v.tts })} />
      <BargeInFields
        {...props}
        inheritLabel="Platform default"
        onChange={(v) => onChange({ ...settings, bargeIn: v.bargeIn })}
      />
      <ListEditor
        title="Global phrases"
        addLabel="Add global phrase"
        readOnly={readOnly}
        items={settings.globalPhrases}
        onAdd={() =>
          onChange({
            ...settings,
            globalPhrases: [
              ...settings.globalPhrases,
              {
                id: freshId(
                  "global",
                  settings.globalPhrases.map((g) => g.id),
                ),
                phrases: [],
                target: "",
              },
            ],
          })
        }
        onRemove={(i) => onChange({ ...settings, globalPhrases: settings.globalPhrases.filter((_, j) => j !== i) })}
        render={(g, i) => {
          const set = (next: typeof g) =>
            onChange({ ...settings, globalPhrases: settings.globalPhrases.map((x, j) => (j === i ? next : x)) });
          return (
            <>
              <WordsInput
                label="When the caller says"
                placeholder="agent, operator"
                readOnly={readOnly}
                error={errors[`globalPhrases.${i}`]}
                words={g.phrases}
                onChange={(phrases) => set({ ...g, phrases })}
              />
              <Select
                label="Jump to"
                readOnly={readOnly}
                value={g.target}
                options={[{ value: "", label: "Choose a node…" }, ...targets]}
                onChange={(target) => set({ ...g, target })}
              />
            </>
          );
        }}
      />
      <ListEditor
        title="Variables"
        addLabel="Add variable"
        readOnly={readOnly}
        items={document.variables}
        onAdd={() =>
          onVariables([
            ...document.variables,
            {
              name: freshId(
                "var",
                document.variables.map((v) => v.name),
              ),
              initial: "",
            },
          ])
        }
        onRemove={(i) => onVariables(document.variables.filter((_, j) => j !== i))}
        render={(v, i) => (
          <div className="grid grid-cols-2 gap-2">
            <TextInput
              label="Name"
              readOnly={readOnly}
              value={v.name}
              onChange={(name) => onVariables(document.variables.map((x, j) => (j === i ? { ...v, name } : x)))}
            />
            <TextInput
              label="Starts as"
              readOnly={readOnly}
              value={v.initial}
              onChange={(initial) => onVariables(document.variables.map((x, j) => (j === i ? { ...v, initial } : x)))}
            />
          </div>
        )}
      />
    </section>
  );
}
