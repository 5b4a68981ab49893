import { describe, expect, it } from "vitest";

import { receptionFlow } from "@/lib/flows/examples/reception";
import {
  addNode,
  autoLayout,
  clipboardSchema,
  connect,
  copyNodes,
  disconnect,
  moveNodes,
  newExitId,
  newNode,
  pasteNodes,
  removeNodes,
  updateNode,
} from "@/lib/flows/ops";
import {
  flowDocumentSchema,
  flowNodeKinds,
  flowNodeSchema,
  type FlowDocument,
  type FlowNode,
} from "@/lib/flows/schema";
import { validateFlow } from "@/lib/flows/validate";
import { flow, type Drawn } from "@/lib/test/flow-builder";

/** Frozen all the way down: an op that changes its input throws. */
function frozen<T>(value: T): T {
  if (value && typeof value === "object") for (const v of Object.values(value)) frozen(v);
  return Object.freeze(value);
}

const start: Drawn = { id: "start", kind: "start", text: "Welcome." };
const ask: Drawn = {
  id: "ask",
  kind: "ask",
  text: "Sales or support?",
  branches: ["sales", "support"].map((id) => ({ id, match: "keywords", keywords: [id] })),
};
const bye: Drawn = { id: "bye", kind: "hangup", goodbye: "Goodbye." };
const agent: Drawn = {
  id: "agent",
  kind: "transfer",
  target: "+4930123456789",
  callerIdName: "Reception",
  callerIdNumber: "+4930123456700",
};
/** start → ask → (sales: agent, support/no_match/no_input: bye), "agent" jumps to the transfer. */
const globalPhrases = [{ id: "g", phrases: ["agent"], target: "agent" }];
const base = () =>
  frozen(
    flow(
      [start, ask, bye, agent],
      ["start>ask", "ask.sales>agent", "ask.support>bye", "ask.no_match>bye", "ask.no_input>bye"],
      { settings: { globalPhrases } },
    ),
  );
function node(doc: FlowDocument, id: string): FlowNode {
  const found = doc.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
}
const links = (doc: FlowDocument) => doc.edges.map((e) => `${e.source}.${e.sourceHandle}>${e.target}`).sort();
const reception = () => frozen(flowDocumentSchema.parse(receptionFlow));

describe("newNode", () => {
  it("gives every kind a complete node, as the schema would read it", () => {
    for (const kind of flowNodeKinds) {
      const created = newNode(kind, { x: 10, y: 20 }, new Set());
      expect(flowNodeSchema.parse(created)).toEqual(created);
      expect(created.position).toEqual({ x: 10, y: 20 });
    }
  });

  it("names the node after its kind with the first free number", () => {
    const doc = flow([start, { id: "ask_1", kind: "ask" }, { id: "ask_3", kind: "ask" }], []);
    expect(newNode("ask", { x: 0, y: 0 }, doc).id).toBe("ask_2");
    expect(newNode("dtmf_menu", { x: 0, y: 0 }, doc).id).toBe("menu_1");
    const taken = new Set(["say_1"]);
    expect(newNode("say", { x: 0, y: 0 }, taken).id).toBe("say_2");
    expect([...taken]).toEqual(["say_1"]);
  });

  it("starts an ask with yes/no branches and a keypad menu with keys 1 and 2", () => {
    const created = newNode("ask", { x: 0, y: 0 }, new Set());
    expect(created.kind === "ask" && created.branches.map((b) => [b.id, b.keywords.length > 0])).toEqual([
      ["yes", true],
      ["no", true],
    ]);
    const menu = newNode("dtmf_menu", { x: 0, y: 0 }, new Set());
    expect(menu.kind === "dtmf_menu" && menu.options.map((o) => o.digit)).toEqual(["1", "2"]);
    expect(newNode("transfer", { x: 0, y: 0 }, new Set())).toMatchObject({ target: "", callerIdName: "" });
    expect(newNode("say", { x: 0, y: 0 }, new Set())).toMatchObject({ text: "" });
  });

  it("makes an ask that, once connected, needs nothing but a prompt", () => {
    const created = newNode("ask", { x: 0, y: 0 }, new Set(["start", "bye"]));
    let doc = addNode(flow([start, bye], []), created);
    for (const [source, sourceHandle, target] of [
      ["start", "next", created.id],
      [created.id, "yes", "bye"],
      [created.id, "no", "bye"],
      [created.id, "no_match", "bye"],
      [created.id, "no_input", "bye"],
    ])
      doc = connect(doc, { source: source ?? "", sourceHandle: sourceHandle ?? "", target: target ?? "" });
    expect(validateFlow(doc).map((i) => i.code)).toEqual(["no_prompt"]);
  });

  it("gives a new branch, option or rule an id none of the node's exits has", () => {
    const created = newNode("dtmf_menu", { x: 0, y: 0 }, new Set());
    expect(newExitId(created, "key")).toBe("key_3");
    expect(newExitId(created, "no")).toBe("no_1");
  });
});

