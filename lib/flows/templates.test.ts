import { describe, expect, it } from "vitest";

import { parseEvent, type AiFlowAction } from "@/lib/aiflow/protocol";
import { compileFlow } from "@/lib/flows/compile";
import { runEventSync } from "@/lib/flows/run-event";
import { createRuntime } from "@/lib/flows/runtime";
import { flowDocumentSchema, type FlowDocument } from "@/lib/flows/schema";
import { initialState } from "@/lib/flows/session-state";
import { flowTemplates, templateById } from "@/lib/flows/templates";
import { validateFlow } from "@/lib/flows/validate";

const ids = (doc: FlowDocument) => doc.nodes.map((n) => n.id);

const SID = "550e8400-e29b-41d4-a716-446655440000";
const CALLER = "+4917612345678";

/** A call to the template's flow: each event as the platform sends it, the replies in order, as "speak: …", "transfer: +49…", "hangup". */
function call(id: string) {
  const doc = templateById(id)?.document();
  if (!doc) throw new Error(`no template ${id}`);
  const runtime = createRuntime(compileFlow(doc));
  let state = initialState();
  const send = (body: Record<string, unknown>): string[] => {
    const parsed = parseEvent({ session: { id: SID }, ...body });
    if (!parsed.ok) throw new Error(parsed.error);
    const outcome = runEventSync(runtime, state, parsed.event);
    expect(outcome.violations).toEqual([]);
    state = outcome.state;
    return outcome.actions.map(describeAction);
  };
  const session = {
    id: SID,
    account_id: "a",
    phone_number: "+4930123456",
    direction: "inbound",
    from_phone_number: CALLER,
    to_phone_number: "+4930123456",
  };
  return {
    start: () => send({ type: "session_start", session }),
    says: (text: string) => send({ type: "user_speak", text }),
    presses: (digit: string) => send({ type: "dtmf_received", digit }),
    silence: () => send({ type: "user_input_timeout" }),
    /** The platform reports the last utterance played. */
    heard: () => [
      ...send({ type: "assistant_speak", text: "…", duration_ms: 1000, speech_started_at: 1_700_000_000_000 }),
      ...send({ type: "assistant_speech_ended" }),
    ],
  };
}

function describeAction(action: AiFlowAction): string {
  if (action.type === "speak") return `speak: ${action.text ?? action.ssml ?? ""}`;
  if (action.type === "transfer") return `transfer: ${action.target_phone_number}`;
  return action.type;
}

