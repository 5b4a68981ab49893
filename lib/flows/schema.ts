import { z } from "zod";

import { ttsSchema } from "@/lib/aiflow/protocol";

// The flow document: what admins draw and what gets published. Drafts may be incomplete (an empty
// text, an unconnected exit), so this schema checks shape only; `validate.ts` says what is wrong
// with the content, and a flow with errors cannot be published. `version` lets later releases
// upgrade old documents on read.

export const FLOW_DOCUMENT_VERSION = 1;

export const variableNamePattern = /^[A-Za-z_][A-Za-z0-9_]{0,39}$/;
const variableName = z
  .string()
  .regex(variableNamePattern, "Use letters, digits and _ (at most 40), starting with a letter.");
const optionalVariable = z.union([variableName, z.literal("")]).optional();

/** Barge-in as drawn: ranges are checked by validate (seed 004: 1–100 characters, 0–10,000 ms). */
export const flowBargeInSchema = z.object({
  strategy: z.enum(["none", "manual", "immediate", "minimum_characters"]),
  minimum_characters: z.number().int().optional(),
  allow_after_ms: z.number().int().optional(),
});
export type FlowBargeIn = z.output<typeof flowBargeInSchema>;
const bargeInSchema = flowBargeInSchema;

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "Use letters, digits, _ and -.");
const text = (max = 5000) => z.string().max(max).optional();

/** Text or SSML (exactly one of them, checked by validate), with optional voice and barge-in. */
const speech = {
  text: text(),
  ssml: text(20_000),
  tts: ttsSchema.optional(),
  bargeIn: bargeInSchema.optional(),
};

const timeoutSeconds = z.number().min(1).max(60);
const retries = z.number().int().min(0).max(10);

const common = {
  id,
  position: z.object({ x: z.number(), y: z.number() }),
  /** The name shown on the canvas; defaults to the kind. */
  label: z.string().max(80).optional(),
};

export const branchSchema = z.object({
  id,
  label: z.string().max(80).optional(),
  match: z.enum(["keywords", "regex", "anything"]),
  keywords: z.array(z.string().max(200)).max(100).default([]),
  pattern: z.string().max(500).optional(),
});

export const dtmfOptionSchema = z.object({
  id,
  digit: z.string().max(1),
  label: z.string().max(80).optional(),
  /** Words that choose this option when the caller says them instead of pressing. */
  keywords: z.array(z.string().max(200)).max(50).default([]),
});

export const conditionOperators = [
  "equals",
  "not_equals",
  "contains",
  "matches",
  "is_empty",
  "is_not_empty",
  "greater_than",
  "less_than",
] as const;

export const conditionRuleSchema = z.object({
  id,
  variable: z.string().max(40),
  operator: z.enum(conditionOperators),
  value: z.string().max(500).default(""),
});

export const wavSchema = z.object({
  name: z.string().max(200),
  data: z.string().max(4_000_000, "Audio larger than 3 MB."),
});

export const flowNodeSchema = z.discriminatedUnion("kind", [
  z.object({ ...common, kind: z.literal("start"), ...speech }),
  z.object({ ...common, kind: z.literal("say"), ...speech }),
  z.object({
    ...common,
    kind: z.literal("ask"),
    ...speech,
    timeoutSeconds: timeoutSeconds.default(8),
    /** Said again after silence or an answer that matched no branch, until retries run out. */
    reprompt: text(),
    retries: retries.default(2),
    branches: z.array(branchSchema).max(50).default([]),
    captureAs: optionalVariable,
  }),
  z.object({
    ...common,
    kind: z.literal("dtmf_menu"),
    ...speech,
    timeoutSeconds: timeoutSeconds.default(8),
    reprompt: text(),
    retries: retries.default(2),
    options: z.array(dtmfOptionSchema).max(12).default([]),
    captureAs: optionalVariable,
  }),
  z.object({ ...common, kind: z.literal("condition"), rules: z.array(conditionRuleSchema).max(50).default([]) }),
  z.object({
    ...common,
    kind: z.literal("set_variable"),
    assignments: z
      .array(z.object({ name: z.string().max(40), value: z.string().max(2000) }))
      .max(50)
      .default([]),
  }),
  z.object({
    ...common,
    kind: z.literal("play_audio"),
    audio: wavSchema.optional(),
    bargeIn: bargeInSchema.optional(),
  }),
  z.object({
    ...common,
    kind: z.literal("transfer"),
    target: z.string().max(64).default(""),
    callerIdName: z.string().max(100).default(""),
    callerIdNumber: z.string().max(64).default(""),
    /** Said before the transfer, which then waits until the caller has heard it. */
    announcement: text(),
  }),
  z.object({ ...common, kind: z.literal("hangup"), goodbye: text() }),
  z.object({
    ...common,
    kind: z.literal("ai_reply"),
    instructions: z.string().max(10_000).default(""),
    /** Said when no model is configured, or it fails or runs out of time. */
    fallback: z.string().max(2000).default(""),
    timeBudgetMs: z.number().int().min(500).max(15_000).default(4000),
    captureAs: optionalVariable,
    tts: ttsSchema.optional(),
    bargeIn: bargeInSchema.optional(),
  }),
  z.object({
    ...common,
    kind: z.literal("http_request"),
    method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).default("GET"),
    url: z.string().max(2000).default(""),
    headers: z
      .array(z.object({ name: z.string().max(100), value: z.string().max(2000) }))
      .max(20)
      .default([]),
    body: z.string().max(20_000).optional(),
    timeBudgetMs: z.number().int().min(100).max(15_000).default(3000),
    /** JSON fields of the answer ("customer.name") copied into variables. */
    responseMap: z
      .array(z.object({ variable: z.string().max(40), path: z.string().max(200) }))
      .max(50)
      .default([]),
  }),
  z.object({ ...common, kind: z.literal("end") }),
]);