describe("addNode", () => {
  it("appends the node and leaves the input alone", () => {
    const doc = base();
    const next = addNode(doc, newNode("say", { x: 0, y: 0 }, doc));
    expect(next.nodes.map((n) => n.id)).toEqual(["start", "ask", "bye", "agent", "say_1"]);
    expect(doc.nodes).toHaveLength(4);
  });

  it("refuses a taken id and a second start", () => {
    const doc = base();
    expect(addNode(doc, { id: "bye", kind: "end", position: { x: 0, y: 0 } })).toBe(doc);
    expect(addNode(doc, newNode("start", { x: 0, y: 0 }, doc))).toBe(doc);
  });
});

describe("updateNode", () => {
  it("replaces the node and keeps its connections", () => {
    const doc = base();
    const next = updateNode(doc, "bye", { id: "bye", kind: "hangup", position: { x: 0, y: 0 }, goodbye: "See you." });
    expect(node(next, "bye")).toMatchObject({ goodbye: "See you." });
    expect(links(next)).toEqual(links(doc));
  });

  it("drops the connection of a removed branch and keeps the others", () => {
    const doc = base();
    const old = node(doc, "ask");
    if (old.kind !== "ask") throw new Error("not an ask");
    const next = updateNode(doc, "ask", { ...old, branches: old.branches.filter((b) => b.id !== "sales") });
    expect(links(next)).toEqual(["ask.no_input>bye", "ask.no_match>bye", "ask.support>bye", "start.next>ask"]);
  });

  it("drops every outgoing connection when the node becomes a kind without exits, but keeps incoming ones", () => {
    expect(links(updateNode(base(), "ask", { id: "ask", kind: "hangup", position: { x: 0, y: 0 } }))).toEqual([
      "start.next>ask",
    ]);
  });

  it("carries a new id over to connections and global phrases", () => {
    const next = updateNode(base(), "agent", { ...node(base(), "agent"), id: "reception" });
    expect(links(next)).toContain("ask.sales>reception");
    expect(next.settings.globalPhrases[0]?.target).toBe("reception");
  });

  it("refuses an unknown node, a taken id, and a start that changes kind or a second start", () => {
    const doc = base();
    expect(updateNode(doc, "nope", node(doc, "agent"))).toBe(doc);
    expect(updateNode(doc, "agent", { ...node(doc, "agent"), id: "bye" })).toBe(doc);
    expect(updateNode(doc, "start", { id: "start", kind: "say", position: { x: 0, y: 0 }, text: "Hi" })).toBe(doc);
    expect(updateNode(doc, "bye", { id: "bye", kind: "start", position: { x: 0, y: 0 } })).toBe(doc);
  });
});

