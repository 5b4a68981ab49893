// bench/aiflow: compile time of a valid 500-node flow (with its validation).
import { compileFlow } from "@/lib/flows/compile";
import {
  FLOW_DOCUMENT_VERSION,
  flowDocumentSchema,
  type FlowDocument,
  type FlowDocumentInput,
} from "@/lib/flows/schema";
import { hasErrors, validateFlow } from "@/lib/flows/validate";

import { median } from "../support";

/** A valid flow of `size` nodes: start, then say and ask nodes in turn, a hangup last; every exit connected. */
export function largeFlow(size: number): FlowDocument {
  const nodes: FlowDocumentInput["nodes"] = [
    {
      id: "n0",
      kind: "start",
      position: { x: 0, y: 0 },
      text: "Welcome to {{called_number}}. This call may be recorded.",
    },
  ];
  const edges: FlowDocumentInput["edges"] = [];
  const connect = (from: number, exits: string[]) =>
    exits.forEach((exit) =>
      edges.push({ id: `e${from}-${exit}`, source: `n${from}`, sourceHandle: exit, target: `n${from + 1}` }),
    );
  connect(0, ["next"]);
  for (let i = 1; i < size - 1; i++) {
    const position = { x: (i % 7) * 220, y: i * 140 };
    if (i % 2 === 1) {
      nodes.push({
        id: `n${i}`,
        kind: "say",
        position,
        text:
          i === 1 ? "Thank you for calling, {{caller_number}}." : `Noted: {{answer_${i - 1}}}. Step ${i} of ${size}.`,
      });
      connect(i, ["next"]);
    } else {
      nodes.push({
        id: `n${i}`,
        kind: "ask",
        position,
        text: `Question ${i}: is your order number correct, yes or no?`,
        reprompt: "Sorry, please say yes or no.",
        timeoutSeconds: 8,
        retries: 2,
        captureAs: `answer_${i}`,
        branches: [
          { id: "yes", match: "keywords", keywords: ["yes", "yeah", "correct", "ja"] },
          { id: "no", match: "keywords", keywords: ["no", "nope", "wrong", "nein"] },
          { id: "order", match: "regex", pattern: "order (\\d+)" },
          { id: "other", match: "anything", keywords: [] },
        ],
      });
      connect(i, ["yes", "no", "order", "other", "no_match", "no_input"]);
    }
  }
  nodes.push({ id: `n${size - 1}`, kind: "hangup", position: { x: 0, y: size * 140 }, goodbye: "Thank you, goodbye!" });
  return flowDocumentSchema.parse({
    version: FLOW_DOCUMENT_VERSION,
    settings: { bargeIn: { strategy: "minimum_characters", minimum_characters: 3 }, globalPhrases: [] },
    variables: [],
    nodes,
    edges,
  });
}

export function measureCompile(size: number, runs: number) {
  const doc = largeFlow(size);
  const issues = validateFlow(doc);
  if (hasErrors(issues))
    throw new Error(`the ${size}-node flow is invalid: ${issues.find((i) => i.severity === "error")?.message}`);
  for (let i = 0; i < 20; i++) compileFlow(doc);
  const compile: number[] = [];
  const validate: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    compileFlow(doc);
    compile.push(performance.now() - t);
    t = performance.now();
    validateFlow(doc);
    validate.push(performance.now() - t);
  }
  return {
    nodes: doc.nodes.length,
    edges: doc.edges.length,
    warnings: issues.length,
    median: median(compile),
    max: Math.max(...compile),
    validateMedian: median(validate),
  };
}
