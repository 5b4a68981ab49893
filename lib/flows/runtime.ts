import { checkReply, utteranceOf, type AiFlowAction, type AiFlowEvent, type SpeakAction } from "@/lib/aiflow/protocol";
import { renderTemplate } from "./schema";
import { normaliseWords, type Program, type ProgramNode, type SpeechTemplate } from "./compile";

// Runs a compiled program as the AI Flow event handlers: each `(state, event) → { actions, state }`,
// pure, no I/O, the same code on the server and in the editor's simulator. Nodes that do not wait
// run on until one waits for the caller. The two nodes that need the outside world (AI reply,
// HTTP request) stop with an `effect`; whoever runs the program performs it and calls `resume`.

export type Turn = { role: "caller" | "assistant"; text: string };

export type SessionState = {
  v: 1;
  /** The ask or DTMF menu waiting for the caller. */
  at: string | null;
  vars: Record<string, string>;
  noInput: number;
  noMatch: number;
  /** A transfer or hangup announced by speech: sent once the caller has heard it. */
  pending: AiFlowAction[] | null;
  /** How many utterances of the last reply must end before `pending` goes out. */
  pendingSpeech: number;
  /** The flow has said its last word (transfer, hangup, end). */
  done: boolean;
  /** session_end arrived: nothing more is ever sent. */
  ended: boolean;
  history: Turn[];
  /** The node waiting for an effect's result within one event, and whether that reply already speaks. */
  resume: { node: string; spoke: boolean } | null;
};

export type Effect =
  | { kind: "ai"; nodeId: string; instructions: string; history: Turn[]; utterance: string; budgetMs: number }
  | { kind: "http"; nodeId: string; method: string; url: string; headers: Array<{ name: string; value: string }>; body?: string; budgetMs: number };

export type EffectResult = { kind: "ai"; text?: string; error?: string } | { kind: "http"; ok: boolean; status?: number; json?: unknown; error?: string };

export type Step = { actions: AiFlowAction[]; state: SessionState; effect?: Effect };

export type Handler = (state: SessionState, event: AiFlowEvent) => Step;

export type FlowRuntime = {
  onSessionStart: Handler;
  onUserSpeak: Handler;
  onUserInputTimeout: Handler;
  onDtmf: Handler;
  onAssistantSpeak: Handler;
  onAssistantSpeechEnded: Handler;
  onSessionEnd: Handler;
  /** Continues the event that stopped at an effect. */
  resume: (state: SessionState, event: AiFlowEvent, result: EffectResult) => Step;
  /** The handler for an event's type. */
  handle: Handler;
};

const MAX_STEPS = 2000;
const HISTORY = 12;

export function initialState(): SessionState {
  return { v: 1, at: null, vars: {}, noInput: 0, noMatch: 0, pending: null, pendingSpeech: 0, done: false, ended: false, history: [], resume: null };
}

const isSpeech = (a: AiFlowAction) => a.type === "speak" || a.type === "audio";