describe("removeNodes", () => {
  it("removes the nodes with their connections in and out", () => {
    const next = removeNodes(base(), ["ask"]);
    expect(next.nodes.map((n) => n.id)).toEqual(["start", "bye", "agent"]);
    expect(next.edges).toEqual([]);
  });

  it("leaves a global phrase that jumped to a removed node without a target", () => {
    const next = removeNodes(base(), ["agent"]);
    expect(next.settings.globalPhrases).toEqual([{ id: "g", phrases: ["agent"], target: "" }]);
    expect(links(next)).not.toContain("ask.sales>agent");
  });

  it("keeps the start node, removing the others asked for", () => {
    const doc = base();
    expect(removeNodes(doc, ["start"])).toBe(doc);
    expect(removeNodes(doc, ["start", "bye", "unknown"]).nodes.map((n) => n.id)).toEqual(["start", "ask", "agent"]);
  });
});

describe("moveNodes", () => {
  it("moves the named nodes and leaves the others as they were", () => {
    const doc = base();
    const next = moveNodes(doc, { bye: { x: 300, y: 40 } });
    expect(node(next, "bye").position).toEqual({ x: 300, y: 40 });
    expect(node(next, "ask")).toBe(node(doc, "ask"));
  });

  it("ignores unknown ids, including names every object has", () => {
    const doc = frozen(flow([start, { id: "toString", kind: "end" }], ["start>toString"]));
    expect(moveNodes(doc, { nope: { x: 1, y: 1 } })).toBe(doc);
    expect(moveNodes(doc, {})).toBe(doc);
  });
});

describe("connect and disconnect", () => {
  it("connects a free exit", () => {
    const doc = frozen(flow([start, bye], []));
    expect(links(connect(doc, { source: "start", sourceHandle: "next", target: "bye" }))).toEqual(["start.next>bye"]);
  });

  it("replaces the earlier connection of the same exit, with an id no connection has", () => {
    const next = connect(base(), { source: "ask", sourceHandle: "sales", target: "bye" });
    expect(links(next).filter((l) => l.startsWith("ask.sales"))).toEqual(["ask.sales>bye"]);
    expect(new Set(next.edges.map((e) => e.id)).size).toBe(next.edges.length);
  });

  it("allows a loop, even to the node itself", () => {
    expect(links(connect(base(), { source: "ask", sourceHandle: "no_match", target: "ask" }))).toContain(
      "ask.no_match>ask",
    );
  });

  it("refuses unknown nodes and exits, and does nothing for a connection that exists", () => {
    const doc = base();
    expect(connect(doc, { source: "nope", sourceHandle: "next", target: "bye" })).toBe(doc);
    expect(connect(doc, { source: "start", sourceHandle: "next", target: "nope" })).toBe(doc);
    expect(connect(doc, { source: "ask", sourceHandle: "next", target: "bye" })).toBe(doc);
    expect(connect(doc, { source: "bye", sourceHandle: "next", target: "ask" })).toBe(doc);
    expect(connect(doc, { source: "start", sourceHandle: "next", target: "ask" })).toBe(doc);
  });

  it("disconnects by connection id and ignores unknown ids", () => {
    const doc = base();
    const first = doc.edges[0]?.id ?? "";
    expect(disconnect(doc, [first]).edges.map((e) => e.id)).not.toContain(first);
    expect(disconnect(doc, ["nope"])).toBe(doc);
  });
});

