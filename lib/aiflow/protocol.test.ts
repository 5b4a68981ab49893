import { describe, expect, it } from "vitest";

import {
  aiFlowActionSchema,
  checkReply,
  parseEvent,
  replyBody,
  utteranceOf,
  type AiFlowAction,
  type AiFlowEvent,
} from "@/lib/aiflow/protocol";

// Payloads are the seed's examples (../shared/seeds/004_95d690a82cde2822.txt) and the additions
// listed in ../shared/seeds/README.md.

const SESSION_ID = "550e8400-e29b-41d4-a716-446655440000";
const fullSession = {
  id: SESSION_ID,
  account_id: "account-123",
  phone_number: "+1234567890",
  direction: "inbound",
  from_phone_number: "+9876543210",
  to_phone_number: "+1234567890",
};

function parsed(body: unknown): AiFlowEvent {
  const result = parseEvent(body);
  if (!result.ok) throw new Error(`expected the event to parse, got ${result.error}`);
  return result.event;
}

function refused(body: unknown): { error: string; field: string } {
  const result = parseEvent(body);
  if (result.ok) throw new Error(`expected the event to be refused: ${JSON.stringify(body).slice(0, 200)}`);
  return { error: result.error, field: result.field };
}

describe("parseEvent: the seed's events", () => {
  it("session_start with every session field", () => {
    const event = parsed({ type: "session_start", session: fullSession });
    expect(event).toEqual({ type: "session_start", session: fullSession });
  });

  it("session_start with only the session id (direction is optional)", () => {
    const event = parsed({ type: "session_start", session: { id: SESSION_ID } });
    expect(event.session.id).toBe(SESSION_ID);
    expect(event.session.direction).toBeUndefined();
  });

  it("user_speak", () => {
    const event = parsed({
      type: "user_speak",
      text: "Hello, I need help",
      session: { id: SESSION_ID, account_id: "account-123", phone_number: "+1234567890" },
    });
    expect(event.type).toBe("user_speak");
    expect(utteranceOf(event)).toBe("Hello, I need help");
  });

  it("user_speak with barged_in: true", () => {
    const event = parsed({ type: "user_speak", text: "Wait", barged_in: true, session: { id: SESSION_ID } });
    expect(event).toMatchObject({ type: "user_speak", text: "Wait", barged_in: true });
    expect(utteranceOf(event)).toBe("Wait");
  });

  it("assistant_speak with text, duration and start time", () => {
    const event = parsed({
      type: "assistant_speak",
      text: "Hello! How can I help?",
      duration_ms: 2000,
      speech_started_at: 1234567890,
      session: { id: SESSION_ID },
    });
    expect(event).toMatchObject({
      type: "assistant_speak",
      text: "Hello! How can I help?",
      duration_ms: 2000,
      speech_started_at: 1234567890,
    });
    expect(utteranceOf(event)).toBe("");
  });

  it("assistant_speak with ssml and without text or timing (optional fields)", () => {
    expect(parsed({ type: "assistant_speak", ssml: "<speak>Hi</speak>", session: { id: SESSION_ID } })).toMatchObject({
      ssml: "<speak>Hi</speak>",
    });
    expect(parsed({ type: "assistant_speak", session: { id: SESSION_ID } }).type).toBe("assistant_speak");
  });

  it("assistant_speech_ended", () => {
    expect(parsed({ type: "assistant_speech_ended", session: { id: SESSION_ID } })).toEqual({
      type: "assistant_speech_ended",
      session: { id: SESSION_ID },
    });
  });

  it("user_input_timeout", () => {
    expect(parsed({ type: "user_input_timeout", session: fullSession })).toEqual({
      type: "user_input_timeout",
      session: fullSession,
    });
  });

  it("session_end", () => {
    expect(parsed({ type: "session_end", session: { id: SESSION_ID } })).toEqual({
      type: "session_end",
      session: { id: SESSION_ID },
    });
  });
});

