import { utteranceOf, type AiFlowEvent } from "@/lib/aiflow/protocol";

import { normaliseWords, type Program } from "./compile";
import { valueAt } from "./conditions";
import { Run } from "./run";
import { renderTemplate } from "./schema";
import { copyState, type FlowRuntime, type Handler, type SessionState, type Step } from "./session-state";

// Runs a compiled program as the AI Flow event handlers: each `(state, event) → { actions, state }`,
// pure, no I/O, the same code on the server and in the editor's simulator. The two nodes that
// need the outside world (AI reply, HTTP request) stop with an `effect`; whoever runs the
// program performs it and calls `resume` (see run-event.ts).

export function createRuntime(program: Program): FlowRuntime {
  const regexCache = new Map<string, RegExp | null>();
  // Only an AI reply reads the conversation so far: other flows do not carry it from event to event.
  const remembers = Object.values(program.nodes).some((node) => node.kind === "ai_reply");
  const regex = (pattern: string): RegExp | null => {
    let r = regexCache.get(pattern);
    if (r === undefined) {
      try {
        r = new RegExp(pattern, "iu");
      } catch {
        r = null;
      }
      regexCache.set(pattern, r);
    }
    return r;
  };

  const start = (state: SessionState, event: AiFlowEvent): Run =>
    new Run(program, regex, copyState(state), event, remembers);
  const silent = (state: SessionState): Step => ({ actions: [], state });

  /** Speech arrived: the pending terminal goes out now (the caller talked over the announcement). */
  const firePending = (run: Run): boolean => {
    const pending = run.state.pending;
    if (!pending) return false;
    run.out.push(...pending);
    run.state.pending = null;
    run.state.pendingSpeech = 0;
    return true;
  };

  const answer = (run: Run, utterance: string, digit?: string): Step => {
    const state = run.state;
    if (firePending(run) || state.done) return run.step();
    const at = state.at ? program.nodes[state.at] : undefined;
    const words = normaliseWords(utterance);
    if (digit === undefined) {
      const global = program.globals.find((g) => g.phrases.some((p) => words.includes(p)));
      if (global) {
        run.run(global.target);
        return run.step();
      }
    }
    if (!at || (at.kind !== "ask" && at.kind !== "dtmf_menu")) return run.step();
    if (at.kind === "dtmf_menu") {
      const option =
        digit !== undefined
          ? at.options.find((o) => o.digit === digit)
          : at.options.find((o) => o.keywords.some((k) => words.includes(k)));
      if (!option) return (run.retry(at, "noMatch"), run.step());
      if (at.captureAs) state.vars[at.captureAs] = option.digit;
      run.run(option.next);
      return run.step();
    }
    for (const branch of at.branches) {
      let captured: string | undefined;
      if (branch.match === "anything") captured = utterance;
      else if (branch.match === "keywords")
        captured = branch.keywords.some((k) => words.includes(k)) ? utterance : undefined;
      else {
        const m = branch.pattern ? regex(branch.pattern)?.exec(utterance) : null;
        captured = m ? (m[1] ?? m[0]) : undefined;
      }
      if (captured === undefined) continue;
      if (at.captureAs) state.vars[at.captureAs] = captured.trim();
      run.run(branch.next);
      return run.step();
    }
    run.retry(at, "noMatch");
    return run.step();
  };

  const handlers: Omit<FlowRuntime, "handle"> = {
    onSessionStart: (state, event) => {
      if (state.ended) return silent(state);
      const run = start(state, event);
      const s = event.session;
      run.state.vars = {
        ...program.variables,
        ...run.state.vars,
        caller_number: s.from_phone_number ?? "",
        called_number: s.to_phone_number ?? s.phone_number ?? "",
        session_id: s.id,
        account_id: s.account_id ?? "",
        direction: s.direction ?? "inbound",
      };
      run.run(program.start);
      return run.step();
    },
    onUserSpeak: (state, event) => {
      if (state.ended) return silent(state);
      const run = start(state, event);
      const utterance = utteranceOf(event).trim();
      if (!utterance) return run.step();
      run.state.vars.last_utterance = utterance;
      run.remember("caller", utterance);
      return answer(run, utterance);
    },
    onDtmf: (state, event) => {
      if (state.ended || event.type !== "dtmf_received") return silent(state);
      const run = start(state, event);
      run.state.vars.last_digit = event.digit;
      const at = run.state.at ? program.nodes[run.state.at] : undefined;
      // In an ask, a key press is an answer like a spoken one ("press or say 1").
      return at?.kind === "ask" ? answer(run, event.digit) : answer(run, event.digit, event.digit);
    },
    onUserInputTimeout: (state, event) => {
      if (state.ended) return silent(state);
      const run = start(state, event);
      if (firePending(run) || run.state.done) return run.step();
      const at = run.state.at ? program.nodes[run.state.at] : undefined;
      if (at?.kind === "ask" || at?.kind === "dtmf_menu") run.retry(at, "noInput");
      return run.step();
    },
    onAssistantSpeak: (state) => silent(state),
    onAssistantSpeechEnded: (state, event) => {
      if (state.ended || !state.pending) return silent(state);
      const run = start(state, event);
      run.state.pendingSpeech -= 1;
      if (run.state.pendingSpeech <= 0) firePending(run);
      return run.step();
    },
    onSessionEnd: (state) => ({
      actions: [],
      state: { ...state, ended: true, at: null, pending: null, pendingSpeech: 0 },
    }),
    resume: (state, event, result) => {
      const run = start(state, event);
      const id = run.state.resume?.node;
      run.spokeBefore = run.state.resume?.spoke ?? false;
      run.state.resume = null;
      const node = id ? program.nodes[id] : undefined;
      if (state.ended || !node) return run.step();
      if (node.kind === "ai_reply") {
        const reply =
          (result.kind === "ai" && !result.error ? result.text?.trim() : undefined) ||
          renderTemplate(node.fallback, run.state.vars);
        if (node.captureAs) run.state.vars[node.captureAs] = reply;
        run.say({ ...node.speech, text: reply }, undefined, true);
        run.run(node.next);
      } else if (node.kind === "http_request") {
        const ok = result.kind === "http" && result.ok;
        if (ok) for (const m of node.responseMap) run.state.vars[m.variable] = valueAt(result.json, m.path);
        run.run(ok ? node.ok : node.failed);
      }
      return run.step();
    },
  };

  const byType: Record<AiFlowEvent["type"], Handler> = {
    session_start: handlers.onSessionStart,
    user_speak: handlers.onUserSpeak,
    user_barge_in: handlers.onUserSpeak,
    user_input_timeout: handlers.onUserInputTimeout,
    dtmf_received: handlers.onDtmf,
    assistant_speak: handlers.onAssistantSpeak,
    assistant_speech_ended: handlers.onAssistantSpeechEnded,
    session_end: handlers.onSessionEnd,
  };
  return { ...handlers, handle: (state, event) => byType[event.type](state, event) };
}
