import { checkReply, type AiFlowAction, type AiFlowEvent } from "@/lib/aiflow/protocol";

import { mergeActions } from "./merge-actions";
import { isSpeech, type Effect, type EffectResult, type FlowRuntime, type SessionState } from "./session-state";

export type EventOutcome = {
  actions: AiFlowAction[];
  state: SessionState;
  violations: string[];
  effects: Array<{ effect: Effect; result: EffectResult }>;
};

const MAX_EFFECTS = 50;

/**
 * One event from arrival to reply, written once for both drivers below: the handler, each effect
 * it asks for (yielded; the driver sends back its result), the actions merged, and each checked
 * against the protocol's rules. An action that breaks them is dropped and named in `violations`.
 */
function* eventSteps(
  runtime: FlowRuntime,
  state: SessionState,
  event: AiFlowEvent,
): Generator<Effect, EventOutcome, EffectResult> {
  let step = runtime.handle(state, event);
  let actions = step.actions;
  const effects: EventOutcome["effects"] = [];
  for (let i = 0; step.effect && i < MAX_EFFECTS; i++) {
    const effect = step.effect;
    const result = yield effect;
    effects.push({ effect, result });
    step = runtime.resume(step.state, event, result);
    actions = mergeActions([...actions, ...step.actions]);
  }
  return finishEvent(state, event, actions, step.state, effects);
}

/** On the server: effects are performed by `perform` (the model, the customer's URL); a failure is a result too. */
export async function runEvent(
  runtime: FlowRuntime,
  state: SessionState,
  event: AiFlowEvent,
  perform: (effect: Effect) => Promise<EffectResult>,
): Promise<EventOutcome> {
  const steps = eventSteps(runtime, state, event);
  let next = steps.next();
  while (!next.done) {
    const effect = next.value;
    const result = await perform(effect).catch((e: unknown): EffectResult => ({
      kind: effect.kind,
      ok: false,
      error: e instanceof Error ? e.message : String(e),
    }));
    next = steps.next(result);
  }
  return next.value;
}

/** Synchronous variant for flows without effects, the simulator and tests: effects get `result`. */
export function runEventSync(
  runtime: FlowRuntime,
  state: SessionState,
  event: AiFlowEvent,
  result: (effect: Effect) => EffectResult = (e) => ({ kind: e.kind, ok: false, error: "offline" }),
): EventOutcome {
  const steps = eventSteps(runtime, state, event);
  let next = steps.next();
  while (!next.done) next = steps.next(result(next.value));
  return next.value;
}

/**
 * The reply as sent: checked, and when it announces a transfer or hangup, the number of its
 * utterances that must end first (counted over the whole reply, across effects).
 */
function finishEvent(
  before: SessionState,
  event: AiFlowEvent,
  actions: AiFlowAction[],
  after: SessionState,
  effects: EventOutcome["effects"],
): EventOutcome {
  const checked = checkActions(event, actions);
  if (before.pending === null && after.pending !== null)
    after.pendingSpeech = Math.max(1, checked.actions.filter(isSpeech).length);
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