export type FlowNode = z.output<typeof flowNodeSchema>;
export type FlowNodeKind = FlowNode["kind"];
export type NodeOf<K extends FlowNodeKind> = Extract<FlowNode, { kind: K }>;
export const flowNodeKinds = [
  "start",
  "say",
  "ask",
  "dtmf_menu",
  "condition",
  "set_variable",
  "play_audio",
  "transfer",
  "hangup",
  "ai_reply",
  "http_request",
  "end",
] as const satisfies readonly FlowNodeKind[];

export const flowEdgeSchema = z.object({
  id,
  source: id,
  /** The exit of the source node: "next", a branch/option/rule id, "no_match", "no_input", "else", "ok", "failed". */
  sourceHandle: z.string().min(1).max(64),
  target: id,
});
export type FlowEdge = z.output<typeof flowEdgeSchema>;

export const globalPhraseSchema = z.object({
  id,
  phrases: z.array(z.string().max(200)).max(50).default([]),
  /** The node the conversation jumps to when the caller says one of the phrases, wherever it is. */
  target: z.string().max(64).default(""),
});

export const flowDocumentSchema = z.object({
  version: z.literal(FLOW_DOCUMENT_VERSION, {
    error: `Unsupported flow document version; this release reads version ${FLOW_DOCUMENT_VERSION}.`,
  }),
  settings: z
    .object({
      tts: ttsSchema.optional(),
      bargeIn: bargeInSchema.optional(),
      globalPhrases: z.array(globalPhraseSchema).max(50).default([]),
    })
    .default({ globalPhrases: [] }),
  /** Variables the flow uses with their starting values (captured and set ones need not be listed). */
  variables: z
    .array(z.object({ name: variableName, initial: z.string().max(2000).default("") }))
    .max(200)
    .default([]),
  nodes: z.array(flowNodeSchema).max(2000, "A flow has at most 2,000 nodes."),
  edges: z.array(flowEdgeSchema).max(10_000),
});

export type FlowDocument = z.output<typeof flowDocumentSchema>;
export type FlowDocumentInput = z.input<typeof flowDocumentSchema>;

/** Variables every session has. */
export const builtinVariables = [
  "caller_number",
  "called_number",
  "session_id",
  "account_id",
  "direction",
  "last_utterance",
  "last_digit",
] as const;

/** The named exits of a node, in the order the canvas shows them. */
export function exitsOf(node: FlowNode): string[] {
  switch (node.kind) {
    case "start":
    case "say":
    case "set_variable":
    case "play_audio":
    case "ai_reply":
      return ["next"];
    case "ask":
      return [...node.branches.map((b) => b.id), "no_match", "no_input"];
    case "dtmf_menu":
      return [...node.options.map((o) => o.id), "no_match", "no_input"];
    case "condition":
      return [...node.rules.map((r) => r.id), "else"];
    case "http_request":
      return ["ok", "failed"];
    case "transfer":
    case "hangup":
    case "end":
      return [];
  }
}

/** Nodes that stop and wait for the caller. */
export const isWaitingKind = (kind: FlowNodeKind): boolean => kind === "ask" || kind === "dtmf_menu";

const templatePattern = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The variables a text refers to as {{name}}. */
export function templateVariables(value: string | undefined): string[] {
  if (!value) return [];
  return [...value.matchAll(templatePattern)].flatMap((m) => (m[1] ? [m[1]] : []));
}

/** Fills {{name}} from the variables; unknown names become empty. */
export function renderTemplate(value: string, vars: Readonly<Record<string, string>>): string {
  if (!value.includes("{{")) return value;
  return value.replace(templatePattern, (_, name: string) => vars[name] ?? "");
}

export type DocumentParse =
  { ok: true; document: FlowDocument } | { ok: false; error: string; fields: Record<string, string> };

/** Parses an imported or saved document, naming the wrong fields ("nodes.3.kind"). */
export function parseFlowDocument(input: unknown): DocumentParse {
  const parsed = flowDocumentSchema.safeParse(input);
  if (parsed.success) return { ok: true, document: parsed.data };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[issue.path.join(".") || "_"] ??= issue.message;
  const [first, message] = Object.entries(fields)[0] ?? ["_", "is invalid"];
  return { ok: false, error: `Not a flow document: ${first === "_" ? "" : `${first}: `}${message}`, fields };
}
