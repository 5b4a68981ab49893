import { isValidPhoneNumber } from "libphonenumber-js/min";

import { bargeInRanges, E164 } from "@/lib/aiflow/protocol";

import { exitsOf, variableNamePattern, type FlowBargeIn, type FlowNode } from "./schema";
import { checkWav } from "./wav";

// The checks of one node's own content: its texts, numbers, barge-in, branches and exits.

export const label = (node: FlowNode) => {
  const kind = node.kind.replace("_", " ");
  return node.label?.trim()
    ? `"${node.label.trim()}"`
    : node.id === node.kind
      ? `the ${kind} node`
      : `${kind} "${node.id}"`;
};

export type Reporters = {
  error: (code: string, message: string, nodeId?: string, field?: string) => void;
  warn: (code: string, message: string, nodeId?: string, field?: string) => void;
  checkText: (node: FlowNode, field: string, value: string | undefined) => void;
  target: (nodeId: string, exit: string) => string | undefined;
};

function checkSpeech(node: FlowNode & { text?: string; ssml?: string }, r: Reporters, required: boolean) {
  const hasText = Boolean(node.text?.trim());
  const hasSsml = Boolean(node.ssml?.trim());
  if (hasText && hasSsml) r.error("text_and_ssml", `${label(node)} has both text and SSML; keep one.`, node.id, "text");
  else if (!hasText && !hasSsml && required) r.error("no_text", `${label(node)} has nothing to say.`, node.id, "text");
  if (hasSsml && !/^\s*<speak[\s>]/.test(node.ssml ?? ""))
    r.warn("ssml_root", `The SSML of ${label(node)} does not start with <speak>.`, node.id, "ssml");
  r.checkText(node, "text", node.text);
  r.checkText(node, "ssml", node.ssml);
}

export function checkBargeIn(
  bargeIn: FlowBargeIn | undefined,
  node: FlowNode | undefined,
  error: Reporters["error"],
  warn: Reporters["warn"],
) {
  if (!bargeIn) return;
  const where = node ? ` of ${label(node)}` : " of the flow settings";
  const { minimumCharacters: chars, allowAfterMs: after } = bargeInRanges;
  if (bargeIn.minimum_characters !== undefined) {
    if (bargeIn.strategy !== "minimum_characters")
      warn(
        "barge_in_unused",
        `Minimum characters${where} only apply to the "minimum characters" strategy.`,
        node?.id,
        "bargeIn",
      );
    else if (bargeIn.minimum_characters < chars.min || bargeIn.minimum_characters > chars.max)
      error(
        "barge_in_range",
        `Barge-in minimum characters${where} must be ${chars.min}–${chars.max}, not ${bargeIn.minimum_characters}.`,
        node?.id,
        "bargeIn.minimum_characters",
      );
  }
  if (bargeIn.allow_after_ms !== undefined) {
    if (bargeIn.strategy === "none" || bargeIn.strategy === "manual")
      warn(
        "barge_in_unused",
        `"Allow after"${where} does nothing with the "${bargeIn.strategy}" strategy.`,
        node?.id,
        "bargeIn",
      );
    else if (bargeIn.allow_after_ms < after.min || bargeIn.allow_after_ms > after.max)
      error(
        "barge_in_range",
        `Barge-in "allow after"${where} must be ${after.min}–${after.max} ms, not ${bargeIn.allow_after_ms}.`,
        node?.id,
        "bargeIn.allow_after_ms",
      );
  }
}

function checkNumber(node: FlowNode, field: string, value: string, what: string, r: Reporters) {
  if (!value.trim()) r.error("number_missing", `${label(node)} needs ${what}.`, node.id, field);
  else if (!E164.test(value))
    r.error(
      "number_invalid",
      `${what[0]?.toUpperCase()}${what.slice(1)} of ${label(node)} must be E.164, like +493012345678 (not "${value}").`,
      node.id,
      field,
    );
  else if (!isValidPhoneNumber(value))
    r.warn("number_unlikely", `${value} (${what} of ${label(node)}) is not a number in use anywhere.`, node.id, field);
}