describe("parseEvent: additions seen in sipgate's own code", () => {
  it("dtmf_received with every key of a phone pad", () => {
    for (const digit of ["0", "1", "9", "*", "#", "A", "D"]) {
      expect(parsed({ type: "dtmf_received", digit, session: { id: SESSION_ID } }), digit).toMatchObject({
        type: "dtmf_received",
        digit,
      });
    }
  });

  it("user_barge_in with text", () => {
    const event = parsed({ type: "user_barge_in", text: "Stop, please", session: { id: SESSION_ID } });
    expect(event.type).toBe("user_barge_in");
    expect(utteranceOf(event)).toBe("Stop, please");
  });

  it("older user_speak events carrying transcript instead of text", () => {
    const event = parsed({
      type: "user_speak",
      transcript: "I would like to speak to sales",
      session: { id: SESSION_ID },
    });
    expect(utteranceOf(event)).toBe("I would like to speak to sales");
  });

  it("text wins over transcript when an event has both", () => {
    expect(
      utteranceOf(parsed({ type: "user_speak", text: "new", transcript: "old", session: { id: SESSION_ID } })),
    ).toBe("new");
  });

  it("session_end with a reason", () => {
    expect(parsed({ type: "session_end", reason: "caller_hangup", session: { id: SESSION_ID } })).toMatchObject({
      reason: "caller_hangup",
    });
  });

  it("unknown extra fields, on the event and on the session, are accepted and kept", () => {
    const event = parsed({
      type: "user_speak",
      text: "Hi",
      language: "de-DE",
      confidence: 0.93,
      session: { id: SESSION_ID, sip_call_id: "abc@pbx", tenant: { a: 1 } },
    });
    expect(event).toMatchObject({
      language: "de-DE",
      confidence: 0.93,
      session: { id: SESSION_ID, sip_call_id: "abc@pbx", tenant: { a: 1 } },
    });
  });

  it("non-ASCII speech and a 20,000-character transcript", () => {
    expect(
      utteranceOf(
        parsed({ type: "user_speak", text: "Grüß Gott, ich heiße Zoë 👋 日本語", session: { id: SESSION_ID } }),
      ),
    ).toBe("Grüß Gott, ich heiße Zoë 👋 日本語");
    const long = "blah ".repeat(4000);
    expect(long).toHaveLength(20_000);
    expect(utteranceOf(parsed({ type: "user_speak", text: long, session: { id: SESSION_ID } }))).toBe(long);
  });
});

