import type { BargeIn, Tts } from "@/lib/aiflow/protocol";

import type { FlowBargeIn, FlowDocument, FlowNode, NodeOf } from "./schema";
import { hasErrors, validateFlow, type FlowIssue } from "./validate";

// A published version compiles once into a program: plain JSON stored beside the version, with
// every exit resolved to a node id, the flow's default voice and barge-in folded into each
// utterance, and keywords normalised for matching. The runtime reads only programs.

export const PROGRAM_FORMAT = 1;

/** An utterance ready to become a speak action: text or SSML may hold {{variables}}. */
export type SpeechTemplate = { text?: string; ssml?: string; tts?: Tts; barge_in?: BargeIn };
type Next = string | null;

export type ProgramNode =
  | { kind: "start" | "say"; speech?: SpeechTemplate; next: Next }
  | {
      kind: "ask";
      speech?: SpeechTemplate;
      reprompt?: SpeechTemplate;
      timeout: number;
      retries: number;
      branches: Array<{ match: "keywords" | "regex" | "anything"; keywords: string[]; pattern?: string; next: Next }>;
      captureAs?: string;
      noMatch: Next;
      noInput: Next;
    }
  | {
      kind: "dtmf_menu";
      speech?: SpeechTemplate;
      reprompt?: SpeechTemplate;
      timeout: number;
      retries: number;
      options: Array<{ digit: string; keywords: string[]; next: Next }>;
      captureAs?: string;
      noMatch: Next;
      noInput: Next;
    }
  | {
      kind: "condition";
      rules: Array<{ variable: string; operator: string; value: string; next: Next }>;
      otherwise: Next;
    }
  | { kind: "set_variable"; assignments: Array<{ name: string; value: string }>; next: Next }
  | { kind: "play_audio"; audio: string; barge_in?: BargeIn; next: Next }
  | { kind: "transfer"; target: string; callerIdName: string; callerIdNumber: string; announcement?: SpeechTemplate }
  | { kind: "hangup"; goodbye?: SpeechTemplate }
  | {
      kind: "ai_reply";
      instructions: string;
      fallback: string;
      budgetMs: number;
      captureAs?: string;
      speech: Omit<SpeechTemplate, "text" | "ssml">;
      next: Next;
    }
  | {
      kind: "http_request";
      method: string;
      url: string;
      headers: Array<{ name: string; value: string }>;
      body?: string;
      budgetMs: number;
      responseMap: Array<{ variable: string; path: string }>;
      ok: Next;
      failed: Next;
    }
  | { kind: "end" };

export type Program = {
  format: typeof PROGRAM_FORMAT;
  start: string;
  nodes: Record<string, ProgramNode>;
  globals: Array<{ phrases: string[]; target: string }>;
  /** Starting values of declared variables. */
  variables: Record<string, string>;
};

export class FlowCompileError extends Error {
  constructor(readonly issues: FlowIssue[]) {
    super(
      `The flow has ${issues.filter((i) => i.severity === "error").length} error(s): ${issues.find((i) => i.severity === "error")?.message ?? ""}`,
    );
    this.name = "FlowCompileError";
  }
}

/** Lower-case, accents off, punctuation to spaces, padded: " guten tag " for matching whole words. */
export function normaliseWords(value: string): string {
  const words = value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return ` ${words} `;
}

const keywordsOf = (words: readonly string[]) => words.map(normaliseWords).filter((k) => k.trim());

/** Only the fields the protocol allows for the strategy (ranges were checked by validate). */
export function toProtocolBargeIn(b: FlowBargeIn | undefined): BargeIn | undefined {
  if (!b) return undefined;
  switch (b.strategy) {
    case "none":
    case "manual":
      return { strategy: b.strategy };
    case "immediate":
      return b.allow_after_ms === undefined
        ? { strategy: "immediate" }
        : { strategy: "immediate", allow_after_ms: b.allow_after_ms };
    case "minimum_characters":
      return {
        strategy: "minimum_characters",
        ...(b.minimum_characters === undefined ? {} : { minimum_characters: b.minimum_characters }),
        ...(b.allow_after_ms === undefined ? {} : { allow_after_ms: b.allow_after_ms }),
      };
  }
}

