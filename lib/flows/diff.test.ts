import { describe, expect, it } from "vitest";

import { nodeName, summariseChanges } from "@/lib/flows/diff";
import { receptionFlow } from "@/lib/flows/examples/reception";
import { addNode, autoLayout, connect, moveNodes, newNode, removeNodes, updateNode } from "@/lib/flows/ops";
import { flowDocumentSchema, type FlowDocument, type FlowNode } from "@/lib/flows/schema";

const reception = (): FlowDocument => flowDocumentSchema.parse(receptionFlow);
const nodeOf = (doc: FlowDocument, id: string): FlowNode => {
  const found = doc.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
};

describe("nodeName", () => {
  it("names a node by kind and label, by kind alone when it is named after it, else by kind and id", () => {
    const doc = reception();
    expect(nodeName(nodeOf(doc, "menu"))).toBe("Ask: What do you need?");
    expect(nodeName(nodeOf(doc, "transfer"))).toBe("Transfer");
    expect(nodeName(nodeOf(doc, "silent"))).toBe("Hang up silent");
  });
});

describe("summariseChanges", () => {
  it("calls the first version the first version, with everything in it added", () => {
    const doc = reception();
    const summary = summariseChanges(undefined, doc);
    expect(summary).toMatchObject({
      text: "First version",
      removed: [],
      changed: [],
      connections: doc.edges.length,
      settings: false,
    });
    expect(summary.added).toHaveLength(doc.nodes.length);
  });

  it("reports no changes between equal documents, whatever their key order or keys left undefined", () => {
    const doc = reception();
    // As a document comes back from a jsonb column: keys reordered, `undefined` ones gone.
    const start: FlowNode = { text: "Welcome to Demo Company.", position: { y: 0, x: 0 }, kind: "start", id: "start" };
    const stored = {
      ...doc,
      nodes: doc.nodes.map((n) => (n.id === "start" ? start : n.id === "silent" ? { ...n, label: undefined } : n)),
    };
    expect(summariseChanges(doc, stored)).toEqual({
      added: [],
      removed: [],
      changed: [],
      connections: 0,
      settings: false,
      text: "No changes",
    });
  });

  it("calls moved nodes a layout change only", () => {
    const doc = reception();
    expect(summariseChanges(doc, autoLayout(doc))).toMatchObject({ changed: [], connections: 0, text: "Layout only" });
    expect(summariseChanges(doc, moveNodes(doc, { start: { x: 5, y: 5 } })).text).toBe("Layout only");
  });

  it("names added and changed nodes and counts the connections", () => {
    const before = reception();
    const menu = newNode("dtmf_menu", { x: 0, y: 0 }, before);
    let after = addNode(before, { ...menu, label: "Main menu" });
    after = addNode(after, { ...newNode("transfer", { x: 0, y: 0 }, after), id: "transfer_2" });
    after = updateNode(after, "hours", { ...nodeOf(after, "hours"), label: "Greeting", position: { x: 1, y: 1 } });
    after = connect(after, { source: "start", sourceHandle: "next", target: menu.id });
    after = connect(after, { source: menu.id, sourceHandle: "key_1", target: "menu" });
    after = connect(after, { source: menu.id, sourceHandle: "key_2", target: "transfer_2" });
    const summary = summariseChanges(before, after);
    expect(summary).toMatchObject({
      added: ["Keypad menu: Main menu", "Transfer transfer_2"],
      removed: [],
      changed: ["Say: Greeting"],
      connections: 3,
      settings: false,
    });
    expect(summary.text).toBe(
      "2 nodes added (Keypad menu: Main menu, Transfer transfer_2), 1 changed (Say: Greeting); 3 connections changed",
    );
  });

  it("counts the connections of removed nodes and shortens long lists", () => {
    const before = reception();
    const after = removeNodes(before, ["hours", "more", "take-message", "thanks", "goodbye"]);
    const summary = summariseChanges(before, after);
    expect(summary.removed).toHaveLength(5);
    expect(summary.connections).toBe(before.edges.length - after.edges.length);
    expect(summary.text).toBe(
      "5 nodes removed (Say hours, Ask: Anything else?, Ask: Take a message and 2 more); 9 connections changed",
    );
  });

  it("counts a connection that now leads elsewhere once, whatever its id", () => {
    const before = reception();
    const after = {
      ...before,
      edges: before.edges.map((e) =>
        e.id === "e-start" ? { ...e, id: "renamed", target: "transfer" } : { ...e, id: `${e.id}-copy` },
      ),
    };
    expect(summariseChanges(before, after)).toMatchObject({ connections: 1, text: "1 connection changed" });
  });

  it("notices changed settings and variables", () => {
    const before = reception();
    const tts: FlowDocument["settings"]["tts"] = { provider: "azure", language: "de-DE", voice: "de-DE-KatjaNeural" };
    const voice = { ...before, settings: { ...before.settings, tts } };
    expect(summariseChanges(before, voice)).toMatchObject({ settings: true, text: "Settings changed" });
    const variables = { ...before, variables: [{ name: "vip", initial: "no" }] };
    expect(summariseChanges(before, variables).text).toBe("Settings changed");
    const phrase = removeNodes(before, ["transfer"]);
    expect(summariseChanges(before, phrase).text).toBe(
      "1 node removed (Transfer); 2 connections changed; settings changed",
    );
  });

  it("treats a label that is only whitespace as no label", () => {
    const before = reception();
    const after = updateNode(before, "silent", { ...nodeOf(before, "silent"), label: "  " });
    expect(summariseChanges(before, after).changed).toEqual(["Hang up silent"]);
  });
});