describe("parseEvent: wrong events name the wrong field", () => {
  it("a missing session.id", () => {
    expect(refused({ type: "session_start", session: { account_id: "account-123" } })).toEqual({
      field: "session.id",
      error: "session.id is required.",
    });
  });

  it("a blank session.id", () => {
    expect(refused({ type: "user_input_timeout", session: { id: "   " } })).toEqual({
      field: "session.id",
      error: "session.id is required.",
    });
  });

  it("a missing session", () => {
    expect(refused({ type: "session_start" })).toEqual({ field: "session", error: "session is required." });
  });

  it("an unknown type", () => {
    const { field, error } = refused({ type: "call_started", session: { id: SESSION_ID } });
    expect(field).toBe("type");
    expect(error).toContain('"call_started" is not an AI Flow event');
    expect(error).toContain("session_start");
  });

  it("no type at all", () => {
    expect(refused({ session: { id: SESSION_ID } }).field).toBe("type");
    expect(refused({ type: 7, session: { id: SESSION_ID } }).field).toBe("type");
  });

  it("user_speak with neither text nor transcript", () => {
    expect(refused({ type: "user_speak", session: { id: SESSION_ID } })).toEqual({
      field: "text",
      error: "text is required.",
    });
  });

  it("user_speak whose text is not a string", () => {
    expect(refused({ type: "user_speak", text: 42, session: { id: SESSION_ID } }).field).toBe("text");
  });

  it("a transcript longer than 20,000 characters", () => {
    expect(refused({ type: "user_speak", text: "x".repeat(20_001), session: { id: SESSION_ID } })).toEqual({
      field: "text",
      error: "text has more than 20,000 characters.",
    });
  });

  it("user_barge_in without text", () => {
    expect(refused({ type: "user_barge_in", session: { id: SESSION_ID } })).toEqual({
      field: "text",
      error: "text is required.",
    });
  });

  it("a DTMF digit that is no key", () => {
    for (const digit of ["x", "12", "", "E"]) {
      const { field, error } = refused({ type: "dtmf_received", digit, session: { id: SESSION_ID } });
      expect(field, digit).toBe("digit");
      expect(error, digit).toBe("digit must be one of 0-9, *, #, A-D.");
    }
    expect(refused({ type: "dtmf_received", session: { id: SESSION_ID } })).toEqual({
      field: "digit",
      error: "digit is required.",
    });
  });

  it("a direction other than inbound or outbound", () => {
    expect(refused({ type: "session_start", session: { id: SESSION_ID, direction: "sideways" } })).toEqual({
      field: "session.direction",
      error: 'session.direction must be "inbound" or "outbound".',
    });
  });

  it("a body that is not an object", () => {
    for (const body of [null, "session_start", 3, [{ type: "session_start", session: { id: SESSION_ID } }]]) {
      expect(refused(body), JSON.stringify(body)).toEqual({ field: "_", error: "The event must be a JSON object." });
    }
  });
});

