import { FLOW_DOCUMENT_VERSION, type FlowDocumentInput } from "../schema";

/**
 * The seed's complete Express example (seed 004) as a flow: greeting with an 8 s timeout and
 * barge-in after 3 characters, "goodbye"/"bye" ends, "transfer"/"agent" transfers, anything else
 * is echoed; the third silence hangs up. bench/aiflow runs it against bench/reference/express-aiflow.js.
 */
export const echoFlow: FlowDocumentInput = {
  version: FLOW_DOCUMENT_VERSION,
  settings: { bargeIn: { strategy: "minimum_characters", minimum_characters: 3 }, globalPhrases: [] },
  variables: [],
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 } },
    {
      id: "welcome",
      kind: "ask",
      position: { x: 0, y: 120 },
      text: "Welcome to AI Flow! How can I help you today?",
      reprompt: "I didn't hear anything. Please respond.",
      timeoutSeconds: 8,
      retries: 2,
      branches: [
        { id: "bye", match: "keywords", keywords: ["goodbye", "bye"] },
        { id: "agent", match: "keywords", keywords: ["transfer", "agent"] },
        { id: "other", match: "anything", keywords: [] },
      ],
    },
    {
      id: "echo",
      kind: "say",
      position: { x: 0, y: 260 },
      text: "You said: {{last_utterance}}.",
      tts: { provider: "azure", language: "en-US", voice: "en-US-JennyNeural" },
    },
    {
      id: "again",
      kind: "ask",
      position: { x: 0, y: 400 },
      text: "How else can I help?",
      tts: { provider: "azure", language: "en-US", voice: "en-US-JennyNeural" },
      reprompt: "I didn't hear anything. Please respond.",
      timeoutSeconds: 5,
      retries: 2,
      branches: [
        { id: "bye", match: "keywords", keywords: ["goodbye", "bye"] },
        { id: "agent", match: "keywords", keywords: ["transfer", "agent"] },
        { id: "other", match: "anything", keywords: [] },
      ],
    },
    { id: "goodbye", kind: "hangup", position: { x: -300, y: 540 }, goodbye: "Goodbye! Have a great day!" },
    {
      id: "transfer",
      kind: "transfer",
      position: { x: 300, y: 540 },
      target: "+1234567890",
      callerIdName: "Support Team",
      callerIdNumber: "+1234567890",
    },
    { id: "silence", kind: "hangup", position: { x: 0, y: 680 } },
  ],
  edges: [
    { id: "e1", source: "start", sourceHandle: "next", target: "welcome" },
    { id: "e2", source: "welcome", sourceHandle: "bye", target: "goodbye" },
    { id: "e3", source: "welcome", sourceHandle: "agent", target: "transfer" },
    { id: "e4", source: "welcome", sourceHandle: "other", target: "echo" },
    { id: "e5", source: "welcome", sourceHandle: "no_input", target: "silence" },
    { id: "e6", source: "echo", sourceHandle: "next", target: "again" },
    { id: "e7", source: "again", sourceHandle: "bye", target: "goodbye" },
    { id: "e8", source: "again", sourceHandle: "agent", target: "transfer" },
    { id: "e9", source: "again", sourceHandle: "other", target: "echo" },
    { id: "e10", source: "again", sourceHandle: "no_input", target: "silence" },
  ],
};
