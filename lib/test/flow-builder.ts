import { flowDocumentSchema, type FlowDocument, type FlowDocumentInput } from "@/lib/flows/schema";

// A tiny flow builder for tests: nodes without positions, edges written "source.exit>target"
// ("source>target" is the "next" exit).

type NodeInput = FlowDocumentInput["nodes"][number];
type WithoutPosition<T> = T extends unknown ? Omit<T, "position"> : never;
/** A node as drawn, without its place on the canvas. */
export type Drawn = WithoutPosition<NodeInput>;
export type Extras = { settings?: FlowDocumentInput["settings"]; variables?: FlowDocumentInput["variables"] };

export function flow(nodes: Drawn[], edges: string[], extras: Extras = {}): FlowDocument {
  return flowDocumentSchema.parse({
    version: 1,
    settings: extras.settings,
    variables: extras.variables ?? [],
    nodes: nodes.map((n, i) => ({ ...n, position: { x: 0, y: i * 100 } })),
    edges: edges.map((e, i) => {
      const [from = "", target = ""] = e.split(">");
      const [source = "", sourceHandle = "next"] = from.split(".");
      return { id: `e${i}`, source, sourceHandle, target };
    }),
  });
}