function checkExits(node: FlowNode, r: Reporters, optional: readonly string[] = []) {
  for (const exit of exitsOf(node)) {
    if (optional.includes(exit) || r.target(node.id, exit)) continue;
    r.error("exit_unconnected", `Exit "${exitName(node, exit)}" of ${label(node)} is not connected.`, node.id, exit);
  }
}

function exitName(node: FlowNode, exit: string): string {
  if (node.kind === "ask") return node.branches.find((b) => b.id === exit)?.label || exit;
  if (node.kind === "dtmf_menu") return node.options.find((o) => o.id === exit)?.label || exit;
  return exit;
}

export function checkNode(node: FlowNode, r: Reporters) {
  const bargeIn = "bargeIn" in node ? node.bargeIn : undefined;
  checkBargeIn(bargeIn, node, r.error, r.warn);
  switch (node.kind) {
    case "start":
      checkSpeech(node, r, false);
      return checkExits(node, r);
    case "say":
      checkSpeech(node, r, true);
      return checkExits(node, r);
    case "ask": {
      checkSpeech(node, r, false);
      if (!node.text?.trim() && !node.ssml?.trim())
        r.warn(
          "no_prompt",
          `${label(node)} has no prompt: the caller hears nothing new, and silence is noticed only after something was said.`,
          node.id,
          "text",
        );
      r.checkText(node, "reprompt", node.reprompt);
      if (node.branches.length === 0) r.error("no_branches", `${label(node)} has no branches.`, node.id, "branches");
      for (const branch of node.branches) {
        if (branch.match === "keywords" && branch.keywords.every((k) => !k.trim()))
          r.error(
            "branch_keywords",
            `Branch "${branch.label || branch.id}" of ${label(node)} has no keywords.`,
            node.id,
            branch.id,
          );
        if (branch.match === "regex") {
          try {
            new RegExp(branch.pattern ?? "", "iu");
            if (!branch.pattern)
              r.error(
                "branch_regex",
                `Branch "${branch.label || branch.id}" of ${label(node)} has no pattern.`,
                node.id,
                branch.id,
              );
          } catch (e) {
            r.error(
              "branch_regex",
              `The pattern of branch "${branch.label || branch.id}" is not a valid regular expression: ${e instanceof Error ? e.message : ""}`,
              node.id,
              branch.id,
            );
          }
        }
      }
      const catchesAll = node.branches.some((b) => b.match === "anything");
      if (!r.target(node.id, "no_input"))
        r.error(
          "no_input_unhandled",
          `${label(node)} does not say what happens when the caller stays silent: connect its "no_input" exit.`,
          node.id,
          "no_input",
        );
      return checkExits(node, r, catchesAll ? ["no_match", "no_input"] : ["no_input"]);
    }
    case "dtmf_menu": {
      checkSpeech(node, r, true);
      r.checkText(node, "reprompt", node.reprompt);
      if (node.options.length === 0) r.error("no_options", `${label(node)} has no options.`, node.id, "options");
      const digits = new Set<string>();
      for (const option of node.options) {
        if (!/^[0-9*#]$/.test(option.digit))
          r.error(
            "dtmf_digit",
            `Option "${option.label || option.id}" of ${label(node)} needs a key: 0–9, * or #.`,
            node.id,
            option.id,
          );
        else if (digits.has(option.digit))
          r.error("dtmf_twice", `Key ${option.digit} is used twice in ${label(node)}.`, node.id, option.id);
        digits.add(option.digit);
      }
      if (!r.target(node.id, "no_input"))
        r.error(
          "no_input_unhandled",
          `${label(node)} does not say what happens when the caller presses nothing: connect its "no_input" exit.`,
          node.id,
          "no_input",
        );
      return checkExits(node, r, ["no_input"]);
    }
    case "condition":
      if (node.rules.length === 0)
        r.warn("no_rules", `${label(node)} has no rules; it always takes "else".`, node.id, "rules");
      for (const rule of node.rules) {
        if (!rule.variable.trim())
          r.error("rule_variable", `A rule of ${label(node)} names no variable.`, node.id, rule.id);
        else if (!variableNamePattern.test(rule.variable))
          r.error(
            "variable_name",
            `"${rule.variable}" in a rule of ${label(node)} is not a variable name (letters, digits, _).`,
            node.id,
            rule.id,
          );
        else r.checkText(node, rule.id, `{{${rule.variable}}}`);
        if (rule.operator === "matches") {
          try {
            new RegExp(rule.value, "iu");
          } catch {
            r.error(
              "rule_regex",
              `The pattern of a rule of ${label(node)} is not a valid regular expression.`,
              node.id,
              rule.id,
            );
          }
        }
        if ((rule.operator === "greater_than" || rule.operator === "less_than") && !Number.isFinite(Number(rule.value)))
          r.error(
            "rule_number",
            `A rule of ${label(node)} compares with "${rule.value}", which is not a number.`,
            node.id,
            rule.id,
          );
        r.checkText(node, rule.id, rule.value);
      }
      return checkExits(node, r);
    case "set_variable":
      if (node.assignments.length === 0)
        r.warn("no_assignments", `${label(node)} sets nothing.`, node.id, "assignments");
      for (const [i, a] of node.assignments.entries()) {
        if (!variableNamePattern.test(a.name))
          r.error(
            "variable_name",
            `"${a.name}" in ${label(node)} is not a variable name (letters, digits, _).`,
            node.id,
            `assignments.${i}`,
          );
        r.checkText(node, `assignments.${i}`, a.value);
      }
      return checkExits(node, r);
    case "play_audio":
      if (!node.audio) r.error("no_audio", `${label(node)} has no audio file.`, node.id, "audio");
      else {
        const wav = checkWav(node.audio.data);
        if (!wav.ok) r.error("audio_format", `${node.audio.name}: ${wav.error}`, node.id, "audio");
      }
      return checkExits(node, r);
    case "transfer":
      checkNumber(node, "target", node.target, "a target number", r);
      checkNumber(node, "callerIdNumber", node.callerIdNumber, "a caller id number", r);
      if (!node.callerIdName.trim())
        r.error("caller_id_name", `${label(node)} needs a caller id name.`, node.id, "callerIdName");
      r.checkText(node, "announcement", node.announcement);
      return;
    case "hangup":
      r.checkText(node, "goodbye", node.goodbye);
      return;
    case "ai_reply":
      if (!node.fallback.trim())
        r.error(
          "no_fallback",
          `${label(node)} needs a fallback text for when no model answers in time.`,
          node.id,
          "fallback",
        );
      r.checkText(node, "instructions", node.instructions);
      r.checkText(node, "fallback", node.fallback);
      return checkExits(node, r);
    case "http_request": {
      const url = node.url.trim();
      if (!url) r.error("no_url", `${label(node)} needs a URL.`, node.id, "url");
      else if (!/^https?:\/\/[^\s/]+/i.test(url.replace(/\{\{[^}]*\}\}/g, "x")))
        r.error("url_invalid", `The URL of ${label(node)} must start with http:// or https://.`, node.id, "url");
      r.checkText(node, "url", node.url);
      r.checkText(node, "body", node.body);
      for (const [i, h] of node.headers.entries()) r.checkText(node, `headers.${i}`, h.value);
      for (const [i, m] of node.responseMap.entries()) {
        if (!variableNamePattern.test(m.variable))
          r.error(
            "variable_name",
            `"${m.variable}" in ${label(node)} is not a variable name.`,
            node.id,
            `responseMap.${i}`,
          );
        if (!m.path.trim())
          r.error(
            "response_path",
            `A field mapping of ${label(node)} names no JSON field.`,
            node.id,
            `responseMap.${i}`,
          );
      }
      return checkExits(node, r);
    }
    case "end":
      return;
  }
}