describe("checkReply", () => {
  // The seed's action examples, in the order the seed shows them.
  const seedActions: Array<[string, Record<string, unknown>]> = [
    [
      "speak with tts and barge-in",
      {
        type: "speak",
        session_id: SESSION_ID,
        text: "Hello! How can I help you?",
        tts: { provider: "azure", language: "en-US", voice: "en-US-JennyNeural" },
        barge_in: { strategy: "minimum_characters", minimum_characters: 3 },
      },
    ],
    ["simple speak", { type: "speak", session_id: SESSION_ID, text: "Hello! How can I help you?" }],
    [
      "ssml speak",
      { type: "speak", session_id: SESSION_ID, ssml: "Please listen carefully.Your account balance is $42.50" },
    ],
    [
      "speak with ElevenLabs",
      {
        type: "speak",
        session_id: SESSION_ID,
        text: "Hello in a different voice",
        tts: { provider: "eleven_labs", voice: "21m00Tcm4TlvDq8ikWAM" },
      },
    ],
    [
      "speak with ElevenLabs default voice",
      { type: "speak", session_id: SESSION_ID, text: "Hi", tts: { provider: "eleven_labs" } },
    ],
    [
      "speak with input timeout",
      { type: "speak", session_id: SESSION_ID, text: "What is your account number?", user_input_timeout_seconds: 5 },
    ],
    [
      "audio",
      {
        type: "audio",
        session_id: SESSION_ID,
        audio: "UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQAAAAA=",
        barge_in: { strategy: "minimum_characters", minimum_characters: 3 },
      },
    ],
    ["hangup", { type: "hangup", session_id: SESSION_ID }],
    [
      "transfer",
      {
        type: "transfer",
        session_id: SESSION_ID,
        target_phone_number: "+1234567890",
        caller_id_name: "Support Department",
        caller_id_number: "+1234567890",
      },
    ],
    ["barge_in", { type: "barge_in", session_id: SESSION_ID }],
    [
      "barge-in none",
      {
        type: "speak",
        session_id: SESSION_ID,
        text: "Your verification code is 1-2-3-4-5-6.",
        barge_in: { strategy: "none" },
      },
    ],
    ["barge-in manual", { type: "speak", session_id: SESSION_ID, text: "Custom", barge_in: { strategy: "manual" } }],
    [
      "protected announcement",
      {
        type: "speak",
        session_id: SESSION_ID,
        text: "Your account number is 1234567890.",
        barge_in: { strategy: "minimum_characters", minimum_characters: 10, allow_after_ms: 2000 },
      },
    ],
    [
      "German azure voice",
      {
        type: "speak",
        session_id: SESSION_ID,
        text: "Hallo, wie kann ich Ihnen helfen?",
        tts: { provider: "azure", language: "de-DE", voice: "de-DE-KatjaNeural" },
      },
    ],
    [
      "addition: immediate barge-in",
      { type: "speak", session_id: SESSION_ID, text: "Hi", barge_in: { strategy: "immediate" } },
    ],
    [
      "range ends: 1 and 100 characters, 0 and 10,000 ms",
      {
        type: "speak",
        session_id: SESSION_ID,
        text: "Hi",
        barge_in: { strategy: "minimum_characters", minimum_characters: 100, allow_after_ms: 10_000 },
      },
    ],
  ];

  it.each(seedActions)("accepts the seed's %s", (_, action) => {
    expect(checkReply("user_speak", SESSION_ID, [action])).toBeUndefined();
  });

  it("accepts all of them together as one array reply, after any event but session_end", () => {
    const all = seedActions.map(([, a]) => a);
    for (const type of [
      "session_start",
      "user_speak",
      "user_barge_in",
      "assistant_speak",
      "assistant_speech_ended",
      "user_input_timeout",
      "dtmf_received",
    ] as const) {
      expect(checkReply(type, SESSION_ID, all), type).toBeUndefined();
    }
    expect(
      checkReply("user_speak", SESSION_ID, [
        {
          type: "speak",
          session_id: SESSION_ID,
          text: "Hi",
          barge_in: { strategy: "minimum_characters", minimum_characters: 1, allow_after_ms: 0 },
        },
      ]),
    ).toBeUndefined();
  });

  it("accepts no action at all (204), also on session_end", () => {
    expect(checkReply("user_speak", SESSION_ID, [])).toBeUndefined();
    expect(checkReply("session_end", SESSION_ID, [])).toBeUndefined();
  });

  const speak = (extra: Record<string, unknown>) => ({ type: "speak", session_id: SESSION_ID, ...extra });

  // Each rejection names what is wrong where the schema can tell.
  it.each<[string, unknown, RegExp]>([
    [
      "text and ssml both",
      speak({ text: "Hi", ssml: "<speak>Hi</speak>" }),
      /^action 0: text needs either text or ssml, not both$/,
    ],
    ["neither text nor ssml", speak({}), /^action 0: text needs either text or ssml, not both$/],
    ["empty text", speak({ text: "" }), /^action 0: text /],
    [
      "minimum_characters 0",
      speak({ text: "Hi", barge_in: { strategy: "minimum_characters", minimum_characters: 0 } }),
      /^action 0: barge_in\.minimum_characters /,
    ],
    [
      "minimum_characters 101",
      speak({ text: "Hi", barge_in: { strategy: "minimum_characters", minimum_characters: 101 } }),
      /^action 0: barge_in\.minimum_characters /,
    ],
    [
      "allow_after_ms 10001",
      speak({ text: "Hi", barge_in: { strategy: "minimum_characters", allow_after_ms: 10_001 } }),
      /^action 0: barge_in\.allow_after_ms /,
    ],
    [
      "allow_after_ms -1",
      speak({ text: "Hi", barge_in: { strategy: "minimum_characters", allow_after_ms: -1 } }),
      /^action 0: barge_in\.allow_after_ms /,
    ],
    [
      "immediate allow_after_ms 10001",
      speak({ text: "Hi", barge_in: { strategy: "immediate", allow_after_ms: 10_001 } }),
      /^action 0: barge_in\.allow_after_ms /,
    ],
    [
      "minimum_characters with strategy none",
      speak({ text: "Hi", barge_in: { strategy: "none", minimum_characters: 3 } }),
      /^action 0: barge_in/,
    ],
    ["an unknown barge-in strategy", speak({ text: "Hi", barge_in: { strategy: "sometimes" } }), /^action 0: /],
    ["an unknown TTS provider", speak({ text: "Hi", tts: { provider: "polly" } }), /^action 0: /],
    [
      "a zero input timeout",
      speak({ text: "Hi", user_input_timeout_seconds: 0 }),
      /^action 0: user_input_timeout_seconds /,
    ],
    ["an unknown field", speak({ text: "Hi", volume: 11 }), /^action 0: /],
    ["audio that is not base64", { type: "audio", session_id: SESSION_ID, audio: "not base64!" }, /^action 0: audio /],
    [
      "a transfer to a formatted number",
      {
        type: "transfer",
        session_id: SESSION_ID,
        target_phone_number: "(123) 456-7890",
        caller_id_name: "Support",
        caller_id_number: "+1234567890",
      },
      /^action 0: target_phone_number must be an E\.164 number/,
    ],
    [
      "a transfer to a number with dashes",
      {
        type: "transfer",
        session_id: SESSION_ID,
        target_phone_number: "123-456-7890",
        caller_id_name: "Support",
        caller_id_number: "+1234567890",
      },
      /^action 0: target_phone_number must be an E\.164 number/,
    ],
    [
      "a transfer to a number without +",
      {
        type: "transfer",
        session_id: SESSION_ID,
        target_phone_number: "1234567890",
        caller_id_name: "Support",
        caller_id_number: "+1234567890",
      },
      /^action 0: target_phone_number must be an E\.164 number/,
    ],
    [
      "a transfer whose caller id number is not E.164",
      {
        type: "transfer",
        session_id: SESSION_ID,
        target_phone_number: "+1234567890",
        caller_id_name: "Support",
        caller_id_number: "030 1234567",
      },
      /^action 0: caller_id_number must be an E\.164 number/,
    ],
    [
      "a transfer without caller id name",
      { type: "transfer", session_id: SESSION_ID, target_phone_number: "+1234567890", caller_id_number: "+1234567890" },
      /^action 0: /,
    ],
    ["an unknown action type", { type: "record", session_id: SESSION_ID }, /^action 0: /],
    ["an action without session_id", { type: "hangup" }, /^action 0: /],
  ])("rejects %s", (_, action, expected) => {
    expect(checkReply("user_speak", SESSION_ID, [action])).toMatch(expected);
  });

  it("names the position of the bad action in an array reply", () => {
    expect(
      checkReply("user_speak", SESSION_ID, [speak({ text: "Hi" }), speak({ text: "Hi", ssml: "<speak>Hi</speak>" })]),
    ).toMatch(/^action 1: /);
  });

  it("rejects an action for another session", () => {
    expect(checkReply("user_speak", SESSION_ID, [{ type: "hangup", session_id: "another-session" }])).toBe(
      "action 0: session_id is not the event's session",
    );
    expect(
      checkReply("user_speak", SESSION_ID, [speak({ text: "Hi" }), { type: "hangup", session_id: "another-session" }]),
    ).toBe("action 1: session_id is not the event's session");
  });

  it("rejects any action, even a valid one, on session_end", () => {
    for (const [name, action] of seedActions)
      expect(checkReply("session_end", SESSION_ID, [action]), name).toBe("session_end never gets an action");
  });
});

describe("replyBody", () => {
  const hangup: AiFlowAction = { type: "hangup", session_id: SESSION_ID };
  const hello: AiFlowAction = { type: "speak", session_id: SESSION_ID, text: "Hello" };

  it("is empty (204) for no action, the action itself for one, an array for several", () => {
    expect(replyBody([])).toBeUndefined();
    expect(replyBody([hangup])).toEqual(hangup);
    expect(replyBody([hello, hangup])).toEqual([hello, hangup]);
  });

  it("is what the action schema reads back", () => {
    expect(aiFlowActionSchema.parse(replyBody([hello]))).toEqual(hello);
  });
});
