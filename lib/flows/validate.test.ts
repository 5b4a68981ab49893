import { describe, expect, it } from "vitest";

import { compileFlow, FlowCompileError } from "@/lib/flows/compile";
import { echoFlow } from "@/lib/flows/examples/echo";
import { receptionFlow } from "@/lib/flows/examples/reception";
import { flowDocumentSchema, type FlowDocument } from "@/lib/flows/schema";
import { hasErrors, validateFlow, type FlowIssue } from "@/lib/flows/validate";
import { silentWav, toBase64 } from "@/lib/flows/wav";
import { flow, type Drawn, type Extras } from "@/lib/test/flow-builder";

// ---- nodes used throughout ----

const start: Drawn = { id: "start", kind: "start", text: "Welcome." };
const ask: Drawn = {
  id: "ask",
  kind: "ask",
  text: "Sales or support?",
  branches: [
    { id: "sales", match: "keywords", keywords: ["sales"] },
    { id: "other", match: "anything" },
  ],
};
const bye: Drawn = { id: "bye", kind: "hangup", goodbye: "Goodbye." };
const baseEdges = ["start>ask", "ask.sales>bye", "ask.other>bye", "ask.no_input>bye"];

/** start → ask → hangup, with nothing wrong: each test adds one mistake. */
const base = (extra: Drawn[] = [], edges: string[] = [], extras: Extras = {}) =>
  flow([start, ask, bye, ...extra], [...baseEdges, ...edges], extras);

const summary = (issues: readonly FlowIssue[]) =>
  issues.map((i) => `${i.severity} ${i.code}${i.nodeId ? ` @${i.nodeId}` : ""}${i.field ? ` .${i.field}` : ""}`);
const issuesOf = (doc: FlowDocument) => summary(validateFlow(doc));
const only = (doc: FlowDocument, code: string) => validateFlow(doc).filter((i) => i.code === code);

