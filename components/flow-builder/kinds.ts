import {
  Bot,
  Braces,
  CircleStop,
  GitBranch,
  Globe,
  Grid3x3,
  MessageCircleQuestion,
  MessageSquare,
  Music,
  PhoneForwarded,
  PhoneOff,
  Play,
  type LucideIcon,
} from "lucide-react";

import type { FlowNode, FlowNodeKind } from "@/lib/flows/schema";

// How each node kind looks in the palette and on the canvas.

export type KindInfo = { label: string; icon: LucideIcon; hint: string; tone: string };

export const kindInfo: Record<FlowNodeKind, KindInfo> = {
  start: { label: "Start", icon: Play, hint: "The greeting when a call begins", tone: "bg-emerald-500" },
  say: { label: "Say", icon: MessageSquare, hint: "Speak a message, then go on", tone: "bg-sky-500" },
  ask: { label: "Ask", icon: MessageCircleQuestion, hint: "Ask and branch on the answer", tone: "bg-indigo-500" },
  dtmf_menu: { label: "Keypad menu", icon: Grid3x3, hint: "Press 1 for…, press 2 for…", tone: "bg-violet-500" },
  condition: { label: "Condition", icon: GitBranch, hint: "Branch on variables", tone: "bg-amber-500" },
  set_variable: { label: "Set variable", icon: Braces, hint: "Store a value for later", tone: "bg-stone-500" },
  play_audio: { label: "Play audio", icon: Music, hint: "A WAV file (16 kHz mono 16-bit)", tone: "bg-pink-500" },
  transfer: {
    label: "Transfer",
    icon: PhoneForwarded,
    hint: "Put the caller through to a number",
    tone: "bg-teal-600",
  },
  hangup: { label: "Hang up", icon: PhoneOff, hint: "Say goodbye and end the call", tone: "bg-rose-500" },
  ai_reply: { label: "AI reply", icon: Bot, hint: "Answer with your model", tone: "bg-fuchsia-600" },
  http_request: { label: "HTTP request", icon: Globe, hint: "Call your system, keep the answer", tone: "bg-cyan-600" },
  end: { label: "End", icon: CircleStop, hint: "End the flow silently", tone: "bg-zinc-500" },
};

/** The kinds an admin can add (a flow has exactly one start). */
export const paletteKinds: FlowNodeKind[] = [
  "say",
  "ask",
  "dtmf_menu",
  "condition",
  "set_variable",
  "play_audio",
  "ai_reply",
  "http_request",
  "transfer",
  "hangup",
  "end",
];

export const nodeTitle = (node: FlowNode): string => node.label?.trim() || kindInfo[node.kind].label;

/** What an exit is called on the canvas and in the inspector. */
export function exitLabel(node: FlowNode, exit: string): string {
  switch (exit) {
    case "next":
      return "Next";
    case "no_match":
      return "No match";
    case "no_input":
      return "No input";
    case "else":
      return "Else";
    case "ok":
      return "OK";
    case "failed":
      return "Failed";
  }
  if (node.kind === "ask") {
    const branch = node.branches.find((b) => b.id === exit);
    if (branch)
      return (
        branch.label?.trim() ||
        (branch.match === "anything"
          ? "Anything"
          : branch.match === "regex"
            ? `/${branch.pattern ?? ""}/`
            : branch.keywords.join(", ") || "Keywords")
      );
  }
  if (node.kind === "dtmf_menu") {
    const option = node.options.find((o) => o.id === exit);
    if (option) return `${option.digit || "?"}${option.label ? ` · ${option.label}` : ""}`;
  }
  if (node.kind === "condition") {
    const rule = node.rules.find((r) => r.id === exit);
    if (rule)
      return `${rule.variable || "?"} ${rule.operator.replace("_", " ")}${rule.operator.startsWith("is_") ? "" : ` ${rule.value}`}`;
  }
  return exit;
}

/** The node's key content in a line or two: what it says, where it transfers, what it calls. */
export function nodeSummary(node: FlowNode): string {
  switch (node.kind) {
    case "start":
    case "say":
    case "ask":
    case "dtmf_menu":
      return (
        node.text ||
        (node.ssml
          ? node.ssml
              .replace(/<[^>]+>/g, " ")
              .replace(/\s+/g, " ")
              .trim()
          : "")
      );
    case "condition":
      return node.rules.length ? `${node.rules.length} rule${node.rules.length === 1 ? "" : "s"}` : "No rules yet";
    case "set_variable":
      return node.assignments.map((a) => `${a.name} = ${a.value}`).join(", ");
    case "play_audio":
      return node.audio?.name ?? "No audio yet";
    case "transfer":
      return node.target ? `To ${node.target}` : "No number yet";
    case "hangup":
      return node.goodbye ?? "";
    case "ai_reply":
      return node.instructions;
    case "http_request":
      return `${node.method} ${node.url}`;
    case "end":
      return "";
  }
}
