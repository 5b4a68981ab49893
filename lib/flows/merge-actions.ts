import type { AiFlowAction } from "@/lib/aiflow/protocol";

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
    if (
      last?.type === "speak" &&
      action.type === "speak" &&
      last.user_input_timeout_seconds === undefined &&
      sameJson(last.tts, action.tts) &&
      sameJson(last.barge_in, action.barge_in)
    ) {
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
