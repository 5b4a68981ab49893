import { autoLayout } from "../ops";
import { FLOW_DOCUMENT_VERSION, flowDocumentSchema, type FlowDocument, type FlowDocumentInput } from "../schema";

const origin = { x: 0, y: 0 }; // autoLayout places the nodes

const drawn: FlowDocumentInput = {
  version: FLOW_DOCUMENT_VERSION,
  settings: {
    tts: { provider: "azure", language: "en-GB", voice: "en-GB-SoniaNeural" },
    globalPhrases: [
      { id: "to-agent", phrases: ["agent", "operator", "speak to someone", "real person"], target: "transfer" },
    ],
  },
  variables: [],
  nodes: [
    {
      id: "start",
      kind: "start",
      position: origin,
      text: "Hello, this is the appointment line of Demo Practice. Say agent at any time to speak to someone.",
    },
    {
      id: "name",
      kind: "ask",
      label: "Name",
      position: origin,
      text: "To book an appointment, please tell me your name.",
      reprompt: "Sorry, I did not hear you. What is your name?",
      captureAs: "caller_name",
      branches: [{ id: "said", label: "Answered", match: "anything" }],
    },
    {
      id: "when",
      kind: "ask",
      label: "Preferred day and time",
      position: origin,
      text: "Thank you, {{caller_name}}. Which day and time would suit you best?",
      reprompt: "Which day and time would you like to come in?",
      captureAs: "preferred_time",
      branches: [{ id: "said", label: "Answered", match: "anything" }],
    },
    {
      id: "confirm",
      kind: "ask",
      label: "Read back",
      position: origin,
      text: "So that is {{caller_name}}, on {{preferred_time}}. Is that right?",
      reprompt: "Please say yes or no. Is {{preferred_time}} right for you?",
      // "No" first: "that's not right" holds "right" too.
      branches: [
        { id: "no", label: "No", match: "keywords", keywords: ["no", "not", "wrong", "nope"] },
        {
          id: "yes",
          label: "Yes",
          match: "keywords",
          keywords: ["yes", "yeah", "right", "correct", "exactly", "fine"],
        },
      ],
    },
    {
      id: "booked",
      kind: "say",
      label: "Noted",
      position: origin,
      text: "Thank you, {{caller_name}}. We have noted {{preferred_time}} and will call you back at {{caller_number}} to confirm.",
    },
    { id: "goodbye", kind: "hangup", position: origin, goodbye: "Goodbye, and see you soon." },
    {
      id: "transfer",
      kind: "transfer",
      label: "Reception",
      position: origin,
      target: "+4930123456789",
      callerIdName: "Demo Practice",
      callerIdNumber: "+4930123456700",
      announcement: "One moment, I am putting you through to our reception.",
    },
    {
      id: "silent",
      kind: "hangup",
      label: "No answer",
      position: origin,
      goodbye: "I did not hear anything. Please call again. Goodbye.",
    },
  ],
  edges: [
    { id: "e-start", source: "start", sourceHandle: "next", target: "name" },
    { id: "e-name", source: "name", sourceHandle: "said", target: "when" },
    { id: "e-name-noinput", source: "name", sourceHandle: "no_input", target: "silent" },
    { id: "e-when", source: "when", sourceHandle: "said", target: "confirm" },
    { id: "e-when-noinput", source: "when", sourceHandle: "no_input", target: "silent" },
    { id: "e-yes", source: "confirm", sourceHandle: "yes", target: "booked" },
    { id: "e-no", source: "confirm", sourceHandle: "no", target: "when" },
    { id: "e-confirm-nomatch", source: "confirm", sourceHandle: "no_match", target: "transfer" },
    { id: "e-confirm-noinput", source: "confirm", sourceHandle: "no_input", target: "silent" },
    { id: "e-booked", source: "booked", sourceHandle: "next", target: "goodbye" },
  ],
};

/**
 * Takes an appointment request: the caller's name and preferred day and time, read back for a yes
 * or no (no asks for the time again), then a goodbye. "Agent" puts the caller through at any point,
 * as does an answer to the read-back that is neither yes nor no.
 */
export const appointmentFlow: FlowDocument = autoLayout(flowDocumentSchema.parse(drawn));
