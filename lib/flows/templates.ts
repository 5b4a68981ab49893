import { z } from "zod";

import { appointmentFlow } from "./examples/appointment";
import { openingHoursFlow } from "./examples/opening-hours";
import { receptionFlow } from "./examples/reception";
import { autoLayout } from "./ops";
import { FLOW_DOCUMENT_VERSION, flowDocumentSchema, type FlowDocument, type FlowDocumentInput } from "./schema";

// The flows a new flow can start from. Each one publishes as it is: no errors, no warnings.

export const flowTemplateIds = ["blank", "reception", "opening_hours", "appointment"] as const;
export const flowTemplateIdSchema = z.enum(flowTemplateIds);
export type FlowTemplateId = z.output<typeof flowTemplateIdSchema>;
export type FlowTemplate = { id: FlowTemplateId; name: string; description: string; document: () => FlowDocument };

/** The smallest flow that can be published: a greeting, then goodbye (a start must lead somewhere). */
const blankFlow: FlowDocumentInput = {
  version: FLOW_DOCUMENT_VERSION,
  settings: { globalPhrases: [] },
  variables: [],
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, text: "Hello, thank you for calling." },
    { id: "goodbye", kind: "hangup", position: { x: 380, y: 0 }, goodbye: "Goodbye." },
  ],
  edges: [{ id: "e-start", source: "start", sourceHandle: "next", target: "goodbye" }],
};

/** A copy each time: the editor changes what it is given. */
const copyOf = (doc: FlowDocumentInput) => () => flowDocumentSchema.parse(structuredClone(doc));

export const flowTemplates: FlowTemplate[] = [
  {
    id: "blank",
    name: "Blank",
    description: "A greeting and a goodbye. Draw your own flow from here.",
    document: copyOf(blankFlow),
  },
  {
    id: "reception",
    name: "Reception with transfer",
    description:
      "Asks what the caller needs: says the opening hours, takes a message, or puts the caller through to a person.",
    // Drawn top to bottom before the canvas put exits on the right; laid out again to match it.
    document: () => autoLayout(copyOf(receptionFlow)()),
  },
  {
    id: "opening_hours",
    name: "Opening hours with keypad menu",
    description:
      "Press 1 for the opening hours, 2 to speak to someone, 3 for the address; handles wrong keys and silence.",
    document: copyOf(openingHoursFlow),
  },
  {
    id: "appointment",
    name: "Appointment request",
    description:
      'Asks for the caller\'s name and preferred day and time, reads them back and says goodbye; "agent" puts the caller through.',
    document: copyOf(appointmentFlow),
  },
];

export function templateById(id: string): FlowTemplate | undefined {
  return flowTemplates.find((t) => t.id === id);
}