describe("copyNodes and pasteNodes", () => {
  it("copies the nodes and only the connections between them", () => {
    const clip = copyNodes(base(), ["ask", "bye"]);
    expect(clip.nodes.map((n) => n.id)).toEqual(["ask", "bye"]);
    expect(clip.edges.map((e) => `${e.source}.${e.sourceHandle}>${e.target}`)).toEqual([
      "ask.support>bye",
      "ask.no_match>bye",
      "ask.no_input>bye",
    ]);
  });

  it("pastes with fresh ids, moved by the offset, connected among themselves, branches kept", () => {
    const doc = base();
    const { doc: next, pastedIds } = pasteNodes(doc, copyNodes(doc, ["ask", "bye"]), { x: 40, y: 40 });
    expect(pastedIds).toEqual(["ask_1", "hangup_1"]);
    expect(node(next, "ask_1")).toMatchObject({ text: "Sales or support?", position: { x: 40, y: 140 } });
    expect(links(next).filter((l) => l.startsWith("ask_1"))).toEqual([
      "ask_1.no_input>hangup_1",
      "ask_1.no_match>hangup_1",
      "ask_1.support>hangup_1",
    ]);
    expect(new Set(next.edges.map((e) => e.id)).size).toBe(next.edges.length);
    const again = pasteNodes(next, copyNodes(doc, ["ask", "bye"]), { x: 80, y: 80 });
    expect(again.pastedIds).toEqual(["ask_2", "hangup_2"]);
  });

  it("turns a copied start into a say with the same greeting and connection", () => {
    const doc = base();
    const { doc: next, pastedIds } = pasteNodes(doc, copyNodes(doc, ["start", "ask"]), { x: 0, y: 0 });
    expect(next.nodes.filter((n) => n.kind === "start")).toHaveLength(1);
    expect(node(next, pastedIds[0] ?? "")).toMatchObject({ kind: "say", text: "Welcome." });
    expect(links(next)).toContain(`${pastedIds[0]}.next>${pastedIds[1]}`);
  });

  it("pastes a copied start as the start into a flow that has none", () => {
    const empty = frozen(flowDocumentSchema.parse({ version: 1, nodes: [], edges: [] }));
    const { doc } = pasteNodes(empty, copyNodes(base(), ["start"]), { x: 0, y: 0 });
    expect(doc.nodes.map((n) => n.kind)).toEqual(["start"]);
  });

  it("reads a clipboard from text and ignores connections to nodes it does not hold", () => {
    const clip = clipboardSchema.parse(
      JSON.parse(JSON.stringify({ ...copyNodes(base(), ["ask"]), edges: base().edges })),
    );
    const { doc, pastedIds } = pasteNodes(base(), clip, { x: 0, y: 0 });
    expect(pastedIds).toEqual(["ask_1"]);
    expect(links(doc).filter((l) => l.includes("ask_1"))).toEqual([]);
  });
});

