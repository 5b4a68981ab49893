"use client";

import { bargeInRanges, type Tts } from "@/lib/aiflow/protocol";
import type { FlowBargeIn } from "@/lib/flows/schema";

import { NumberInput, Select, VariableText, type FieldErrors } from "./fields";

// What and how a node speaks: text or SSML, the voice (seed 004's Azure and ElevenLabs voices),
// and whether the caller may interrupt.

export const azureVoices = [
  { voice: "en-US-JennyNeural", label: "Jenny (en-US, female)" },
  { voice: "en-US-GuyNeural", label: "Guy (en-US, male)" },
  { voice: "en-GB-SoniaNeural", label: "Sonia (en-GB, female)" },
  { voice: "en-GB-RyanNeural", label: "Ryan (en-GB, male)" },
  { voice: "de-DE-KatjaNeural", label: "Katja (de-DE, female)" },
  { voice: "de-DE-ConradNeural", label: "Conrad (de-DE, male)" },
] as const;

export const elevenLabsVoices = [
  { voice: "21m00Tcm4TlvDq8ikWAM", label: "Rachel" },
  { voice: "EXAVITQu4vr4xnSDxMaL", label: "Sarah" },
  { voice: "JBFqnCBsd6RMkjVDRZzb", label: "George" },
  { voice: "GBv7mTt0atIp3Br8iCZE", label: "Thomas" },
  { voice: "pNInz6obpgDQGcFmaJgB", label: "Adam" },
  { voice: "nPczCjzI2devNBz1zQrb", label: "Brian" },
  { voice: "IKne3meq5aSn9XLyUdCD", label: "Charlie" },
  { voice: "pFZP5JQG7iQjIQuC4Bku", label: "Lily" },
] as const;

type Speaking = { text?: string; ssml?: string; tts?: Tts; bargeIn?: FlowBargeIn };
type Props<N> = {
  node: N;
  onChange: (node: N) => void;
  readOnly: boolean;
  errors: FieldErrors;
  variables: readonly string[];
  inheritLabel?: string;
};

export function SpeechText<N extends Speaking>({
  node,
  onChange,
  readOnly,
  errors,
  variables,
  label = "Says",
}: Props<N> & { label?: string }) {
  const mode = node.ssml !== undefined ? "ssml" : "text";
  return (
    <div className="space-y-2">
      <Select
        label="Format"
        readOnly={readOnly}
        value={mode}
        options={[
          { value: "text", label: "Plain text" },
          { value: "ssml", label: "SSML" },
        ]}
        onChange={(next) => {
          if (next === mode) return;
          onChange(
            next === "ssml"
              ? { ...node, text: undefined, ssml: node.text ? `<speak>${node.text}</speak>` : "<speak></speak>" }
              : { ...node, ssml: undefined, text: (node.ssml ?? "").replace(/<[^>]+>/g, "") },
          );
        }}
      />
      {mode === "text" ? (
        <VariableText
          label={label}
          readOnly={readOnly}
          error={errors.text}
          value={node.text ?? ""}
          variables={variables}
          onChange={(text) => onChange({ ...node, text })}
        />
      ) : (
        <VariableText
          label={`${label} (SSML)`}
          readOnly={readOnly}
          error={errors.ssml ?? errors.text}
          value={node.ssml ?? ""}
          variables={variables}
          rows={4}
          onChange={(ssml) => onChange({ ...node, ssml })}
        />
      )}
    </div>
  );
}

const voiceValue = (tts: Tts | undefined): string => (tts ? `${tts.provider}:${tts.voice ?? ""}` : "");

export function VoicePicker<N extends Speaking>({ node, onChange, readOnly, inheritLabel = "Flow default" }: Props<N>) {
  const options = [
    { value: "", label: inheritLabel },
    ...azureVoices.map((v) => ({ value: `azure:${v.voice}`, label: `Azure · ${v.label}` })),
    { value: "eleven_labs:", label: "ElevenLabs · default voice" },
    ...elevenLabsVoices.map((v) => ({ value: `eleven_labs:${v.voice}`, label: `ElevenLabs · ${v.label}` })),
  ];
  const current = voiceValue(node.tts);
  if (current && !options.some((o) => o.value === current))
    options.push({ value: current, label: `${node.tts?.provider} · ${node.tts?.voice}` });
  return (
    <Select
      label="Voice"
      readOnly={readOnly}
      value={current}
      options={options}
      onChange={(value) => {
        if (!value) return onChange({ ...node, tts: undefined });
        const [provider, voice = ""] = value.split(":");
        const tts: Tts =
          provider === "azure"
            ? { provider: "azure", voice, language: voice.split("-").slice(0, 2).join("-") }
            : { provider: "eleven_labs", ...(voice ? { voice } : {}) };
        onChange({ ...node, tts });
      }}
    />
  );
}

export function BargeInFields<N extends Speaking>({
  node,
  onChange,
  readOnly,
  errors,
  inheritLabel = "Flow default",
}: Props<N>) {
  const b = node.bargeIn;
  const set = (bargeIn: FlowBargeIn | undefined) => onChange({ ...node, bargeIn });
  return (
    <div className="space-y-2">
      <Select
        label="Caller may interrupt (barge-in)"
        readOnly={readOnly}
        value={b?.strategy ?? ""}
        options={[
          { value: "", label: inheritLabel },
          { value: "none", label: "No: always finish speaking" },
          { value: "manual", label: "Only when the flow barges in" },
          { value: "immediate", label: "Yes, as soon as the caller speaks" },
          { value: "minimum_characters", label: "Yes, after a few words" },
        ]}
        onChange={(strategy) => set(strategy === "" ? undefined : { strategy })}
      />
      {b?.strategy === "minimum_characters" && (
        <NumberInput
          label="Characters heard before interrupting"
          readOnly={readOnly}
          error={errors["bargeIn.minimum_characters"]}
          hint={`${bargeInRanges.minimumCharacters.min}–${bargeInRanges.minimumCharacters.max}`}
          min={bargeInRanges.minimumCharacters.min}
          max={bargeInRanges.minimumCharacters.max}
          value={b.minimum_characters}
          onChange={(v) => set({ ...b, minimum_characters: v })}
        />
      )}
      {(b?.strategy === "minimum_characters" || b?.strategy === "immediate") && (
        <NumberInput
          label="Protected start (ms)"
          readOnly={readOnly}
          error={errors["bargeIn.allow_after_ms"]}
          hint={`${bargeInRanges.allowAfterMs.min}–${bargeInRanges.allowAfterMs.max} ms before interrupting is allowed`}
          min={bargeInRanges.allowAfterMs.min}
          max={bargeInRanges.allowAfterMs.max}
          step={100}
          value={b.allow_after_ms}
          onChange={(v) => set({ ...b, allow_after_ms: v })}
        />
      )}
    </div>
  );
}