describe("flowTemplates", () => {
  it("offers blank, reception, opening hours and appointment, each found by its id", () => {
    expect(flowTemplates.map((t) => t.id)).toEqual(["blank", "reception", "opening_hours", "appointment"]);
    for (const template of flowTemplates) expect(templateById(template.id)).toBe(template);
    expect(templateById("nope")).toBeUndefined();
  });

  for (const template of flowTemplates) {
    describe(template.name, () => {
      it("is a document the schema reads back unchanged, with nothing to fix and a program to run", () => {
        const doc = template.document();
        expect(flowDocumentSchema.parse(JSON.parse(JSON.stringify(doc)))).toEqual(doc);
        expect(validateFlow(doc)).toEqual([]);
        expect(compileFlow(doc).start).toBe("start");
        expect(() => createRuntime(compileFlow(doc))).not.toThrow();
      });

      it("places no two nodes in the same spot", () => {
        const spots = template.document().nodes.map((n) => `${n.position.x},${n.position.y}`);
        expect(new Set(spots).size).toBe(spots.length);
      });

      it("hands out a fresh copy each time", () => {
        const first = template.document();
        first.nodes.pop();
        const start = first.nodes[0];
        if (start?.kind === "start") start.text = "Changed";
        expect(template.document().nodes).toHaveLength(first.nodes.length + 1);
        expect(template.document().nodes[0]).not.toMatchObject({ text: "Changed" });
      });
    });
  }

  it("blank greets and says goodbye, nothing more", () => {
    const doc = templateById("blank")?.document();
    expect(doc && doc.nodes.map((n) => n.kind)).toEqual(["start", "hangup"]);
  });

  it("every template but blank can put the caller through to an E.164 number", () => {
    for (const template of flowTemplates.filter((t) => t.id !== "blank")) {
      const transfers = template.document().nodes.flatMap((n) => (n.kind === "transfer" ? [n.target] : []));
      expect(transfers.length, template.id).toBeGreaterThan(0);
      for (const target of transfers) expect(target).toMatch(/^\+[1-9]\d{6,14}$/);
    }
  });

  it("opening hours: keys 1, 2 and 3 lead to the hours, a person and the address", () => {
    const doc = templateById("opening_hours")?.document();
    const menu = doc?.nodes.find((n) => n.kind === "dtmf_menu");
    if (!doc || menu?.kind !== "dtmf_menu") throw new Error("no menu");
    const lead = (digit: string) => {
      const option = menu.options.find((o) => o.digit === digit);
      const target = doc.edges.find((e) => e.source === menu.id && e.sourceHandle === option?.id)?.target;
      return doc.nodes.find((n) => n.id === target);
    };
    expect(lead("1")).toMatchObject({ kind: "say", text: expect.stringContaining("open") });
    expect(lead("2")).toMatchObject({ kind: "transfer" });
    expect(lead("3")).toMatchObject({ kind: "say", text: expect.stringContaining("Berlin") });
    expect(ids(doc)).toContain("silent");
  });

  it("appointment: captures the name and the time and reads both back", () => {
    const doc = templateById("appointment")?.document();
    if (!doc) throw new Error("no template");
    const captured = doc.nodes.flatMap((n) => (n.kind === "ask" && n.captureAs ? [n.captureAs] : []));
    expect(captured).toEqual(["caller_name", "preferred_time"]);
    const readBack = doc.nodes.find((n) => n.id === "confirm");
    expect(readBack?.kind === "ask" && readBack.text).toContain("{{caller_name}}");
    expect(doc.settings.globalPhrases).toEqual([
      expect.objectContaining({ phrases: expect.arrayContaining(["agent"]), target: "transfer" }),
    ]);
  });

  describe("as a caller hears them", () => {
    it("opening hours: 1 says the hours, 9 repeats the menu, 2 puts the caller through", () => {
      const c = call("opening_hours");
      expect(c.start()).toEqual([
        "speak: Thank you for calling Demo Company. For our opening hours, press 1. To speak to someone, press 2. For our address, press 3.",
      ]);
      expect(c.presses("1")).toEqual([
        "speak: We are open Monday to Friday from 9 am to 6 pm, and on Saturdays from 10 am to 2 pm. To hear the menu again, press 9.",
      ]);
      expect(c.presses("9")[0]).toContain("press 1");
      const transfer = [...c.presses("2"), ...c.heard()];
      expect(transfer).toEqual(["speak: One moment please, I am putting you through.", "transfer: +4930123456789"]);
    });

    it("opening hours: silence at the menu ends the call with a goodbye", () => {
      const c = call("opening_hours");
      c.start();
      const heard = [...c.silence(), ...c.silence(), ...c.silence(), ...c.heard()];
      expect(heard.at(-2)).toBe("speak: I did not hear a choice. Please call again. Goodbye.");
      expect(heard.at(-1)).toBe("hangup");
    });

    it("appointment: name and time are read back, yes ends with a goodbye", () => {
      const c = call("appointment");
      c.start();
      expect(c.says("Anna Schmidt")).toEqual([
        "speak: Thank you, Anna Schmidt. Which day and time would suit you best?",
      ]);
      expect(c.says("Tuesday at ten")).toEqual(["speak: So that is Anna Schmidt, on Tuesday at ten. Is that right?"]);
      const end = [...c.says("Yes, that's right"), ...c.heard()];
      expect(end[0]).toBe(
        `speak: Thank you, Anna Schmidt. We have noted Tuesday at ten and will call you back at ${CALLER} to confirm. Goodbye, and see you soon.`,
      );
      expect(end.at(-1)).toBe("hangup");
    });

    it("appointment: no asks for the time again, and agent puts the caller through", () => {
      const c = call("appointment");
      c.start();
      c.says("Anna");
      c.says("Friday");
      expect(c.says("No, that's not right")).toEqual([
        "speak: Thank you, Anna. Which day and time would suit you best?",
      ]);
      expect([...c.says("I want an agent"), ...c.heard()]).toEqual([
        "speak: One moment, I am putting you through to our reception.",
        "transfer: +4930123456789",
      ]);
    });
  });
});
