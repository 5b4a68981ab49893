import { autoLayout } from "../ops";
import { FLOW_DOCUMENT_VERSION, flowDocumentSchema, type FlowDocument, type FlowDocumentInput } from "../schema";

const origin = { x: 0, y: 0 }; // autoLayout places the nodes

const drawn: FlowDocumentInput = {
  version: FLOW_DOCUMENT_VERSION,
  settings: { tts: { provider: "azure", language: "en-GB", voice: "en-GB-SoniaNeural" }, globalPhrases: [] },
  variables: [],
  nodes: [
    { id: "start", kind: "start", position: origin, text: "Thank you for calling Demo Company." },
    {
      id: "menu",
      kind: "dtmf_menu",
      label: "Main menu",
      position: origin,
      text: "For our opening hours, press 1. To speak to someone, press 2. For our address, press 3.",
      reprompt:
        "Sorry, I did not get that. Press 1 for our opening hours, 2 to speak to someone, or 3 for our address.",
      timeoutSeconds: 6,
      retries: 2,
      options: [
        { id: "hours", digit: "1", label: "Opening hours", keywords: ["opening hours", "hours", "open"] },
        { id: "person", digit: "2", label: "Speak to someone", keywords: ["someone", "person", "agent"] },
        { id: "address", digit: "3", label: "Address", keywords: ["address", "where"] },
      ],
    },
    {
      id: "hours",
      kind: "say",
      label: "Opening hours",
      position: origin,
      text: "We are open Monday to Friday from 9 am to 6 pm, and on Saturdays from 10 am to 2 pm.",
    },
    {
      id: "address",
      kind: "say",
      label: "Address",
      position: origin,
      text: "You find us at Friedrichstraße 100 in Berlin, five minutes' walk from Friedrichstraße station.",
    },
    {
      id: "more",
      kind: "dtmf_menu",
      label: "Anything else?",
      position: origin,
      text: "To hear the menu again, press 9.",
      timeoutSeconds: 5,
      retries: 0,
      options: [{ id: "again", digit: "9", label: "Menu again", keywords: ["menu", "again"] }],
    },
    {
      id: "transfer",
      kind: "transfer",
      label: "Reception",
      position: origin,
      target: "+4930123456789",
      callerIdName: "Demo Company",
      callerIdNumber: "+4930123456700",
      announcement: "One moment please, I am putting you through.",
    },
    { id: "goodbye", kind: "hangup", position: origin, goodbye: "Thank you for calling. Goodbye." },
    {
      id: "silent",
      kind: "hangup",
      label: "No choice",
      position: origin,
      goodbye: "I did not hear a choice. Please call again. Goodbye.",
    },
  ],
  edges: [
    { id: "e-start", source: "start", sourceHandle: "next", target: "menu" },
    { id: "e-hours", source: "menu", sourceHandle: "hours", target: "hours" },
    { id: "e-person", source: "menu", sourceHandle: "person", target: "transfer" },
    { id: "e-address", source: "menu", sourceHandle: "address", target: "address" },
    { id: "e-menu-nomatch", source: "menu", sourceHandle: "no_match", target: "transfer" },
    { id: "e-menu-noinput", source: "menu", sourceHandle: "no_input", target: "silent" },
    { id: "e-hours-more", source: "hours", sourceHandle: "next", target: "more" },
    { id: "e-address-more", source: "address", sourceHandle: "next", target: "more" },
    { id: "e-again", source: "more", sourceHandle: "again", target: "menu" },
    { id: "e-more-nomatch", source: "more", sourceHandle: "no_match", target: "menu" },
    { id: "e-more-noinput", source: "more", sourceHandle: "no_input", target: "goodbye" },
  ],
};

/**
 * A keypad menu: 1 says the opening hours, 2 puts the caller through, 3 says the address. After
 * hours or address, 9 repeats the menu and silence says goodbye. A caller who presses no valid key
 * twice is put through; one who presses nothing at all hears goodbye.
 */
export const openingHoursFlow: FlowDocument = autoLayout(flowDocumentSchema.parse(drawn));