export function createRuntime(program: Program): FlowRuntime {
  const regexCache = new Map<string, RegExp | null>();
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

  /** One event's work: the actions so far and the state they lead to. */
  class Run {
    readonly out: AiFlowAction[] = [];
    effect: Effect | undefined;
    /** Speech already sent in this reply before an effect. */
    spokeBefore = false;
    constructor(
      readonly state: SessionState,
      readonly event: AiFlowEvent,
    ) {}

    get sessionId() {
      return this.event.session.id;
    }

    /** `literal`: the text is said as it is (a model's answer is not a template). */
    say(template: SpeechTemplate | undefined, timeout?: number, literal = false): void {
      if (!template) return;
      const vars = this.state.vars;
      const fill = (value: string) => (literal ? value : renderTemplate(value, vars)).trim();
      const text = template.text === undefined ? undefined : fill(template.text);
      const ssml = template.ssml === undefined ? undefined : fill(template.ssml);
      if (!text && !ssml) return;
      const action: SpeakAction = {
        type: "speak",
        session_id: this.sessionId,
        ...(ssml ? { ssml } : { text }),
        ...(template.tts ? { tts: template.tts } : {}),
        ...(template.barge_in ? { barge_in: template.barge_in } : {}),
        ...(timeout ? { user_input_timeout_seconds: timeout } : {}),
      };
      this.out.push(action);
      this.remember("assistant", text || stripTags(ssml ?? ""));
    }

    remember(role: Turn["role"], text: string) {
      if (!text) return;
      const history = [...this.state.history, { role, text: text.slice(0, 500) }];
      this.state.history = history.length > HISTORY ? history.slice(-HISTORY) : history;
    }

    /** Sets the no-input timeout on the last utterance of this reply, for a prompt-less ask. */
    waitAfterLastSpeech(timeout: number) {
      for (let i = this.out.length - 1; i >= 0; i--) {
        const a = this.out[i];
        if (a?.type === "speak") {
          this.out[i] = { ...a, user_input_timeout_seconds: timeout };
          return;
        }
      }
    }

    finish(terminal: AiFlowAction) {
      this.state.done = true;
      this.state.at = null;
      if (this.spokeBefore || this.out.some(isSpeech)) this.state.pending = [terminal];
      else this.out.push(terminal);
    }

    /** Runs from a node until one waits, the flow ends, or an effect is needed. */
    run(from: string | null): void {
      const state = this.state;
      state.at = null;
      let id = from;
      for (let steps = 0; ; steps++) {
        if (id === null) {
          state.done = true; // an exit that leads nowhere ends the flow; validation prevents it
          return;
        }
        const node: ProgramNode | undefined = program.nodes[id];
        if (!node || steps > MAX_STEPS) {
          this.finish({ type: "hangup", session_id: this.sessionId });
          return;
        }
        switch (node.kind) {
          case "start":
          case "say":
            this.say(node.speech);
            id = node.next;
            break;
          case "ask":
          case "dtmf_menu":
            state.at = id;
            state.noInput = 0;
            state.noMatch = 0;
            if (node.speech) this.say(node.speech, node.timeout);
            else this.waitAfterLastSpeech(node.timeout);
            return;
          case "condition":
            id = node.rules.find((r) => holds(r, state.vars, regex))?.next ?? node.otherwise;
            break;
          case "set_variable":
            for (const a of node.assignments) state.vars[a.name] = renderTemplate(a.value, state.vars);
            id = node.next;
            break;
          case "play_audio":
            if (node.audio) this.out.push({ type: "audio", session_id: this.sessionId, audio: node.audio, ...(node.barge_in ? { barge_in: node.barge_in } : {}) });
            id = node.next;
            break;
          case "transfer":
            this.say(node.announcement);
            this.finish({ type: "transfer", session_id: this.sessionId, target_phone_number: node.target, caller_id_name: node.callerIdName, caller_id_number: node.callerIdNumber });
            return;
          case "hangup":
            this.say(node.goodbye);
            this.finish({ type: "hangup", session_id: this.sessionId });
            return;
          case "end":
            state.done = true;
            return;
          case "ai_reply":
            state.resume = { node: id, spoke: this.spokeBefore || this.out.some(isSpeech) };
            this.effect = {
              kind: "ai",
              nodeId: id,
              instructions: renderTemplate(node.instructions, state.vars),
              history: state.history,
              utterance: state.vars.last_utterance ?? "",
              budgetMs: node.budgetMs,
            };
            return;
          case "http_request":
            state.resume = { node: id, spoke: this.spokeBefore || this.out.some(isSpeech) };
            this.effect = {
              kind: "http",
              nodeId: id,
              method: node.method,
              url: renderTemplate(node.url, state.vars),
              headers: node.headers.map((h) => ({ name: h.name, value: renderTemplate(h.value, state.vars) })),
              ...(node.body ? { body: renderTemplate(node.body, state.vars) } : {}),
              budgetMs: node.budgetMs,
            };
            return;
        }
      }
    }

    /** Silence, or an answer that matched nothing: say it again, or leave by the exit. */
    retry(node: Extract<ProgramNode, { kind: "ask" | "dtmf_menu" }>, counter: "noInput" | "noMatch") {
      const state = this.state;
      state[counter] += 1;
      if (state[counter] <= node.retries) {
        this.say(node.reprompt ?? node.speech, node.timeout);
        if (!node.reprompt && !node.speech) this.waitAfterLastSpeech(node.timeout);
        return;
      }
      this.run(counter === "noInput" ? node.noInput : node.noMatch);
    }

    step(): Step {
      const actions = mergeActions(this.out);
      const state = this.state;
      if (state.pending && !this.effect) {
        // New pending terminal: wait for each utterance of this reply to end.
        if (state.pendingSpeech === 0) state.pendingSpeech = Math.max(1, actions.filter(isSpeech).length);
      }
      return { actions, state, ...(this.effect ? { effect: this.effect } : {}) };
    }
  }

  const start = (state: SessionState, event: AiFlowEvent): Run => new Run(structuredClone(state), event);
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
      const option = digit !== undefined ? at.options.find((o) => o.digit === digit) : at.options.find((o) => o.keywords.some((k) => words.includes(k)));
      if (!option) return run.retry(at, "noMatch"), run.step();
      if (at.captureAs) state.vars[at.captureAs] = option.digit;
      run.run(option.next);
      return run.step();
    }
    for (const branch of at.branches) {
      let captured: string | undefined;
      if (branch.match === "anything") captured = utterance;
      else if (branch.match === "keywords") captured = branch.keywords.some((k) => words.includes(k)) ? utterance : undefined;
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
    onSessionEnd: (state) => ({ actions: [], state: { ...state, ended: true, at: null, pending: null, pendingSpeech: 0 } }),
    resume: (state, event, result) => {
      const run = start(state, event);
      const id = run.state.resume?.node;
      run.spokeBefore = run.state.resume?.spoke ?? false;
      run.state.resume = null;
      const node = id ? program.nodes[id] : undefined;
      if (state.ended || !node) return run.step();
      if (node.kind === "ai_reply") {
        const reply = (result.kind === "ai" && !result.error ? result.text?.trim() : undefined) || renderTemplate(node.fallback, run.state.vars);
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

export type EventOutcome = { actions: AiFlowAction[]; state: SessionState; violations: string[]; effects: Array<{ effect: Effect; result: EffectResult }> };

/**
 * One event from arrival to reply: the handler, every effect it asks for (performed by the
 * caller's `perform`), the actions merged, and each checked against the protocol's rules. An
 * action that breaks them is dropped and named in `violations`, never sent.
 */
export async function runEvent(
  runtime: FlowRuntime,
  state: SessionState,
  event: AiFlowEvent,
  perform: (effect: Effect) => Promise<EffectResult>,
): Promise<EventOutcome> {
  let step = runtime.handle(state, event);
  let actions = step.actions;
  const effects: EventOutcome["effects"] = [];
  for (let i = 0; step.effect && i < 50; i++) {
    const effect = step.effect;
    const result = await perform(effect).catch((e: unknown) => ({ kind: effect.kind, ok: false, error: e instanceof Error ? e.message : String(e) }) satisfies EffectResult);
    effects.push({ effect, result });
    step = runtime.resume(step.state, event, result);
    actions = mergeActions([...actions, ...step.actions]);
  }
  return finishEvent(state, event, actions, step.state, effects);
}

/** Synchronous variant for flows without effects, and for tests: effects get `result`. */
export function runEventSync(runtime: FlowRuntime, state: SessionState, event: AiFlowEvent, result: (effect: Effect) => EffectResult = (e) => ({ kind: e.kind, ok: false, error: "offline" })): EventOutcome {
  let step = runtime.handle(state, event);
  let actions = step.actions;
  const effects: EventOutcome["effects"] = [];
  for (let i = 0; step.effect && i < 50; i++) {
    const effect = step.effect;
    const r = result(effect);
    effects.push({ effect, result: r });
    step = runtime.resume(step.state, event, r);
    actions = mergeActions([...actions, ...step.actions]);
  }
  return finishEvent(state, event, actions, step.state, effects);
}

/**
 * The reply as sent: checked, and when it announces a transfer or hangup, the number of its
 * utterances that must end first (counted over the whole reply, across effects).
 */
function finishEvent(before: SessionState, event: AiFlowEvent, actions: AiFlowAction[], after: SessionState, effects: EventOutcome["effects"]): EventOutcome {
  const checked = checkActions(event, actions);
  if (before.pending === null && after.pending !== null) after.pendingSpeech = Math.max(1, checked.actions.filter(isSpeech).length);
  return { actions: checked.actions, state: after, violations: checked.violations, effects };
}

function checkActions(event: AiFlowEvent, actions: AiFlowAction[]): { actions: AiFlowAction[]; violations: string[] } {
  if (!checkReply(event.type, event.session.id, actions)) return { actions, violations: [] };
  const violations: string[] = [];
  const kept: AiFlowAction[] = [];
  for (const action of actions) {
    const problem = checkReply(event.type, event.session.id, [action]);
    if (problem) violations.push(problem);
    else kept.push(action);
  }
  return { actions: kept, violations };
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const ssmlRoot = /^\s*(<speak\b[^>]*>)([\s\S]*)<\/speak>\s*$/;

/**
 * Joins utterances the caller would hear back to back into one speak action where the protocol
 * allows (same voice and barge-in, no timeout in between, both text or both SSML with the same
 * root); anything else stays a separate action of an array reply.
 */
export function mergeActions(actions: readonly AiFlowAction[]): AiFlowAction[] {
  const merged: AiFlowAction[] = [];
  for (const action of actions) {
    const last = merged[merged.length - 1];
    if (last?.type === "speak" && action.type === "speak" && last.user_input_timeout_seconds === undefined && sameJson(last.tts, action.tts) && sameJson(last.barge_in, action.barge_in)) {
      if (last.text !== undefined && action.text !== undefined) {
        merged[merged.length - 1] = { ...action, text: `${last.text} ${action.text}` };
        continue;
      }
      const a = last.ssml ? ssmlRoot.exec(last.ssml) : null;
      const b = action.ssml ? ssmlRoot.exec(action.ssml) : null;
      if (a && b && a[1] === b[1]) {
        merged[merged.length - 1] = { ...action, ssml: `${a[1]}${a[2]} ${b[2]}</speak>` };
        continue;
      }
    }
    merged.push(action);
  }
  return merged;
}

function holds(rule: { variable: string; operator: string; value: string }, vars: Record<string, string>, regex: (p: string) => RegExp | null): boolean {
  const actual = vars[rule.variable] ?? "";
  const expected = renderTemplate(rule.value, vars);
  switch (rule.operator) {
    case "equals":
      return normaliseWords(actual) === normaliseWords(expected);
    case "not_equals":
      return normaliseWords(actual) !== normaliseWords(expected);
    case "contains":
      return normaliseWords(actual).includes(normaliseWords(expected));
    case "matches":
      return regex(expected)?.test(actual) ?? false;
    case "is_empty":
      return actual.trim() === "";
    case "is_not_empty":
      return actual.trim() !== "";
    case "greater_than":
      return actual.trim() !== "" && Number(actual) > Number(expected);
    case "less_than":
      return actual.trim() !== "" && Number(actual) < Number(expected);
    default:
      return false;
  }
}

/** "customer.name" or "items.0.id" of a JSON value, as text (objects as JSON). */
export function valueAt(json: unknown, path: string): string {
  let value: unknown = json;
  for (const key of path.split(".").filter(Boolean)) {
    if (value === null || typeof value !== "object") return "";
    value = Reflect.get(value, Array.isArray(value) ? Number(key) : key);
  }
  if (value === undefined || value === null) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

const stripTags = (ssml: string) => ssml.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
