import { describe, expect, it } from "vitest";

import { parseEvent, replyBody, type AiFlowAction, type AiFlowEvent, type SpeakAction } from "@/lib/aiflow/protocol";
import { compileFlow } from "@/lib/flows/compile";
import { echoFlow } from "@/lib/flows/examples/echo";
import { receptionFlow } from "@/lib/flows/examples/reception";
import { runEvent, runEventSync } from "@/lib/flows/run-event";
import { createRuntime } from "@/lib/flows/runtime";
import { flowDocumentSchema, type FlowDocument, type FlowDocumentInput } from "@/lib/flows/schema";
import {
  initialState,
  type Effect,
  type EffectResult,
  type FlowRuntime,
  type SessionState,
} from "@/lib/flows/session-state";
import { silentWav, toBase64 } from "@/lib/flows/wav";
import { flow, type Drawn } from "@/lib/test/flow-builder";

// ---- flows ----

const runtimeOf = (doc: FlowDocument | FlowDocumentInput): FlowRuntime =>
  createRuntime(deepFreeze(compileFlow(flowDocumentSchema.parse(doc))));

const RECEPTION = "+493012345678";
const CALLER_ID = "+493012345600";
const agent = (announcement?: string): Drawn => ({
  id: "agent",
  kind: "transfer",
  target: RECEPTION,
  callerIdName: "Reception",
  callerIdNumber: CALLER_ID,
  announcement,
});
const end: Drawn = { id: "end", kind: "end" };

// ---- events, as they arrive on the wire ----

const SID = "550e8400-e29b-41d4-a716-446655440000";
const session = {
  id: SID,
  account_id: "account-123",
  phone_number: "+4930123456",
  direction: "inbound",
  from_phone_number: "+4917612345678",
  to_phone_number: "+4930123456",
};

function wire(body: Record<string, unknown>): AiFlowEvent {
  const parsed = parseEvent({ session: { id: SID }, ...body });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.event;
}

const ev = {
  start: () => wire({ type: "session_start", session }),
  speak: (text: string, extra: Record<string, unknown> = {}) => wire({ type: "user_speak", text, ...extra }),
  bargeIn: (text: string) => wire({ type: "user_barge_in", text }),
  timeout: () => wire({ type: "user_input_timeout" }),
  dtmf: (digit: string) => wire({ type: "dtmf_received", digit }),
  spoke: (text = "…") =>
    wire({ type: "assistant_speak", text, duration_ms: 1800, speech_started_at: 1_700_000_000_000 }),
  ended: () => wire({ type: "assistant_speech_ended" }),
  end: (reason?: string) => wire({ type: "session_end", ...(reason ? { reason } : {}) }),
};

// ---- actions ----

