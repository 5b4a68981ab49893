// bench/aiflow: the scripted calls both servers get, and which events the echo flow answers.
import { randomUUID } from "node:crypto";

export const FLOW_NUMBER = "+4930123456";

/** One event of a scripted call, and whether Switchboard's echo flow answers it with an action. */
export type ScriptedEvent = { type: string; body: string; answers: boolean };
export type Call = ScriptedEvent[];

const pick = <T>(list: readonly [T, ...T[]]): T => list[Math.floor(Math.random() * list.length)] ?? list[0];
type Texts = readonly [string, ...string[]];
// None of these contain "bye", "goodbye", "transfer" or "agent", not even inside a word.
const plainTexts: Texts = [
  "I am calling about my invoice from last month",
  "The parcel has not arrived yet",
  "Can you tell me when the delivery will come",
  "My customer number is 4711 0815",
  "I would like to change my address",
  "Ich rufe wegen meiner Rechnung an",
  "The order number is A 12345",
  "Yes that is correct",
  "Could you check the status of my order please",
  "I moved to Berlin last week and need a new contract",
];
const bargeInTexts: Texts = [
  "Wait, sorry, I meant the other invoice",
  "Hold on, that is not what I said",
  "No no, the delivery for my sister",
];
const goodbyeTexts: Texts = ["Thank you, goodbye", "Okay bye", "That is all for today, bye bye"];
const transferTexts: Texts = ["Can I talk to an agent please", "Please transfer me to a human"];
export const echoed = (text: string) => `You said: ${text}. How else can I help?`;

export function scriptCall(): Call {
  const inbound = Math.random() < 0.8;
  const caller = `+49151${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
  const session = {
    id: randomUUID(),
    account_id: "bench-account",
    phone_number: FLOW_NUMBER,
    direction: inbound ? "inbound" : "outbound",
    from_phone_number: inbound ? caller : FLOW_NUMBER,
    to_phone_number: inbound ? FLOW_NUMBER : caller,
  };
  const call: Call = [];
  const add = (event: { type: string } & Record<string, unknown>, answers: boolean) =>
    call.push({ type: event.type, body: JSON.stringify({ ...event, session }), answers });
  const spoke = (text: string) =>
    add({ type: "assistant_speak", text, duration_ms: text.length * 65, speech_started_at: Date.now() }, false);
  const said = (text: string, bargedIn = false) =>
    add({ type: "user_speak", text, ...(bargedIn ? { barged_in: true } : {}) }, true);
  const ended = (answers = false) => add({ type: "assistant_speech_ended" }, answers);

  const [first, third] = [pick(plainTexts), pick(plainTexts)];
  const second = pick(bargeInTexts);
  add({ type: "session_start" }, true);
  spoke("Welcome to AI Flow! How can I help you today?");
  ended();
  said(first);
  spoke(echoed(first));
  said(second, true); // the caller talks over the echo: no speech_ended for it
  spoke(echoed(second));
  ended();
  add({ type: "user_input_timeout" }, true); // the echo flow says its reprompt
  spoke("I didn't hear anything. Please respond.");
  ended();
  said(third);
  spoke(echoed(third));
  ended();
  if (Math.random() < 0.75) {
    said(pick(goodbyeTexts)); // the goodbye, then the hangup once it has been heard
    spoke("Goodbye! Have a great day!");
    ended(true);
  } else {
    said(pick(transferTexts)); // the transfer at once
  }
  add({ type: "session_end" }, false);
  return call;
}