describe("autoLayout", () => {
  const at = (doc: FlowDocument, id: string) => node(doc, id).position;
  const say = (id: string): Drawn => ({ id, kind: "say", text: id });
  /** Nodes less than a node's height below another in the same column. */
  const overlapping = (doc: FlowDocument) => {
    const sorted = [...doc.nodes].sort((a, b) => a.position.x - b.position.x || a.position.y - b.position.y);
    return sorted
      .filter(
        (n, i) =>
          i > 0 && sorted[i - 1]?.position.x === n.position.x && n.position.y - (sorted[i - 1]?.position.y ?? 0) < 120,
      )
      .map((n) => n.id);
  };

  it("runs left to right from the start, each node right of the node before it, none on top of another", () => {
    const doc = autoLayout(reception());
    expect(at(doc, "start").x).toBe(Math.min(...doc.nodes.map((n) => n.position.x)));
    for (const [from, to] of [
      ["start", "menu"],
      ["menu", "hours"],
      ["hours", "more"],
      ["more", "goodbye"],
      ["thanks", "goodbye"],
      ["menu", "silent"],
    ])
      expect(at(doc, from ?? "").x).toBeLessThan(at(doc, to ?? "").x);
    expect(overlapping(doc)).toEqual([]);
    expect(validateFlow(doc)).toEqual([]);
  });

  it("keeps a menu's options in key order, whatever comes after them", () => {
    const menu: Drawn = {
      id: "menu",
      kind: "dtmf_menu",
      text: "1, 2 or 3?",
      options: ["1", "2", "3"].map((d) => ({ id: `k${d}`, digit: d })),
    };
    const doc = autoLayout(
      flow(
        [start, menu, say("hours"), agent, say("address"), bye, { ...bye, id: "silent" }],
        [
          "start>menu",
          "menu.k1>hours",
          "menu.k2>agent",
          "menu.k3>address",
          "menu.no_match>agent",
          "menu.no_input>silent",
          "hours>bye",
          "address>bye",
        ],
      ),
    );
    expect(["hours", "agent", "address", "silent"].map((id) => at(doc, id).y)).toEqual(
      [...["hours", "agent", "address", "silent"].map((id) => at(doc, id).y)].sort((a, b) => a - b),
    );
  });

  it("orders a column by the nodes leading into it, so connections do not cross", () => {
    // A search meets `c` first (through the menu), but only `v` leads on to it; `u` leads to `d`.
    const menu: Drawn = {
      id: "menu",
      kind: "ask",
      branches: ["e1", "e2", "e3"].map((id) => ({ id, match: "keywords", keywords: [id] })),
    };
    const doc = autoLayout(
      flow(
        [start, menu, say("u"), say("v"), say("c"), say("d"), bye],
        ["start>menu", "menu.e1>c", "menu.e2>u", "menu.e3>v", "v>c", "u>d", "c>bye", "d>bye", "menu.no_input>bye"],
      ),
    );
    expect(at(doc, "c").x).toBe(at(doc, "d").x);
    expect(at(doc, "u").y).toBeLessThan(at(doc, "v").y);
    expect(at(doc, "d").y).toBeLessThan(at(doc, "c").y);
  });

  it("lays out loops, places unreached nodes after the rest and a global phrase's target after the start", () => {
    const doc = autoLayout(
      flow(
        [start, ask, bye, agent, say("orphan")],
        ["start>ask", "ask.sales>ask", "ask.support>start", "ask.no_input>bye", "orphan>bye"],
        { settings: { globalPhrases } },
      ),
    );
    expect(at(doc, "ask").x).toBeGreaterThan(at(doc, "start").x);
    expect(at(doc, "agent").x).toBeGreaterThan(at(doc, "start").x);
    expect(at(doc, "orphan").x).toBeGreaterThan(
      Math.max(...doc.nodes.filter((n) => n.id !== "orphan").map((n) => n.position.x)),
    );
    expect(overlapping(doc)).toEqual([]);
  });

  it("places 2,000 nodes with jumps back and forth in gapless columns, without overlaps, content kept", () => {
    const nodes: Drawn[] = [start, ...Array.from({ length: 1998 }, (_, i): Drawn => ({ ...ask, id: `n${i}` })), bye];
    const jump = (i: number) => `n${(i * 7919) % 1998}`;
    const chain = frozen(
      flow(nodes, [
        "start>n0",
        ...nodes
          .slice(1, -1)
          .flatMap((n, i) => [
            `${n.id}.sales>${nodes[i + 2]?.id}`,
            `${n.id}.support>${jump(i)}`,
            `${n.id}.no_input>bye`,
          ]),
      ]),
    );
    // The same nodes, but hardly any reachable from the start: the tangle is laid out after it.
    const tangle = frozen(
      flow(nodes, [
        "start>n0",
        ...nodes
          .slice(1, -1)
          .flatMap((n, i) => [
            `${n.id}.sales>${jump(i)}`,
            `${n.id}.support>n${Math.floor(i / 2)}`,
            `${n.id}.no_input>bye`,
          ]),
      ]),
    );
    for (const doc of [chain, tangle]) {
      const laid = autoLayout(doc);
      expect(overlapping(laid)).toEqual([]);
      expect(laid.nodes.map(({ position: _, ...rest }) => rest)).toEqual(
        doc.nodes.map(({ position: _, ...rest }) => rest),
      );
      const columns = [...new Set(laid.nodes.map((n) => n.position.x))].sort((a, b) => a - b);
      expect(columns.every((x, i) => x === (columns[0] ?? 0) + i * (columns[1] ?? 0))).toBe(true);
    }
    const laid = autoLayout(chain);
    expect(nodes.slice(2, -1).filter((n, i) => at(laid, n.id).x <= at(laid, `n${i}`).x)).toEqual([]); // the "sales" chain runs rightwards
    expect(at(laid, "bye").x).toBeGreaterThan(at(laid, "n1997").x);
  });
});