describe("validateFlow", () => {
  it("finds nothing wrong with the base flow", () => {
    expect(validateFlow(base())).toEqual([]);
  });

  it("both example flows have no errors", () => {
    for (const example of [receptionFlow, echoFlow]) {
      const issues = validateFlow(flowDocumentSchema.parse(example));
      expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    }
    // The reception flow is the demo: not even a warning.
    expect(validateFlow(flowDocumentSchema.parse(receptionFlow))).toEqual([]);
  });

  it("lists errors before warnings", () => {
    const issues = validateFlow(
      base(
        [
          { id: "orphan", kind: "say", text: "Never heard." },
          { id: "loose", kind: "say", text: "" },
        ],
        ["orphan>bye", "loose>bye"],
      ),
    );
    const severities = issues.map((i) => i.severity);
    expect(severities).toContain("error");
    expect(severities).toContain("warning");
    expect(severities).toEqual([...severities].sort());
  });

  describe("structure", () => {
    it("unreachable: a warning, not an error", () => {
      const doc = base([{ id: "orphan", kind: "say", text: "Never heard." }], ["orphan>bye"]);
      expect(issuesOf(doc)).toEqual(["warning unreachable @orphan"]);
      expect(only(doc, "unreachable")[0]?.message).toBe('say "orphan" can never be reached.');
      expect(hasErrors(validateFlow(doc))).toBe(false);
    });

    it("unreachable: a node reached only by a global phrase counts as reachable", () => {
      const agent: Drawn = {
        id: "agent",
        kind: "transfer",
        target: "+493012345678",
        callerIdName: "Reception",
        callerIdNumber: "+493012345600",
      };
      expect(
        issuesOf(
          base([agent], [], { settings: { globalPhrases: [{ id: "g", phrases: ["agent"], target: "agent" }] } }),
        ),
      ).toEqual([]);
      expect(issuesOf(base([agent]))).toEqual(["warning unreachable @agent"]);
    });

    it("exit_unconnected: a say whose next leads nowhere", () => {
      const doc = flow([start, { id: "hello", kind: "say", text: "Hello." }], ["start>hello"]);
      expect(issuesOf(doc)).toEqual(["error exit_unconnected @hello .next"]);
      expect(only(doc, "exit_unconnected")[0]?.message).toBe('Exit "next" of say "hello" is not connected.');
    });

    it("exit_unconnected: an ask's branch, named by its label, and no_match without a catch-all", () => {
      const strict: Drawn = {
        id: "ask",
        kind: "ask",
        text: "Sales?",
        branches: [{ id: "sales", label: "Sales team", match: "keywords", keywords: ["sales"] }],
      };
      const doc = flow([start, strict, bye], ["start>ask", "ask.no_input>bye"]);
      expect(issuesOf(doc)).toEqual(["error exit_unconnected @ask .sales", "error exit_unconnected @ask .no_match"]);
      expect(only(doc, "exit_unconnected")[0]?.message).toContain('Exit "Sales team"');
    });

    it("no_input_unhandled: an ask without a no_input edge", () => {
      const doc = flow([start, ask, bye], ["start>ask", "ask.sales>bye", "ask.other>bye"]);
      expect(issuesOf(doc)).toEqual(["error no_input_unhandled @ask .no_input"]);
      expect(only(doc, "no_input_unhandled")[0]?.message).toContain('connect its "no_input" exit');
    });

    it("no_input_unhandled: a DTMF menu without a no_input edge", () => {
      const menu: Drawn = { id: "menu", kind: "dtmf_menu", text: "Press 1.", options: [{ id: "one", digit: "1" }] };
      expect(issuesOf(flow([start, menu, bye], ["start>menu", "menu.one>bye", "menu.no_match>bye"]))).toEqual([
        "error no_input_unhandled @menu .no_input",
      ]);
    });

    it("loop_without_waiting: say → say → say → back", () => {
      const doc = flow(
        [
          start,
          { id: "a", kind: "say", text: "A." },
          { id: "b", kind: "say", text: "B." },
          { id: "c", kind: "say", text: "C." },
        ],
        ["start>a", "a>b", "b>c", "c>a"],
      );
      expect(issuesOf(doc)).toEqual(["error loop_without_waiting @a"]);
      expect(only(doc, "loop_without_waiting")[0]?.message).toBe(
        'say "a" → say "b" → say "c" loop and speak without ever waiting for the caller.',
      );
    });

    it("loop_without_waiting: a node that leads to itself, and a silent loop of conditions", () => {
      expect(issuesOf(flow([start, { id: "a", kind: "say", text: "A." }], ["start>a", "a>a"]))).toEqual([
        "error loop_without_waiting @a",
      ]);
      const doc = flow(
        [
          start,
          { id: "x", kind: "set_variable", assignments: [{ name: "n", value: "1" }] },
          { id: "y", kind: "condition", rules: [] },
        ],
        ["start>x", "x>y", "y.else>x"],
      );
      expect(issuesOf(doc)).toEqual(["error loop_without_waiting @x", "warning no_rules @y .rules"]);
      expect(only(doc, "loop_without_waiting")[0]?.message).not.toContain("speak");
    });

    it("a loop through an ask is fine: the caller is waited for on every round", () => {
      const doc = flow(
        [start, { id: "a", kind: "say", text: "A." }, { id: "b", kind: "say", text: "B." }, ask, bye],
        ["start>a", "a>b", "b>ask", "ask.sales>a", "ask.other>b", "ask.no_input>bye"],
      );
      expect(validateFlow(doc)).toEqual([]);
    });

    it("no_start", () => {
      const doc = flow([{ id: "hello", kind: "say", text: "Hi." }, bye], ["hello>bye"]);
      expect(issuesOf(doc)).toEqual(["error no_start"]);
    });

    it("second_start", () => {
      expect(issuesOf(base([{ id: "start2", kind: "start" }], ["start2>bye"]))).toEqual(["error second_start @start2"]);
    });

    it("duplicate_node", () => {
      expect(issuesOf(base([{ id: "bye", kind: "end" }]))).toContain("error duplicate_node @bye");
    });

    it("duplicate_edge, edge_source, edge_target, edge_exit, exit_twice", () => {
      const doc = base();
      const edge = (id: string, source: string, sourceHandle: string, target: string) => ({
        id,
        source,
        sourceHandle,
        target,
      });
      const broken: FlowDocument = {
        ...doc,
        edges: [
          ...doc.edges,
          edge("e0", "ask", "sales", "bye"),
          edge("x1", "ghost", "next", "bye"),
          edge("x2", "ask", "sales", "ghost"),
          edge("x3", "ask", "maybe", "bye"),
          edge("x4", "start", "next", "ask"),
        ],
      };
      expect(issuesOf(broken)).toEqual([
        "error duplicate_edge",
        "error exit_twice @ask .sales",
        "error edge_source",
        "error edge_target @ask .sales",
        "error edge_exit @ask .maybe",
        "error exit_twice @start .next",
      ]);
    });
  });

  describe("transfer numbers", () => {
    const transfer = (fields: Partial<{ target: string; callerIdName: string; callerIdNumber: string }>): Drawn => ({
      id: "agent",
      kind: "transfer",
      target: "+493012345678",
      callerIdName: "Reception",
      callerIdNumber: "+493012345600",
      ...fields,
    });
    const withTransfer = (fields: Parameters<typeof transfer>[0]) =>
      flow([start, ask, bye, transfer(fields)], ["start>ask", "ask.sales>agent", "ask.other>bye", "ask.no_input>bye"]);

    it("a valid number is fine", () => {
      const doc = withTransfer({});
      expect(validateFlow(doc)).toEqual([]);
    });

    it("number_invalid: not E.164 is an error", () => {
      for (const target of ["030 1234567", "(123) 456-7890", "123-456-7890", "0049301234567", "+0301234567"]) {
        const doc = withTransfer({ target });
        expect(issuesOf(doc), target).toEqual(["error number_invalid @agent .target"]);
      }
      const doc = withTransfer({ callerIdNumber: "0301234567" });
      expect(issuesOf(doc)).toEqual(["error number_invalid @agent .callerIdNumber"]);
      expect(only(doc, "number_invalid")[0]?.message).toBe(
        'A caller id number of transfer "agent" must be E.164, like +493012345678 (not "0301234567").',
      );
    });

    it("number_unlikely: E.164 but in use nowhere is a warning", () => {
      const doc = withTransfer({ target: "+99912345678" });
      expect(issuesOf(doc)).toEqual(["warning number_unlikely @agent .target"]);
      expect(hasErrors(validateFlow(doc))).toBe(false);
    });

    it("number_missing and caller_id_name", () => {
      const doc = withTransfer({ target: " ", callerIdName: "" });
      expect(issuesOf(doc)).toEqual([
        "error number_missing @agent .target",
        "error caller_id_name @agent .callerIdName",
      ]);
    });
  });

  describe("barge-in", () => {
    const say = (bargeIn: NonNullable<Extract<Drawn, { kind: "say" }>["bargeIn"]>): Drawn => ({
      id: "hello",
      kind: "say",
      text: "Hello.",
      bargeIn,
    });
    const withSay = (node: Drawn) => flow([start, node, bye], ["start>hello", "hello>bye"]);

    it.each([
      [0, 'Barge-in minimum characters of say "hello" must be 1–100, not 0.'],
      [101, 'Barge-in minimum characters of say "hello" must be 1–100, not 101.'],
    ])("barge_in_range: minimum_characters %i", (minimum_characters, message) => {
      const doc = withSay(say({ strategy: "minimum_characters", minimum_characters }));
      expect(issuesOf(doc)).toEqual(["error barge_in_range @hello .bargeIn.minimum_characters"]);
      expect(only(doc, "barge_in_range")[0]?.message).toBe(message);
    });

    it.each([-1, 10_001])("barge_in_range: allow_after_ms %i", (allow_after_ms) => {
      expect(issuesOf(withSay(say({ strategy: "minimum_characters", allow_after_ms })))).toEqual([
        "error barge_in_range @hello .bargeIn.allow_after_ms",
      ]);
      expect(issuesOf(withSay(say({ strategy: "immediate", allow_after_ms })))).toEqual([
        "error barge_in_range @hello .bargeIn.allow_after_ms",
      ]);
    });

    it("the ends of the ranges are fine", () => {
      expect(
        validateFlow(withSay(say({ strategy: "minimum_characters", minimum_characters: 1, allow_after_ms: 0 }))),
      ).toEqual([]);
      expect(
        validateFlow(withSay(say({ strategy: "minimum_characters", minimum_characters: 100, allow_after_ms: 10_000 }))),
      ).toEqual([]);
    });

    it("barge_in_range in the flow settings names no node", () => {
      const doc = base([], [], { settings: { bargeIn: { strategy: "minimum_characters", minimum_characters: 0 } } });
      expect(issuesOf(doc)).toEqual(["error barge_in_range .bargeIn.minimum_characters"]);
      expect(only(doc, "barge_in_range")[0]?.message).toContain("of the flow settings");
    });

    it("barge_in_unused: a setting the strategy ignores is a warning", () => {
      expect(issuesOf(withSay(say({ strategy: "none", allow_after_ms: 500 })))).toEqual([
        "warning barge_in_unused @hello .bargeIn",
      ]);
      expect(issuesOf(withSay(say({ strategy: "immediate", minimum_characters: 3 })))).toEqual([
        "warning barge_in_unused @hello .bargeIn",
      ]);
    });
  });

  describe("speech", () => {
    it("text_and_ssml", () => {
      const doc = flow(
        [start, { id: "hello", kind: "say", text: "Hello.", ssml: "<speak>Hello.</speak>" }, bye],
        ["start>hello", "hello>bye"],
      );
      expect(issuesOf(doc)).toEqual(["error text_and_ssml @hello .text"]);
    });

    it("no_text: a say with nothing to say", () => {
      expect(
        issuesOf(flow([start, { id: "hello", kind: "say", text: "  " }, bye], ["start>hello", "hello>bye"])),
      ).toEqual(["error no_text @hello .text"]);
    });

    it("ssml_root: SSML that does not start with <speak>", () => {
      expect(
        issuesOf(flow([start, { id: "hello", kind: "say", ssml: "Hello" }, bye], ["start>hello", "hello>bye"])),
      ).toEqual(["warning ssml_root @hello .ssml"]);
    });

    it("no_prompt: an ask without text is a warning", () => {
      const silentAsk: Drawn = { ...ask, text: undefined };
      expect(issuesOf(flow([start, silentAsk, bye], baseEdges))).toEqual(["warning no_prompt @ask .text"]);
    });
  });

  describe("variables", () => {
    const saying = (text: string, extra: Drawn[] = [], edges: string[] = [], extras: Extras = {}) =>
      flow([start, ...extra, { id: "hello", kind: "say", text }, bye], [...edges, "hello>bye"], extras);

    it("unknown_variable: a {{name}} nothing sets", () => {
      const doc = saying("Hello {{nmae}}.", [], ["start>hello"]);
      expect(issuesOf(doc)).toEqual(["error unknown_variable @hello .text"]);
      expect(only(doc, "unknown_variable")[0]?.message).toBe(
        '{{nmae}} is not a variable of this flow (in say "hello").',
      );
    });

    it("built-in variables are known", () => {
      expect(
        validateFlow(
          saying(
            "You called {{ called_number }} from {{caller_number}} ({{session_id}}, {{account_id}}, {{direction}}, {{last_utterance}}, {{last_digit}}).",
            [],
            ["start>hello"],
          ),
        ),
      ).toEqual([]);
    });

    it("declared variables are known", () => {
      expect(
        validateFlow(
          saying("This is {{company}}.", [], ["start>hello"], { variables: [{ name: "company", initial: "Demo" }] }),
        ),
      ).toEqual([]);
    });

    it("captured variables are known", () => {
      const capture: Drawn = {
        id: "name",
        kind: "ask",
        text: "Your name?",
        captureAs: "name",
        branches: [{ id: "any", match: "anything" }],
      };
      expect(
        validateFlow(saying("Hello {{name}}.", [capture], ["start>name", "name.any>hello", "name.no_input>bye"])),
      ).toEqual([]);
    });

    it("set and fetched variables are known", () => {
      const set: Drawn = {
        id: "set",
        kind: "set_variable",
        assignments: [{ name: "greeting", value: "Hi {{caller_number}}" }],
      };
      const fetch: Drawn = {
        id: "fetch",
        kind: "http_request",
        url: "https://crm.example.com/lookup?n={{caller_number}}",
        responseMap: [{ variable: "customer", path: "name" }],
      };
      const doc = saying(
        "{{greeting}}, {{customer}}.",
        [set, fetch],
        ["start>set", "set>fetch", "fetch.ok>hello", "fetch.failed>hello"],
      );
      expect(validateFlow(doc)).toEqual([]);
    });

    it("unknown_variable in reprompts, announcements, goodbyes, conditions, assignments, URLs and headers", () => {
      const doc = flow(
        [
          start,
          { ...ask, reprompt: "Still there, {{who}}?" },
          {
            id: "cond",
            kind: "condition",
            rules: [{ id: "r", variable: "tier", operator: "equals", value: "{{level}}" }],
          },
          { id: "set", kind: "set_variable", assignments: [{ name: "x", value: "{{y}}" }] },
          {
            id: "fetch",
            kind: "http_request",
            url: "https://{{host}}/x",
            headers: [{ name: "Authorization", value: "Bearer {{token}}" }],
          },
          {
            id: "agent",
            kind: "transfer",
            target: "+493012345678",
            callerIdName: "R",
            callerIdNumber: "+493012345600",
            announcement: "Connecting {{who}}.",
          },
          { id: "bye", kind: "hangup", goodbye: "Bye {{who}}." },
        ],
        [
          "start>ask",
          "ask.sales>cond",
          "ask.other>agent",
          "ask.no_input>bye",
          "cond.r>set",
          "cond.else>set",
          "set>fetch",
          "fetch.ok>bye",
          "fetch.failed>bye",
        ],
      );
      expect(issuesOf(doc).filter((i) => i.includes("unknown_variable"))).toEqual([
        "error unknown_variable @ask .reprompt",
        "error unknown_variable @cond .r",
        "error unknown_variable @cond .r",
        "error unknown_variable @set .assignments.0",
        "error unknown_variable @fetch .url",
        "error unknown_variable @fetch .headers.0",
        "error unknown_variable @agent .announcement",
        "error unknown_variable @bye .goodbye",
      ]);
    });

    // The runtime looks the rule's variable up as written, so "customer name", "{{tier}}" or
    // " tier" are never set and the rule always sees "": the flow silently takes the wrong exit.
    it.each(["customer name", "{{tier}}", " tier"])(
      "a condition rule on %j, which cannot be a variable, is an error",
      (variable) => {
        const doc = flow(
          [
            start,
            { id: "cond", kind: "condition", rules: [{ id: "r", variable, operator: "equals", value: "gold" }] },
            bye,
          ],
          ["start>cond", "cond.r>bye", "cond.else>bye"],
          { variables: [{ name: "tier", initial: "gold" }] },
        );
        expect(hasErrors(validateFlow(doc))).toBe(true);
      },
    );

    it("variable_name: an assignment or response field into something that is not a name", () => {
      const set: Drawn = { id: "set", kind: "set_variable", assignments: [{ name: "first name", value: "x" }] };
      const fetch: Drawn = {
        id: "fetch",
        kind: "http_request",
        url: "https://example.com",
        responseMap: [{ variable: "1st", path: "a" }],
      };
      expect(
        issuesOf(flow([start, set, fetch, bye], ["start>set", "set>fetch", "fetch.ok>bye", "fetch.failed>bye"])),
      ).toEqual(["error variable_name @set .assignments.0", "error variable_name @fetch .responseMap.0"]);
    });
  });

  describe("asks, menus, conditions", () => {
    it("no_branches", () => {
      expect(
        issuesOf(
          flow(
            [start, { id: "ask", kind: "ask", text: "?" }, bye],
            ["start>ask", "ask.no_match>bye", "ask.no_input>bye"],
          ),
        ),
      ).toEqual(["error no_branches @ask .branches"]);
    });

    it("branch_keywords: a keyword branch without keywords", () => {
      const doc = flow(
        [
          start,
          {
            ...ask,
            branches: [
              { id: "sales", match: "keywords", keywords: [" "] },
              { id: "other", match: "anything" },
            ],
          },
          bye,
        ],
        baseEdges,
      );
      expect(issuesOf(doc)).toEqual(["error branch_keywords @ask .sales"]);
    });

    it("branch_regex: a pattern that does not compile, and no pattern at all", () => {
      const regexAsk = (pattern: string | undefined): Drawn => ({
        ...ask,
        branches: [
          { id: "sales", match: "regex", pattern },
          { id: "other", match: "anything" },
        ],
      });
      expect(issuesOf(flow([start, regexAsk("(\\d+"), bye], baseEdges))).toEqual(["error branch_regex @ask .sales"]);
      expect(only(flow([start, regexAsk("(\\d+"), bye], baseEdges), "branch_regex")[0]?.message).toContain(
        "is not a valid regular expression",
      );
      expect(issuesOf(flow([start, regexAsk(undefined), bye], baseEdges))).toEqual(["error branch_regex @ask .sales"]);
      expect(validateFlow(flow([start, regexAsk("(\\d{4,})"), bye], baseEdges))).toEqual([]);
    });

    const menu = (options: Array<{ id: string; digit: string }>): Drawn => ({
      id: "menu",
      kind: "dtmf_menu",
      text: "Press a key.",
      options,
    });
    const menuEdges = (ids: string[]) => [
      "start>menu",
      ...ids.map((id) => `menu.${id}>bye`),
      "menu.no_match>bye",
      "menu.no_input>bye",
    ];

    it("dtmf_twice: the same key for two options", () => {
      const doc = flow(
        [
          start,
          menu([
            { id: "a", digit: "1" },
            { id: "b", digit: "2" },
            { id: "c", digit: "1" },
          ]),
          bye,
        ],
        menuEdges(["a", "b", "c"]),
      );
      expect(issuesOf(doc)).toEqual(["error dtmf_twice @menu .c"]);
      expect(only(doc, "dtmf_twice")[0]?.message).toBe('Key 1 is used twice in dtmf menu "menu".');
    });

    it("dtmf_digit: an option without a key", () => {
      const doc = flow(
        [
          start,
          menu([
            { id: "a", digit: "" },
            { id: "b", digit: "x" },
          ]),
          bye,
        ],
        menuEdges(["a", "b"]),
      );
      expect(issuesOf(doc)).toEqual(["error dtmf_digit @menu .a", "error dtmf_digit @menu .b"]);
    });

    it("no_options and a menu with nothing to say (no_text)", () => {
      const doc = flow([start, { id: "menu", kind: "dtmf_menu" }, bye], menuEdges([]));
      expect(issuesOf(doc)).toEqual(["error no_text @menu .text", "error no_options @menu .options"]);
    });

    const condition = (
      rules: Array<{ id: string; variable: string; operator: "equals" | "matches" | "greater_than"; value: string }>,
    ): Drawn => ({ id: "cond", kind: "condition", rules });
    const condEdges = (ids: string[]) => ["start>cond", ...ids.map((id) => `cond.${id}>bye`), "cond.else>bye"];

    it("rule_variable, rule_regex, rule_number", () => {
      const doc = flow(
        [
          start,
          condition([
            { id: "a", variable: " ", operator: "equals", value: "x" },
            { id: "b", variable: "caller_number", operator: "matches", value: "[0-9" },
            { id: "c", variable: "last_digit", operator: "greater_than", value: "five" },
          ]),
          bye,
        ],
        condEdges(["a", "b", "c"]),
      );
      expect(issuesOf(doc)).toEqual([
        "error rule_variable @cond .a",
        "error rule_regex @cond .b",
        "error rule_number @cond .c",
      ]);
    });

    it("no_rules and no_assignments are warnings", () => {
      expect(issuesOf(flow([start, condition([]), bye], condEdges([])))).toEqual(["warning no_rules @cond .rules"]);
      expect(issuesOf(flow([start, { id: "set", kind: "set_variable" }, bye], ["start>set", "set>bye"]))).toEqual([
        "warning no_assignments @set .assignments",
      ]);
    });
  });

  describe("audio, AI, HTTP, global phrases", () => {
    const audioFlow = (audio: { name: string; data: string } | undefined) =>
      flow([start, { id: "music", kind: "play_audio", audio }, bye], ["start>music", "music>bye"]);

    it("a 16 kHz mono WAV is fine", () => {
      expect(validateFlow(audioFlow({ name: "hold.wav", data: toBase64(silentWav(200)) }))).toEqual([]);
    });

    it("audio_format: an 8 kHz WAV", () => {
      const wav = silentWav(200);
      new DataView(wav.buffer).setUint32(24, 8000, true);
      const doc = audioFlow({ name: "hold.wav", data: toBase64(wav) });
      expect(issuesOf(doc)).toEqual(["error audio_format @music .audio"]);
      expect(only(doc, "audio_format")[0]?.message).toMatch(/^hold\.wav: .*8000 Hz instead of 16 kHz/);
    });

    it("no_audio", () => {
      expect(issuesOf(audioFlow(undefined))).toEqual(["error no_audio @music .audio"]);
    });

    it("no_fallback: an AI reply needs words for when no model answers", () => {
      const doc = flow(
        [start, { id: "ai", kind: "ai_reply", instructions: "Help.", fallback: " " }, bye],
        ["start>ai", "ai>bye"],
      );
      expect(issuesOf(doc)).toEqual(["error no_fallback @ai .fallback"]);
    });

    it("no_url, url_invalid, response_path", () => {
      const fetch = (url: string, path = "name"): Drawn => ({
        id: "fetch",
        kind: "http_request",
        url,
        responseMap: [{ variable: "customer", path }],
      });
      const doc = (node: Drawn) => flow([start, node, bye], ["start>fetch", "fetch.ok>bye", "fetch.failed>bye"]);
      expect(issuesOf(doc(fetch("")))).toEqual(["error no_url @fetch .url"]);
      expect(issuesOf(doc(fetch("ftp://example.com/x")))).toEqual(["error url_invalid @fetch .url"]);
      expect(issuesOf(doc(fetch("https://example.com/x", " ")))).toEqual(["error response_path @fetch .responseMap.0"]);
      expect(validateFlow(doc(fetch("https://{{caller_number}}.example.com/x")))).toEqual([]);
    });

    it("global_target: a global phrase to a missing node", () => {
      const doc = base([], [], { settings: { globalPhrases: [{ id: "g", phrases: ["agent"], target: "operator" }] } });
      expect(issuesOf(doc)).toEqual(["error global_target .settings.globalPhrases.0"]);
      expect(only(doc, "global_target")[0]?.message).toBe('Global phrase "agent" jumps to a missing node.');
    });

    it("global_empty: a global phrase without words", () => {
      expect(
        issuesOf(base([], [], { settings: { globalPhrases: [{ id: "g", phrases: [" "], target: "bye" }] } })),
      ).toEqual(["warning global_empty .settings.globalPhrases.0"]);
    });
  });
});

