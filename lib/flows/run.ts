import { plainTextOfSsml, type AiFlowAction, type AiFlowEvent, type SpeakAction } from "@/lib/aiflow/protocol";

import type { Program, ProgramNode, SpeechTemplate } from "./compile";
import { holds } from "./conditions";
import { mergeActions } from "./merge-actions";
import { renderTemplate } from "./schema";
import { isSpeech, type Effect, type SessionState, type Step, type Turn } from "./session-state";

// How one event walks the program: nodes that do not wait run on until one waits for the caller,
// the flow ends, or an effect (AI reply, HTTP request) is needed.

const MAX_STEPS = 2000;
const HISTORY = 12;

/** One event's work: the actions so far and the state they lead to. */
export class Run {
  readonly out: AiFlowAction[] = [];
  effect: Effect | undefined;
  /** Speech already sent in this reply before an effect. */
  spokeBefore = false;
  constructor(
    private readonly program: Program,
    private readonly regex: (pattern: string) => RegExp | null,
    readonly state: SessionState,
    readonly event: AiFlowEvent,
    /** Whether the conversation is kept in the state (only AI replies read it). */
    private readonly remembers = true,
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
    this.remember("assistant", text || plainTextOfSsml(ssml ?? ""));
  }

  remember(role: Turn["role"], text: string) {
    if (!text || !this.remembers) return;
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
      const node: ProgramNode | undefined = this.program.nodes[id];
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
          id = node.rules.find((r) => holds(r, state.vars, this.regex))?.next ?? node.otherwise;
          break;
        case "set_variable":
          for (const a of node.assignments) state.vars[a.name] = renderTemplate(a.value, state.vars);
          id = node.next;
          break;
        case "play_audio":
          if (node.audio)
            this.out.push({
              type: "audio",
              session_id: this.sessionId,
              audio: node.audio,
              ...(node.barge_in ? { barge_in: node.barge_in } : {}),
            });
          id = node.next;
          break;
        case "transfer":
          this.say(node.announcement);
          this.finish({
            type: "transfer",
            session_id: this.sessionId,
            target_phone_number: node.target,
            caller_id_name: node.callerIdName,
            caller_id_number: node.callerIdNumber,
          });
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
    // How many utterances a pending transfer or hangup waits for is counted once, over the reply
    // as sent (run-event.ts), since an effect can split one reply over several steps.
    return { actions: mergeActions(this.out), state: this.state, ...(this.effect ? { effect: this.effect } : {}) };
  }
}