const say = (text: string, extra: Partial<SpeakAction> = {}): AiFlowAction => ({
  type: "speak",
  session_id: SID,
  text,
  ...extra,
});
const hangup: AiFlowAction = { type: "hangup", session_id: SID };
const transfer = (target = RECEPTION, name = "Reception", number = CALLER_ID): AiFlowAction => ({
  type: "transfer",
  session_id: SID,
  target_phone_number: target,
  caller_id_name: name,
  caller_id_number: number,
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * One call: every event goes through runEventSync on a deep-frozen copy of the state the last one
 * left (so a handler that mutates its input throws), and no action may break the protocol.
 */
class Call {
  state: SessionState = deepFreeze(initialState());
  readonly effects: Array<{ effect: Effect; result: EffectResult }> = [];
  constructor(
    readonly runtime: FlowRuntime,
    readonly perform: (effect: Effect) => EffectResult = (e) => ({ kind: e.kind, ok: false, error: "offline" }),
  ) {}

  send(event: AiFlowEvent): AiFlowAction[] {
    const before = JSON.stringify(this.state);
    const outcome = runEventSync(this.runtime, this.state, event, this.perform);
    expect(JSON.stringify(this.state), "the state passed in changed").toBe(before);
    expect(outcome.violations, `violations after ${event.type}`).toEqual([]);
    this.effects.push(...outcome.effects);
    this.state = deepFreeze(outcome.state);
    return outcome.actions;
  }
}

const callOf = (doc: FlowDocument | FlowDocumentInput, perform?: (effect: Effect) => EffectResult) =>
  new Call(runtimeOf(doc), perform);

/** An ask that takes any answer; tests connect its "any" and "no_input" exits. */
const welcomeAsk: Drawn = {
  id: "ask",
  kind: "ask",
  text: "How can I help?",
  branches: [{ id: "any", match: "anything" }],
};

describe("onSessionStart", () => {
  it("merges start, several says and the ask's prompt into one speak that waits for the caller", () => {
    const call = callOf(
      flow(
        [
          { id: "start", kind: "start", text: "Welcome to Demo." },
          { id: "a", kind: "say", text: "Calls are recorded." },
          { id: "b", kind: "say", text: "Our hours have changed." },
          welcomeAsk,
          end,
        ],
        ["start>a", "a>b", "b>ask", "ask.any>end", "ask.no_input>end"],
      ),
    );
    const actions = call.send(ev.start());
    expect(actions).toEqual([
      say("Welcome to Demo. Calls are recorded. Our hours have changed. How can I help?", {
        user_input_timeout_seconds: 8,
      }),
    ]);
    expect(replyBody(actions)).toEqual(actions[0]);
  });

  it("keeps a say in another voice separate: the reply is an array of two", () => {
    const eleven = { provider: "eleven_labs", voice: "21m00Tcm4TlvDq8ikWAM" } as const;
    const call = callOf(
      flow(
        [
          { id: "start", kind: "start" },
          { id: "a", kind: "say", text: "Hi, I am Rachel.", tts: eleven },
          welcomeAsk,
          end,
        ],
        ["start>a", "a>ask", "ask.any>end", "ask.no_input>end"],
      ),
    );
    const actions = call.send(ev.start());
    expect(actions).toEqual([
      say("Hi, I am Rachel.", { tts: eleven }),
      say("How can I help?", { user_input_timeout_seconds: 8 }),
    ]);
    expect(replyBody(actions)).toEqual(actions);
  });

  it("folds the flow's voice and barge-in into each utterance; a node's own barge-in wins", () => {
    const azure = { provider: "azure", language: "en-GB", voice: "en-GB-SoniaNeural" } as const;
    const call = callOf(
      flow(
        [
          { id: "start", kind: "start", text: "Welcome." },
          { id: "legal", kind: "say", text: "This call is recorded.", bargeIn: { strategy: "none" } },
          { ...welcomeAsk, timeoutSeconds: 6 },
          end,
        ],
        ["start>legal", "legal>ask", "ask.any>end", "ask.no_input>end"],
        {
          settings: {
            tts: azure,
            bargeIn: { strategy: "minimum_characters", minimum_characters: 3, allow_after_ms: 500 },
          },
        },
      ),
    );
    const flowBargeIn = { strategy: "minimum_characters", minimum_characters: 3, allow_after_ms: 500 } as const;
    expect(call.send(ev.start())).toEqual([
      say("Welcome.", { tts: azure, barge_in: flowBargeIn }),
      say("This call is recorded.", { tts: azure, barge_in: { strategy: "none" } }),
      say("How can I help?", { tts: azure, barge_in: flowBargeIn, user_input_timeout_seconds: 6 }),
    ]);
  });

  it("merges SSML under the same <speak> root, and never SSML with text", () => {
    const call = callOf(
      flow(
        [
          { id: "start", kind: "start", ssml: "<speak>Welcome.</speak>" },
          { id: "a", kind: "say", ssml: '<speak>Please <break time="300ms"/> listen.</speak>' },
          welcomeAsk,
          end,
        ],
        ["start>a", "a>ask", "ask.any>end", "ask.no_input>end"],
      ),
    );
    expect(call.send(ev.start())).toEqual([
      { type: "speak", session_id: SID, ssml: '<speak>Welcome. Please <break time="300ms"/> listen.</speak>' },
      say("How can I help?", { user_input_timeout_seconds: 8 }),
    ]);
  });

  it("fills the session's variables and the declared ones into {{templates}}", () => {
    const call = callOf(
      flow(
        [
          {
            id: "start",
            kind: "start",
            text: "{{company}}: you called {{called_number}} from {{caller_number}}, {{direction}}, account {{account_id}}.",
          },
          welcomeAsk,
          end,
        ],
        ["start>ask", "ask.any>end", "ask.no_input>end"],
        { variables: [{ name: "company", initial: "Demo GmbH" }] },
      ),
    );
    expect(call.send(ev.start())).toEqual([
      say("Demo GmbH: you called +4930123456 from +4917612345678, inbound, account account-123. How can I help?", {
        user_input_timeout_seconds: 8,
      }),
    ]);
  });

  it("a start without text and a prompt-less ask: nothing to say, nothing sent", () => {
    const call = callOf(
      flow(
        [{ id: "start", kind: "start" }, { ...welcomeAsk, text: undefined }, end],
        ["start>ask", "ask.any>end", "ask.no_input>end"],
      ),
    );
    expect(call.send(ev.start())).toEqual([]);
    expect(call.state.at).toBe("ask");
  });

  it("a prompt-less ask puts its timeout on the speech before it", () => {
    const call = callOf(
      flow(
        [
          { id: "start", kind: "start", text: "Tell me your name." },
          { ...welcomeAsk, text: undefined, timeoutSeconds: 4 },
          end,
        ],
        ["start>ask", "ask.any>end", "ask.no_input>end"],
      ),
    );
    expect(call.send(ev.start())).toEqual([say("Tell me your name.", { user_input_timeout_seconds: 4 })]);
  });
});

describe("play_audio", () => {
  it("plays its WAV as an audio action, before the next utterance", () => {
    const wav = toBase64(silentWav(200));
    const call = callOf(
      flow(
        [
          { id: "start", kind: "start", text: "Welcome." },
          { id: "jingle", kind: "play_audio", audio: { name: "jingle.wav", data: wav }, bargeIn: { strategy: "none" } },
          welcomeAsk,
          end,
        ],
        ["start>jingle", "jingle>ask", "ask.any>end", "ask.no_input>end"],
      ),
    );
    expect(call.send(ev.start())).toEqual([
      say("Welcome."),
      { type: "audio", session_id: SID, audio: wav, barge_in: { strategy: "none" } },
      say("How can I help?", { user_input_timeout_seconds: 8 }),
    ]);
  });
});

describe("ask", () => {
  const shop = flow(
    [
      { id: "start", kind: "start", text: "Welcome." },
      {
        id: "menu",
        kind: "ask",
        text: "Sales or support?",
        reprompt: "Please say sales or support.",
        timeoutSeconds: 6,
        retries: 1,
        branches: [
          { id: "sales", match: "keywords", keywords: ["sales", "buy something"] },
          { id: "support", match: "keywords", keywords: ["support", "help"] },
        ],
      },
      { id: "sales", kind: "say", text: "Sales it is." },
      { id: "support", kind: "say", text: "Support it is." },
      { id: "sorry", kind: "hangup", goodbye: "Sorry, I did not understand. Goodbye." },
      end,
    ],
    [
      "start>menu",
      "menu.sales>sales",
      "menu.support>support",
      "menu.no_match>sorry",
      "menu.no_input>sorry",
      "sales>end",
      "support>end",
    ],
  );

  it("takes the branch whose keyword the caller said, whatever the case and punctuation", () => {
    const call = callOf(shop);
    expect(call.send(ev.start())).toEqual([say("Welcome. Sales or support?", { user_input_timeout_seconds: 6 })]);
    expect(call.send(ev.speak("Hmm, SUPPORT, please!"))).toEqual([say("Support it is.")]);
    expect(call.state.done).toBe(true);
  });

  it("matches several-word keywords as words, not parts of words", () => {
    const call = callOf(shop);
    call.send(ev.start());
    expect(call.send(ev.speak("I want to buy something"))).toEqual([say("Sales it is.")]);
    const other = callOf(shop);
    other.send(ev.start());
    expect(other.send(ev.speak("wholesales"))).toEqual([
      say("Please say sales or support.", { user_input_timeout_seconds: 6 }),
    ]);
  });

  it("user_speak with barged_in: true is an answer like any other", () => {
    const call = callOf(shop);
    call.send(ev.start());
    expect(call.send(ev.spoke("Welcome. Sales or support?"))).toEqual([]);
    expect(call.send(ev.speak("sales", { barged_in: true }))).toEqual([say("Sales it is.")]);
  });

  it("user_barge_in (the older event) is an answer too", () => {
    const call = callOf(shop);
    call.send(ev.start());
    expect(call.send(ev.bargeIn("help"))).toEqual([say("Support it is.")]);
  });

  it("an older user_speak with transcript instead of text is an answer", () => {
    const call = callOf(shop);
    call.send(ev.start());
    expect(call.send(wire({ type: "user_speak", transcript: "sales please" }))).toEqual([say("Sales it is.")]);
  });

  it("an empty utterance changes nothing", () => {
    const call = callOf(shop);
    call.send(ev.start());
    const waiting = call.state;
    expect(call.send(ev.speak("   "))).toEqual([]);
    expect(call.state).toEqual(waiting);
  });

  it("an answer that matches nothing: the reprompt, then the no_match exit", () => {
    const call = callOf(shop);
    call.send(ev.start());
    expect(call.send(ev.speak("the weather"))).toEqual([
      say("Please say sales or support.", { user_input_timeout_seconds: 6 }),
    ]);
    expect(call.send(ev.speak("still the weather"))).toEqual([say("Sorry, I did not understand. Goodbye.")]);
    expect(call.send(ev.ended())).toEqual([hangup]);
  });

  it("without a reprompt, says the prompt again", () => {
    const call = callOf(
      flow(
        [
          { id: "start", kind: "start", text: "Hi." },
          { ...welcomeAsk, branches: [{ id: "yes", match: "keywords", keywords: ["yes"] }] },
          end,
        ],
        ["start>ask", "ask.yes>end", "ask.no_match>end", "ask.no_input>end"],
      ),
    );
    call.send(ev.start());
    expect(call.send(ev.speak("no"))).toEqual([say("How can I help?", { user_input_timeout_seconds: 8 })]);
    expect(call.send(ev.timeout())).toEqual([say("How can I help?", { user_input_timeout_seconds: 8 })]);
  });

  it("three timeouts, then transfer: two reprompts with the timeout, the third silence transfers", () => {
    const call = callOf(
      flow(
        [
          { id: "start", kind: "start", text: "Hello." },
          {
            id: "ask",
            kind: "ask",
            text: "How can I help?",
            reprompt: "Are you still there?",
            timeoutSeconds: 5,
            retries: 2,
            branches: [{ id: "any", match: "anything" }],
          },
          agent(),
          end,
        ],
        ["start>ask", "ask.any>end", "ask.no_input>agent"],
      ),
    );
    expect(call.send(ev.start())).toEqual([say("Hello. How can I help?", { user_input_timeout_seconds: 5 })]);
    expect(call.send(ev.spoke())).toEqual([]);
    expect(call.send(ev.ended())).toEqual([]);
    expect(call.send(ev.timeout())).toEqual([say("Are you still there?", { user_input_timeout_seconds: 5 })]);
    expect(call.send(ev.ended())).toEqual([]);
    expect(call.send(ev.timeout())).toEqual([say("Are you still there?", { user_input_timeout_seconds: 5 })]);
    expect(call.send(ev.ended())).toEqual([]);
    expect(call.send(ev.timeout())).toEqual([transfer()]);
    expect(call.send(ev.timeout())).toEqual([]);
    expect(call.send(ev.speak("hello?"))).toEqual([]);
  });

  it("counts silences anew at each ask", () => {
    const second: Drawn = {
      id: "second",
      kind: "ask",
      text: "And your city?",
      retries: 1,
      branches: [{ id: "any", match: "anything" }],
    };
    const call = callOf(
      flow(
        [{ id: "start", kind: "start" }, { ...welcomeAsk, retries: 1 }, second, { id: "bye", kind: "hangup" }],
        ["start>ask", "ask.any>second", "ask.no_input>bye", "second.any>bye", "second.no_input>bye"],
      ),
    );
    call.send(ev.start());
    expect(call.send(ev.timeout())).toEqual([say("How can I help?", { user_input_timeout_seconds: 8 })]);
    expect(call.send(ev.speak("Anna"))).toEqual([say("And your city?", { user_input_timeout_seconds: 8 })]);
    expect(call.send(ev.timeout())).toEqual([say("And your city?", { user_input_timeout_seconds: 8 })]);
    expect(call.send(ev.timeout())).toEqual([hangup]);
  });

  it("captures the first regex group into a variable", () => {
    const call = callOf(
      flow(
        [
          { id: "start", kind: "start" },
          {
            id: "ask",
            kind: "ask",
            text: "Your customer number?",
            captureAs: "customer",
            branches: [
              { id: "number", match: "regex", pattern: "(\\d{5,})" },
              { id: "any", match: "anything" },
            ],
          },
          { id: "got", kind: "say", text: "Customer {{customer}}, thank you." },
          { id: "nope", kind: "say", text: "That was no number: {{customer}}." },
          end,
        ],
        ["start>ask", "ask.number>got", "ask.any>nope", "ask.no_input>end", "got>end", "nope>end"],
      ),
    );
    call.send(ev.start());
    expect(call.send(ev.speak("It is 4711 0815 no wait 471108 15"))).toEqual([say("Customer 471108, thank you.")]);
    expect(call.state.vars.customer).toBe("471108");
  });

  it("a regex without a group captures the whole match; anything captures the whole answer, trimmed", () => {
    const doc = (pattern: string) =>
      flow(
        [
          { id: "start", kind: "start" },
          {
            id: "ask",
            kind: "ask",
            text: "?",
            captureAs: "x",
            branches: [
              { id: "r", match: "regex", pattern },
              { id: "any", match: "anything" },
            ],
          },
          { id: "echo", kind: "say", text: "[{{x}}]" },
          end,
        ],
        ["start>ask", "ask.r>echo", "ask.any>echo", "ask.no_input>end", "echo>end"],
      );
    const call = callOf(doc("[A-Z]{2}\\d{2}"));
    call.send(ev.start());
    expect(call.send(ev.speak("my iban starts de89 then more"))).toEqual([say("[de89]")]);
    const other = callOf(doc("^never$"));
    other.send(ev.start());
    expect(other.send(ev.speak("  Grüß Gott  "))).toEqual([say("[Grüß Gott]")]);
  });

  it("a key pressed during an ask is an answer like the spoken digit", () => {
    const call = callOf(
      flow(
        [
          { id: "start", kind: "start" },
          { ...welcomeAsk, branches: [{ id: "one", match: "keywords", keywords: ["1", "one"] }] },
          { id: "yes", kind: "say", text: "One it is." },
          end,
        ],
        ["start>ask", "ask.one>yes", "ask.no_match>end", "ask.no_input>end", "yes>end"],
      ),
    );
    call.send(ev.start());
    expect(call.send(ev.dtmf("1"))).toEqual([say("One it is.")]);
    expect(call.state.vars.last_digit).toBe("1");
  });
});

describe("dtmf_menu", () => {
  const menuFlow = flow(
    [
      { id: "start", kind: "start", text: "Welcome." },
      {
        id: "menu",
        kind: "dtmf_menu",
        text: "Press 1 for sales, 2 for support.",
        reprompt: "Please press 1 or 2.",
        timeoutSeconds: 6,
        retries: 1,
        captureAs: "choice",
        options: [
          { id: "sales", digit: "1", keywords: ["sales"] },
          { id: "support", digit: "2", keywords: ["support", "help"] },
        ],
      },
      { id: "sales", kind: "say", text: "Sales, one moment." },
      agent(),
      { id: "support", kind: "say", text: "Support, you chose {{choice}} with key {{last_digit}}." },
      { id: "sorry", kind: "hangup", goodbye: "Sorry. Goodbye." },
      end,
    ],
    [
      "start>menu",
      "menu.sales>sales",
      "menu.support>support",
      "menu.no_match>sorry",
      "menu.no_input>sorry",
      "sales>agent",
      "support>end",
    ],
  );

  it("chooses by key", () => {
    const call = callOf(menuFlow);
    expect(call.send(ev.start())).toEqual([
      say("Welcome. Press 1 for sales, 2 for support.", { user_input_timeout_seconds: 6 }),
    ]);
    expect(call.send(ev.dtmf("2"))).toEqual([say("Support, you chose 2 with key 2.")]);
    expect(call.state.done).toBe(true);
  });

  it("chooses by a spoken keyword, and by the digit spoken", () => {
    const call = callOf(menuFlow);
    call.send(ev.start());
    expect(call.send(ev.speak("I need some help"))).toEqual([say("Support, you chose 2 with key .")]);
    const other = callOf(menuFlow);
    other.send(ev.start());
    expect(other.send(ev.speak("2"))).toEqual([say("Support, you chose 2 with key .")]);
  });

  it("an unknown key reprompts, the next unknown one leaves by no_match", () => {
    const call = callOf(menuFlow);
    call.send(ev.start());
    expect(call.send(ev.dtmf("9"))).toEqual([say("Please press 1 or 2.", { user_input_timeout_seconds: 6 })]);
    expect(call.send(ev.dtmf("#"))).toEqual([say("Sorry. Goodbye.")]);
    expect(call.send(ev.ended())).toEqual([hangup]);
  });

  it("an unknown spoken word reprompts too", () => {
    const call = callOf(menuFlow);
    call.send(ev.start());
    expect(call.send(ev.speak("the weather"))).toEqual([
      say("Please press 1 or 2.", { user_input_timeout_seconds: 6 }),
    ]);
  });

  it("silence reprompts, then leaves by no_input", () => {
    const call = callOf(menuFlow);
    call.send(ev.start());
    expect(call.send(ev.timeout())).toEqual([say("Please press 1 or 2.", { user_input_timeout_seconds: 6 })]);
    expect(call.send(ev.timeout())).toEqual([say("Sorry. Goodbye.")]);
  });

  it("a key pressed when nothing waits does nothing", () => {
    const call = callOf(menuFlow);
    call.send(ev.start());
    call.send(ev.dtmf("2"));
    expect(call.send(ev.dtmf("1"))).toEqual([]);
  });
});

describe("condition", () => {
  /** Asks for a value into {{v}}, then says "Yes." when the rule holds, "No." otherwise. */
  const check = (
    operator:
      "equals" | "not_equals" | "contains" | "matches" | "is_empty" | "is_not_empty" | "greater_than" | "less_than",
    value: string,
    variable = "v",
  ) =>
    flow(
      [
        { id: "start", kind: "start" },
        { id: "ask", kind: "ask", text: "Value?", captureAs: "v", branches: [{ id: "any", match: "anything" }] },
        { id: "cond", kind: "condition", rules: [{ id: "rule", variable, operator, value }] },
        { id: "yes", kind: "say", text: "Yes." },
        { id: "no", kind: "say", text: "No." },
        end,
      ],
      ["start>ask", "ask.any>cond", "ask.no_input>end", "cond.rule>yes", "cond.else>no", "yes>end", "no>end"],
      {
        variables: [
          { name: "expected", initial: "gold" },
          { name: "blank", initial: "" },
        ],
      },
    );
  const verdict = (doc: FlowDocument, answer: string) => {
    const call = callOf(doc);
    call.send(ev.start());
    return call.send(ev.speak(answer));
  };
  const YES = [say("Yes.")];
  const NO = [say("No.")];

  it.each<[Parameters<typeof check>[0], string, string, AiFlowAction[]]>([
    ["equals", "Gold", "gold", YES],
    ["equals", "Müller", "muller!", YES],
    ["equals", "gold", "gold card", NO],
    ["equals", "{{expected}}", "GOLD", YES],
    ["not_equals", "gold", "silver", YES],
    ["not_equals", "gold", "Gold", NO],
    ["contains", "gold", "I have a gold card", YES],
    ["contains", "gold card", "my Gold-Card please", YES],
    ["contains", "gold", "golden", NO],
    ["matches", "^\\d{5}$", "10115", YES],
    ["matches", "^\\d{5}$", "1011", NO],
    ["matches", "straße", "STRASSE", NO],
    ["is_not_empty", "", "anything", YES],
    ["greater_than", "10", "12", YES],
    ["greater_than", "10", "9", NO],
    ["greater_than", "10", "ten", NO],
    ["greater_than", "10", "10", NO],
    ["less_than", "10", "9.5", YES],
    ["less_than", "10", "11", NO],
    ["less_than", "10", "abc", NO],
  ])("%s %j with %j", (operator, value, answer, expected) => {
    expect(verdict(check(operator, value), answer)).toEqual(expected);
  });

  it("is_empty and is_not_empty on a declared empty variable", () => {
    expect(verdict(check("is_empty", "", "blank"), "whatever")).toEqual(YES);
    expect(verdict(check("is_not_empty", "", "blank"), "whatever")).toEqual(NO);
    expect(verdict(check("is_empty", ""), "whatever")).toEqual(NO);
  });

  it("the first rule that holds wins; none holding takes else", () => {
    const doc = flow(
      [
        { id: "start", kind: "start" },
        { id: "ask", kind: "ask", text: "Amount?", captureAs: "amount", branches: [{ id: "any", match: "anything" }] },
        {
          id: "cond",
          kind: "condition",
          rules: [
            { id: "big", variable: "amount", operator: "greater_than", value: "1000" },
            { id: "some", variable: "amount", operator: "greater_than", value: "0" },
          ],
        },
        { id: "big", kind: "say", text: "Big." },
        { id: "some", kind: "say", text: "Some." },
        { id: "none", kind: "say", text: "None." },
        end,
      ],
      [
        "start>ask",
        "ask.any>cond",
        "ask.no_input>end",
        "cond.big>big",
        "cond.some>some",
        "cond.else>none",
        "big>end",
        "some>end",
        "none>end",
      ],
    );
    expect(verdict(doc, "5000")).toEqual([say("Big.")]);
    expect(verdict(doc, "50")).toEqual([say("Some.")]);
    expect(verdict(doc, "-3")).toEqual([say("None.")]);
  });
});

describe("set_variable", () => {
  it("renders {{templates}}, each assignment seeing the ones before it", () => {
    const call = callOf(
      flow(
        [
          { id: "start", kind: "start" },
          {
            id: "ask",
            kind: "ask",
            text: "Your name?",
            captureAs: "name",
            branches: [{ id: "any", match: "anything" }],
          },
          {
            id: "set",
            kind: "set_variable",
            assignments: [
              { name: "greeting", value: "Hello {{name}}" },
              { name: "line", value: "{{greeting}} from {{caller_number}}, you said {{last_utterance}}" },
              { name: "company", value: "{{company}} Ltd" },
            ],
          },
          { id: "out", kind: "say", text: "{{line}}. {{company}}." },
          end,
        ],
        ["start>ask", "ask.any>set", "ask.no_input>end", "set>out", "out>end"],
        { variables: [{ name: "company", initial: "Demo" }] },
      ),
    );
    call.send(ev.start());
    expect(call.send(ev.speak("Zoë"))).toEqual([say("Hello Zoë from +4917612345678, you said Zoë. Demo Ltd.")]);
    expect(call.state.vars).toMatchObject({ greeting: "Hello Zoë", company: "Demo Ltd" });
  });
});

describe("global phrases", () => {
  const reception = () => callOf(receptionFlow);
  const sonia = { provider: "azure", language: "en-GB", voice: "en-GB-SoniaNeural" } as const;
  const min3 = { strategy: "minimum_characters", minimum_characters: 3 } as const;
  const announcement = say("One moment, I am connecting you.", { tts: sonia, barge_in: min3 });
  const demoTransfer = transfer(RECEPTION, "Demo Reception", CALLER_ID);

  it('"agent" transfers from the first question', () => {
    const call = reception();
    call.send(ev.start());
    expect(call.send(ev.speak("Can I talk to an agent?"))).toEqual([announcement]);
    expect(call.send(ev.ended())).toEqual([demoTransfer]);
  });

  it('"operator" jumps from deep inside the flow, even where any answer would do', () => {
    const call = reception();
    call.send(ev.start());
    expect(call.send(ev.speak("I want to leave a message"))).toEqual([
      say("Please say your message after the tone, and we will call you back.", {
        tts: sonia,
        barge_in: min3,
        user_input_timeout_seconds: 10,
      }),
    ]);
    expect(call.send(ev.speak("actually, get me an OPERATOR"))).toEqual([announcement]);
  });

  it("a phrase of several words, and not inside other words", () => {
    const call = reception();
    call.send(ev.start());
    call.send(ev.speak("opening hours"));
    expect(call.send(ev.speak("the reagents are ready"))).toEqual([
      say("How can I help you? You can ask for our opening hours, leave a message, or speak to someone.", {
        tts: sonia,
        barge_in: min3,
        user_input_timeout_seconds: 6,
      }),
    ]);
    expect(call.send(ev.speak("a real person please"))).toEqual([announcement]);
  });

  it("does not jump on a key press", () => {
    const call = callOf(
      flow(
        [
          { id: "start", kind: "start" },
          { ...welcomeAsk, branches: [{ id: "yes", match: "keywords", keywords: ["yes"] }] },
          agent(),
          end,
        ],
        ["start>ask", "ask.yes>end", "ask.no_match>end", "ask.no_input>end"],
        {
          settings: { globalPhrases: [{ id: "g", phrases: ["0"], target: "agent" }] },
        },
      ),
    );
    call.send(ev.start());
    expect(call.send(ev.speak("0"))).toEqual([transfer()]);
    const pressing = callOf(
      flow(
        [
          { id: "start", kind: "start" },
          { id: "menu", kind: "dtmf_menu", text: "Press 1.", options: [{ id: "one", digit: "1" }] },
          agent(),
          end,
        ],
        ["start>menu", "menu.one>end", "menu.no_match>end", "menu.no_input>end"],
        {
          settings: { globalPhrases: [{ id: "g", phrases: ["0"], target: "agent" }] },
        },
      ),
    );
    pressing.send(ev.start());
    expect(pressing.send(ev.dtmf("0"))).toEqual([say("Press 1.", { user_input_timeout_seconds: 8 })]);
  });

  it("does nothing once the flow has ended", () => {
    const call = reception();
    call.send(ev.start());
    call.send(ev.speak("agent"));
    call.send(ev.ended());
    expect(call.send(ev.speak("agent"))).toEqual([]);
  });
});

describe("transfer and hangup", () => {
  const announced = flow(
    [
      { id: "start", kind: "start" },
      { ...welcomeAsk, branches: [{ id: "any", match: "anything" }] },
      agent("Connecting you now."),
      end,
    ],
    ["start>ask", "ask.any>agent", "ask.no_input>end"],
  );

  it("a transfer announced by speech goes out only when the speech has ended", () => {
    const call = callOf(announced);
    call.send(ev.start());
    expect(call.send(ev.speak("sales"))).toEqual([say("Connecting you now.")]);
    expect(call.send(ev.spoke("Connecting you now."))).toEqual([]);
    expect(call.send(ev.ended())).toEqual([transfer()]);
    expect(call.send(ev.ended())).toEqual([]);
    expect(call.send(ev.timeout())).toEqual([]);
    expect(call.send(ev.speak("hello?"))).toEqual([]);
  });

  it.each<[string, AiFlowEvent]>([
    ["speaks", ev.speak("hello?")],
    ["barges in", ev.speak("wait", { barged_in: true })],
    ["barges in (older event)", ev.bargeIn("wait")],
    ["presses a key", ev.dtmf("5")],
    ["stays silent past the timeout", ev.timeout()],
  ])("goes out at once if the caller %s meanwhile", (_, event) => {
    const call = callOf(announced);
    call.send(ev.start());
    call.send(ev.speak("sales"));
    expect(call.send(event)).toEqual([transfer()]);
    expect(call.send(ev.ended())).toEqual([]);
  });

  it("without speech before it, a transfer goes out in the same reply", () => {
    const call = callOf(
      flow(
        [{ id: "start", kind: "start" }, welcomeAsk, agent(), end],
        ["start>ask", "ask.any>agent", "ask.no_input>end"],
      ),
    );
    call.send(ev.start());
    expect(call.send(ev.speak("sales"))).toEqual([transfer()]);
  });

  it("a say before a hangup without goodbye announces it too", () => {
    const call = callOf(
      flow(
        [
          { id: "start", kind: "start", text: "We are closed." },
          { id: "bye", kind: "hangup" },
        ],
        ["start>bye"],
      ),
    );
    expect(call.send(ev.start())).toEqual([say("We are closed.")]);
    expect(call.send(ev.ended())).toEqual([hangup]);
  });

  it("a hangup with nothing said goes out at once", () => {
    const call = callOf(
      flow(
        [
          { id: "start", kind: "start" },
          { id: "bye", kind: "hangup" },
        ],
        ["start>bye"],
      ),
    );
    expect(call.send(ev.start())).toEqual([hangup]);
    expect(call.send(ev.ended())).toEqual([]);
  });

  it("waits for every utterance of the reply before hanging up", () => {
    const eleven = { provider: "eleven_labs" } as const;
    const call = callOf(
      flow(
        [
          { id: "start", kind: "start", text: "We are closed." },
          { id: "b", kind: "say", text: "Really.", tts: eleven },
          { id: "bye", kind: "hangup", goodbye: "Goodbye {{caller_number}}." },
        ],
        ["start>b", "b>bye"],
      ),
    );
    expect(call.send(ev.start())).toEqual([
      say("We are closed."),
      say("Really.", { tts: eleven }),
      say("Goodbye +4917612345678."),
    ]);
    expect(call.send(ev.spoke())).toEqual([]);
    expect(call.send(ev.ended())).toEqual([]);
    expect(call.send(ev.ended())).toEqual([]);
    expect(call.send(ev.ended())).toEqual([hangup]);
  });

  it("a hangup after a played file waits for the file to end", () => {
    const wav = toBase64(silentWav(200));
    const call = callOf(
      flow(
        [
          { id: "start", kind: "start" },
          { id: "tone", kind: "play_audio", audio: { name: "t.wav", data: wav } },
          { id: "bye", kind: "hangup" },
        ],
        ["start>tone", "tone>bye"],
      ),
    );
    expect(call.send(ev.start())).toEqual([{ type: "audio", session_id: SID, audio: wav }]);
    expect(call.send(ev.ended())).toEqual([hangup]);
  });
});

describe("end", () => {
  it("ends the flow: no further actions for any event", () => {
    const call = callOf(
      flow(
        [{ id: "start", kind: "start" }, welcomeAsk, { id: "thanks", kind: "say", text: "Thanks." }, end],
        ["start>ask", "ask.any>thanks", "ask.no_input>end", "thanks>end"],
      ),
    );
    call.send(ev.start());
    expect(call.send(ev.speak("hi"))).toEqual([say("Thanks.")]);
    expect(call.state.done).toBe(true);
    for (const event of [
      ev.spoke(),
      ev.ended(),
      ev.timeout(),
      ev.speak("hello"),
      ev.bargeIn("hello"),
      ev.dtmf("1"),
      ev.end(),
    ])
      expect(call.send(event), event.type).toEqual([]);
  });
});

describe("session_end", () => {
  it("gets no action, and nothing is ever sent after it", () => {
    const call = callOf(receptionFlow);
    call.send(ev.start());
    expect(call.send(ev.end("caller_hangup"))).toEqual([]);
    expect(call.state.ended).toBe(true);
    for (const event of [
      ev.start(),
      ev.speak("agent"),
      ev.bargeIn("agent"),
      ev.timeout(),
      ev.dtmf("1"),
      ev.spoke(),
      ev.ended(),
      ev.end(),
    ])
      expect(call.send(event), event.type).toEqual([]);
  });

  it("drops a transfer still waiting for its announcement to end", () => {
    const call = callOf(receptionFlow);
    call.send(ev.start());
    call.send(ev.speak("agent"));
    expect(call.send(ev.end())).toEqual([]);
    expect(call.send(ev.ended())).toEqual([]);
  });

  it("an effect's result arriving after session_end sends nothing", () => {
    const runtime = runtimeOf(
      flow(
        [
          { id: "start", kind: "start" },
          { id: "ai", kind: "ai_reply", instructions: "Greet.", fallback: "Hello." },
          end,
        ],
        ["start>ai", "ai>end"],
      ),
    );
    const started = runtime.handle(initialState(), ev.start());
    expect(started.effect?.kind).toBe("ai");
    const ended = runtime.handle(deepFreeze(started.state), ev.end());
    expect(runtime.resume(deepFreeze(ended.state), ev.start(), { kind: "ai", text: "Hi there." }).actions).toEqual([]);
  });
});

describe("ai_reply", () => {
  const aiFlow = flow(
    [
      { id: "start", kind: "start", text: "Welcome to {{company}}." },
      { id: "ask", kind: "ask", text: "What is your question?", branches: [{ id: "any", match: "anything" }] },
      {
        id: "ai",
        kind: "ai_reply",
        instructions: "You answer for {{company}}.",
        fallback: "Sorry, I cannot answer that right now.",
        timeBudgetMs: 3000,
        captureAs: "answer",
      },
      {
        id: "more",
        kind: "ask",
        text: "Anything else?",
        timeoutSeconds: 5,
        branches: [{ id: "any", match: "anything" }],
      },
      end,
    ],
    ["start>ask", "ask.any>ai", "ask.no_input>end", "ai>more", "more.any>ai", "more.no_input>end"],
    { variables: [{ name: "company", initial: "Demo" }] },
  );

  it("speaks the model's answer, then goes on", () => {
    const call = callOf(aiFlow, () => ({ kind: "ai", text: " We open at nine. " }));
    call.send(ev.start());
    expect(call.send(ev.speak("When do you open?"))).toEqual([
      say("We open at nine. Anything else?", { user_input_timeout_seconds: 5 }),
    ]);
    expect(call.effects.map((e) => e.effect)).toEqual([
      {
        kind: "ai",
        nodeId: "ai",
        instructions: "You answer for Demo.",
        utterance: "When do you open?",
        budgetMs: 3000,
        history: [
          { role: "assistant", text: "Welcome to Demo." },
          { role: "assistant", text: "What is your question?" },
          { role: "caller", text: "When do you open?" },
        ],
      },
    ]);
    expect(call.state.vars.answer).toBe("We open at nine.");
  });

  it("speaks the fallback when the model fails or says nothing", () => {
    for (const result of [
      { kind: "ai", error: "timeout" },
      { kind: "ai", text: "   " },
      { kind: "ai" },
    ] satisfies EffectResult[]) {
      const call = callOf(aiFlow, () => result);
      call.send(ev.start());
      expect(call.send(ev.speak("When do you open?")), JSON.stringify(result)).toEqual([
        say("Sorry, I cannot answer that right now. Anything else?", { user_input_timeout_seconds: 5 }),
      ]);
    }
  });

  it("speaks the fallback when no one performs the effect (offline)", () => {
    const call = callOf(aiFlow);
    call.send(ev.start());
    expect(call.send(ev.speak("When do you open?"))).toEqual([
      say("Sorry, I cannot answer that right now. Anything else?", { user_input_timeout_seconds: 5 }),
    ]);
  });

  it("through runEvent, with a model that rejects", async () => {
    const runtime = runtimeOf(aiFlow);
    const started = runEventSync(runtime, initialState(), ev.start());
    const ok = await runEvent(runtime, deepFreeze(started.state), ev.speak("Hours?"), async () => ({
      kind: "ai",
      text: "Nine to five.",
    }));
    expect(ok.actions).toEqual([say("Nine to five. Anything else?", { user_input_timeout_seconds: 5 })]);
    expect(ok.violations).toEqual([]);
    const failed = await runEvent(runtime, deepFreeze(started.state), ev.speak("Hours?"), async () => {
      throw new Error("model down");
    });
    expect(failed.actions).toEqual([
      say("Sorry, I cannot answer that right now. Anything else?", { user_input_timeout_seconds: 5 }),
    ]);
    expect(failed.effects[0]?.result).toEqual({ kind: "ai", ok: false, error: "model down" });
  });

  it("uses the node's voice for the answer", () => {
    const eleven = { provider: "eleven_labs", voice: "pNInz6obpgDQGcFmaJgB" } as const;
    const call = callOf(
      flow(
        [
          { id: "start", kind: "start" },
          {
            id: "ai",
            kind: "ai_reply",
            instructions: "Greet.",
            fallback: "Hello.",
            tts: eleven,
            bargeIn: { strategy: "immediate" },
          },
          end,
        ],
        ["start>ai", "ai>end"],
      ),
      () => ({ kind: "ai", text: "Hi!" }),
    );
    expect(call.send(ev.start())).toEqual([say("Hi!", { tts: eleven, barge_in: { strategy: "immediate" } })]);
  });
});

describe("http_request", () => {
  const lookup = flow(
    [
      { id: "start", kind: "start", text: "One moment." },
      {
        id: "fetch",
        kind: "http_request",
        method: "POST",
        url: "https://crm.example.com/lookup?number={{caller_number}}",
        headers: [
          { name: "Authorization", value: "Bearer {{token}}" },
          { name: " ", value: "dropped" },
        ],
        body: '{"called":"{{called_number}}"}',
        timeBudgetMs: 2000,
        responseMap: [
          { variable: "customer", path: "customer.name" },
          { variable: "order", path: "orders.0.id" },
          { variable: "missing", path: "nope.nothing" },
        ],
      },
      { id: "known", kind: "say", text: "Hello {{customer}}, your order {{order}}{{missing}}." },
      { id: "unknown", kind: "say", text: "Hello." },
      end,
    ],
    ["start>fetch", "fetch.ok>known", "fetch.failed>unknown", "known>end", "unknown>end"],
    { variables: [{ name: "token", initial: "s3cret" }] },
  );

  it("copies the answer's fields into variables and takes the ok exit", () => {
    const call = callOf(lookup, () => ({
      kind: "http",
      ok: true,
      status: 200,
      json: { customer: { name: "Zoë Müller" }, orders: [{ id: 4711 }] },
    }));
    expect(call.send(ev.start())).toEqual([say("One moment. Hello Zoë Müller, your order 4711.")]);
    expect(call.effects.map((e) => e.effect)).toEqual([
      {
        kind: "http",
        nodeId: "fetch",
        method: "POST",
        url: "https://crm.example.com/lookup?number=+4917612345678",
        headers: [{ name: "Authorization", value: "Bearer s3cret" }],
        body: '{"called":"+4930123456"}',
        budgetMs: 2000,
      },
    ]);
    expect(call.state.vars).toMatchObject({ customer: "Zoë Müller", order: "4711", missing: "" });
  });

  it("takes the failed exit when the request fails, leaving the variables alone", () => {
    for (const result of [
      { kind: "http", ok: false, status: 500 },
      { kind: "http", ok: false, error: "timeout" },
    ] satisfies EffectResult[]) {
      const call = callOf(lookup, () => result);
      expect(call.send(ev.start()), JSON.stringify(result)).toEqual([say("One moment. Hello.")]);
      expect(call.state.vars.customer).toBeUndefined();
    }
  });

  it("through runEvent, with a request that rejects", async () => {
    const outcome = await runEvent(runtimeOf(lookup), initialState(), ev.start(), async () => {
      throw new Error("ECONNREFUSED");
    });
    expect(outcome.actions).toEqual([say("One moment. Hello.")]);
    expect(outcome.effects[0]?.result).toEqual({ kind: "http", ok: false, error: "ECONNREFUSED" });
  });

  it("an announcement split by an effect waits for every utterance before hanging up", () => {
    // A jingle, then a lookup, then the answer and goodbye: two utterances in one reply.
    const wav = toBase64(silentWav(200));
    const call = callOf(
      flow(
        [
          { id: "start", kind: "start" },
          { id: "jingle", kind: "play_audio", audio: { name: "jingle.wav", data: wav } },
          {
            id: "fetch",
            kind: "http_request",
            url: "https://crm.example.com/status",
            responseMap: [{ variable: "status", path: "status" }],
          },
          { id: "bye", kind: "hangup", goodbye: "Your parcel is {{status}}. Goodbye." },
        ],
        ["start>jingle", "jingle>fetch", "fetch.ok>bye", "fetch.failed>bye"],
      ),
      () => ({ kind: "http", ok: true, json: { status: "on its way" } }),
    );
    expect(call.send(ev.start())).toEqual([
      { type: "audio", session_id: SID, audio: wav },
      say("Your parcel is on its way. Goodbye."),
    ]);
    expect(call.send(ev.ended()), "the jingle ended; the goodbye is still playing").toEqual([]);
    expect(call.send(ev.ended())).toEqual([hangup]);
  });
});

describe("the example flows, as a caller would use them", () => {
  it("reception: opening hours, then goodbye", () => {
    const sonia = { provider: "azure", language: "en-GB", voice: "en-GB-SoniaNeural" } as const;
    const min3 = { strategy: "minimum_characters", minimum_characters: 3 } as const;
    const call = callOf(receptionFlow);
    expect(call.send(ev.start())).toEqual([
      say(
        "Welcome to Demo Company. How can I help you? You can ask for our opening hours, leave a message, or speak to someone.",
        { tts: sonia, barge_in: min3, user_input_timeout_seconds: 6 },
      ),
    ]);
    expect(call.send(ev.speak("Wann sind Ihre Öffnungszeiten?"))).toEqual([
      say("We are open Monday to Friday, from nine to five. Is there anything else?", {
        tts: sonia,
        barge_in: min3,
        user_input_timeout_seconds: 5,
      }),
    ]);
    expect(call.send(ev.speak("No, thank you."))).toEqual([
      say("Goodbye, and have a nice day.", { tts: sonia, barge_in: min3 }),
    ]);
    expect(call.send(ev.ended())).toEqual([{ type: "hangup", session_id: SID }]);
  });

  it("reception: a message is captured and read back with the caller's number", () => {
    const sonia = { provider: "azure", language: "en-GB", voice: "en-GB-SoniaNeural" } as const;
    const min3 = { strategy: "minimum_characters", minimum_characters: 3 } as const;
    const call = callOf(receptionFlow);
    call.send(ev.start());
    call.send(ev.speak("I'd like to leave a message"));
    expect(call.send(ev.speak("Please call me about my invoice."))).toEqual([
      say("Thank you. We will call you back at +4917612345678. Goodbye, and have a nice day.", {
        tts: sonia,
        barge_in: min3,
      }),
    ]);
    expect(call.state.vars.message).toBe("Please call me about my invoice.");
  });

  it("echo: the seed's Express example", () => {
    const jenny = { provider: "azure", language: "en-US", voice: "en-US-JennyNeural" } as const;
    const min3 = { strategy: "minimum_characters", minimum_characters: 3 } as const;
    const call = callOf(echoFlow);
    expect(call.send(ev.start())).toEqual([
      say("Welcome to AI Flow! How can I help you today?", { barge_in: min3, user_input_timeout_seconds: 8 }),
    ]);
    expect(call.send(ev.speak("Hello there"))).toEqual([
      say("You said: Hello there. How else can I help?", { tts: jenny, barge_in: min3, user_input_timeout_seconds: 5 }),
    ]);
    expect(call.send(ev.speak("transfer me"))).toEqual([transfer("+1234567890", "Support Team", "+1234567890")]);
  });
});

describe("every handler", () => {
  const doc = flow(
    [
      { id: "start", kind: "start", text: "Hi." },
      { id: "menu", kind: "dtmf_menu", text: "Press 1.", retries: 1, options: [{ id: "one", digit: "1" }] },
      { id: "ask", kind: "ask", text: "Name?", captureAs: "name", branches: [{ id: "any", match: "anything" }] },
      { id: "bye", kind: "hangup", goodbye: "Bye {{name}}." },
    ],
    ["start>menu", "menu.one>ask", "menu.no_match>menu", "menu.no_input>bye", "ask.any>bye", "ask.no_input>bye"],
  );
  const runtime = runtimeOf(doc);

  it("handle dispatches each event type to its handler", () => {
    const waiting = deepFreeze(runtime.onSessionStart(initialState(), ev.start()).state);
    expect(runtime.handle(waiting, ev.dtmf("1")).actions).toEqual(runtime.onDtmf(waiting, ev.dtmf("1")).actions);
    expect(runtime.handle(waiting, ev.timeout()).actions).toEqual(
      runtime.onUserInputTimeout(waiting, ev.timeout()).actions,
    );
    expect(runtime.handle(waiting, ev.timeout()).actions).toEqual([say("Press 1.", { user_input_timeout_seconds: 8 })]);
    const asking = deepFreeze(runtime.onDtmf(waiting, ev.dtmf("1")).state);
    expect(runtime.handle(asking, ev.bargeIn("Ann")).actions).toEqual([say("Bye Ann.")]);
    expect(runtime.handle(asking, ev.speak("Ann")).actions).toEqual(
      runtime.onUserSpeak(asking, ev.speak("Ann")).actions,
    );
    expect(runtime.onAssistantSpeak(asking, ev.spoke()).actions).toEqual([]);
    expect(runtime.onAssistantSpeechEnded(asking, ev.ended()).actions).toEqual([]);
    expect(runtime.onSessionEnd(asking, ev.end()).actions).toEqual([]);
  });

  it("assistant_speak never answers, not even while a hangup waits", () => {
    const waiting = deepFreeze(runtime.onSessionStart(initialState(), ev.start()).state);
    const leaving = deepFreeze(runtime.onUserInputTimeout(waiting, ev.timeout()).state);
    expect(runtime.onUserInputTimeout(leaving, ev.timeout()).actions).toEqual([say("Bye .")]);
    const pending = deepFreeze(runtime.onUserInputTimeout(leaving, ev.timeout()).state);
    expect(runtime.onAssistantSpeak(pending, ev.spoke()).actions).toEqual([]);
    expect(runtime.onAssistantSpeechEnded(pending, ev.ended()).actions).toEqual([hangup]);
  });

  it("no handler changes the state it is given", () => {
    let state: SessionState = initialState();
    const events = [
      ev.start(),
      ev.dtmf("7"),
      ev.timeout(),
      ev.dtmf("1"),
      ev.spoke(),
      ev.speak("Ann", { barged_in: true }),
      ev.ended(),
      ev.bargeIn("x"),
      ev.end(),
      ev.start(),
    ];
    for (const event of events) {
      const frozen = deepFreeze(structuredClone(state));
      const copy = structuredClone(frozen);
      const handlers = [
        runtime.onSessionStart,
        runtime.onUserSpeak,
        runtime.onUserInputTimeout,
        runtime.onDtmf,
        runtime.onAssistantSpeak,
        runtime.onAssistantSpeechEnded,
        runtime.onSessionEnd,
      ];
      for (const handler of handlers) {
        handler(frozen, event);
        expect(frozen).toEqual(copy);
      }
      runtime.resume(frozen, event, { kind: "ai", text: "x" });
      expect(frozen).toEqual(copy);
      state = runtime.handle(frozen, event).state;
    }
  });
});