describe("compileFlow refuses a flow with errors", () => {
  it("throws FlowCompileError carrying the issues", () => {
    const doc = flow([start, { id: "hello", kind: "say", text: "Hi {{nobody}}." }], ["start>hello"]);
    let thrown: unknown;
    try {
      compileFlow(doc);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(FlowCompileError);
    const error = thrown instanceof FlowCompileError ? thrown : undefined;
    expect(error?.issues.map((i) => i.code).sort()).toEqual(["exit_unconnected", "unknown_variable"]);
    expect(error?.message).toMatch(/^The flow has 2 error\(s\): /);
  });

  it("compiles a flow with warnings only, and both examples", () => {
    expect(() => compileFlow(base([{ id: "orphan", kind: "end" }]))).not.toThrow();
    expect(compileFlow(flowDocumentSchema.parse(receptionFlow)).start).toBe("start");
    expect(compileFlow(flowDocumentSchema.parse(echoFlow)).start).toBe("start");
  });

  it("compiles with skipValidation what validation would refuse", () => {
    const doc = flow([start, { id: "hello", kind: "say", text: "Hi." }], ["start>hello"]);
    expect(() => compileFlow(doc)).toThrow(FlowCompileError);
    expect(compileFlow(doc, { skipValidation: true }).nodes.hello).toEqual({
      kind: "say",
      speech: { text: "Hi." },
      next: null,
    });
  });
});
