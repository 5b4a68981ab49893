import { isWaitingKind, type FlowNode } from "./schema";

/** Cycles that pass through no waiting node (Tarjan's strongly connected components). */
export function silentCycles(nodes: readonly FlowNode[], out: Map<string, Map<string, string>>): string[][] {
  const silent = new Set(nodes.filter((n) => !isWaitingKind(n.kind)).map((n) => n.id));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const successors = (id: string) => [...(out.get(id)?.values() ?? [])].filter((t) => silent.has(t));

  // Iterative, so a 2,000-node chain cannot overflow the stack.
  for (const root of silent) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; next: number; succ: string[] }> = [];
    const open = (id: string) => {
      index.set(id, counter);
      low.set(id, counter++);
      stack.push(id);
      onStack.add(id);
      work.push({ id, next: 0, succ: successors(id) });
    };
    open(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (!frame) break;
      if (frame.next < frame.succ.length) {
        const w = frame.succ[frame.next++] ?? "";
        if (!index.has(w)) open(w);
        else if (onStack.has(w)) low.set(frame.id, Math.min(low.get(frame.id) ?? 0, index.get(w) ?? 0));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) ?? 0, low.get(frame.id) ?? 0));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let w: string | undefined;
        do {
          w = stack.pop();
          if (w === undefined) break;
          onStack.delete(w);
          component.unshift(w);
        } while (w !== frame.id);
        const selfLoop = component.length === 1 && successors(frame.id).includes(frame.id);
        if (component.length > 1 || selfLoop) cycles.push(component);
      }
    }
  }
  return cycles;
}