/** Compiles a document; refuses one with errors (publishing checks first, this is the guard). */
export function compileFlow(doc: FlowDocument, options: { skipValidation?: boolean } = {}): Program {
  if (!options.skipValidation) {
    const issues = validateFlow(doc);
    if (hasErrors(issues)) throw new FlowCompileError(issues);
  }
  const exits = new Map<string, Map<string, string>>();
  for (const edge of doc.edges) {
    const m = exits.get(edge.source) ?? new Map<string, string>();
    m.set(edge.sourceHandle, edge.target);
    exits.set(edge.source, m);
  }
  const to = (nodeId: string, exit: string): Next => exits.get(nodeId)?.get(exit) ?? null;
  const defaults = { tts: doc.settings.tts, bargeIn: doc.settings.bargeIn };

  const speechOf = (
    node: { text?: string; ssml?: string; tts?: Tts; bargeIn?: FlowBargeIn },
    override?: string,
  ): SpeechTemplate | undefined => {
    const text = (override ?? node.text)?.trim();
    const ssml = override === undefined ? node.ssml?.trim() : undefined;
    if (!text && !ssml) return undefined;
    return withVoice(ssml ? { ssml } : { text }, node);
  };
  const withVoice = <T extends object>(speech: T, node: { tts?: Tts; bargeIn?: FlowBargeIn }) => {
    const tts = node.tts ?? defaults.tts;
    const bargeIn = toProtocolBargeIn(node.bargeIn ?? defaults.bargeIn);
    return { ...speech, ...(tts ? { tts } : {}), ...(bargeIn ? { barge_in: bargeIn } : {}) };
  };

  const nodes: Record<string, ProgramNode> = {};
  for (const node of doc.nodes) nodes[node.id] = compileNode(node);

  /** What an ask and a DTMF menu share: the prompt, its repeat, the timeout and the two ways out. */
  function waiting(node: NodeOf<"ask" | "dtmf_menu">) {
    return {
      speech: speechOf(node),
      reprompt: node.reprompt?.trim() ? speechOf(node, node.reprompt) : undefined,
      timeout: node.timeoutSeconds,
      retries: node.retries,
      captureAs: node.captureAs || undefined,
      noMatch: to(node.id, "no_match"),
      noInput: to(node.id, "no_input"),
    };
  }

  function compileNode(node: FlowNode): ProgramNode {
    switch (node.kind) {
      case "start":
      case "say":
        return { kind: node.kind, speech: speechOf(node), next: to(node.id, "next") };
      case "ask":
        return {
          kind: "ask",
          ...waiting(node),
          branches: node.branches.map((b) => ({
            match: b.match,
            keywords: keywordsOf(b.keywords),
            pattern: b.pattern,
            next: to(node.id, b.id),
          })),
        };
      case "dtmf_menu":
        return {
          kind: "dtmf_menu",
          ...waiting(node),
          options: node.options.map((o) => ({
            digit: o.digit,
            keywords: keywordsOf([...o.keywords, o.digit]),
            next: to(node.id, o.id),
          })),
        };
      case "condition":
        return {
          kind: "condition",
          rules: node.rules.map((r) => ({
            variable: r.variable,
            operator: r.operator,
            value: r.value,
            next: to(node.id, r.id),
          })),
          otherwise: to(node.id, "else"),
        };
      case "set_variable":
        return {
          kind: "set_variable",
          assignments: node.assignments.map((a) => ({ name: a.name, value: a.value })),
          next: to(node.id, "next"),
        };
      case "play_audio": {
        const bargeIn = toProtocolBargeIn(node.bargeIn ?? defaults.bargeIn);
        return {
          kind: "play_audio",
          audio: node.audio?.data.replace(/\s+/g, "") ?? "",
          ...(bargeIn ? { barge_in: bargeIn } : {}),
          next: to(node.id, "next"),
        };
      }
      case "transfer":
        return {
          kind: "transfer",
          target: node.target,
          callerIdName: node.callerIdName,
          callerIdNumber: node.callerIdNumber,
          announcement: node.announcement?.trim() ? withVoice({ text: node.announcement.trim() }, {}) : undefined,
        };
      case "hangup":
        return {
          kind: "hangup",
          goodbye: node.goodbye?.trim() ? withVoice({ text: node.goodbye.trim() }, {}) : undefined,
        };
      case "ai_reply":
        return {
          kind: "ai_reply",
          instructions: node.instructions,
          fallback: node.fallback,
          budgetMs: node.timeBudgetMs,
          captureAs: node.captureAs || undefined,
          speech: withVoice({}, node),
          next: to(node.id, "next"),
        };
      case "http_request":
        return {
          kind: "http_request",
          method: node.method,
          url: node.url.trim(),
          headers: node.headers.filter((h) => h.name.trim()),
          body: node.body,
          budgetMs: node.timeBudgetMs,
          responseMap: node.responseMap,
          ok: to(node.id, "ok"),
          failed: to(node.id, "failed"),
        };
      case "end":
        return { kind: "end" };
    }
  }

  const start = doc.nodes.find((n) => n.kind === "start");
  if (!start)
    throw new FlowCompileError([{ severity: "error", code: "no_start", message: "The flow has no start node." }]);
  return {
    format: PROGRAM_FORMAT,
    start: start.id,
    nodes,
    globals: doc.settings.globalPhrases
      .map((g) => ({ phrases: keywordsOf(g.phrases), target: g.target }))
      .filter((g) => g.phrases.length > 0 && nodes[g.target]),
    variables: Object.fromEntries(doc.variables.map((v) => [v.name, v.initial])),
  };
}
