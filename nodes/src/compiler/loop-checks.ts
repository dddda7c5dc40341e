import { waitsOn } from '../define-node';
import type { FlowGraph } from './graph';
import type { FlowProblem } from './problem';

/**
 * A loop must pass a node that waits (for a person or a timer) on the way round, or the run would
 * spin through it without end. Loops are the strongly connected components of the graph made of the
 * edges that do not wait; each is reported once, on its first node by id.
 */
export function checkLoops(graph: FlowGraph, problems: FlowProblem[]): void {
  const succ = new Map<string, { port: string; target: string }[]>();
  for (const [id, outs] of graph.next) {
    const def = graph.nodes.get(id)?.def;
    succ.set(
      id,
      Object.entries(outs)
        .filter(([port]) => def === undefined || !waitsOn(def, port))
        .map(([port, target]) => ({ port, target }))
        .sort((a, b) => (a.port < b.port ? -1 : a.port > b.port ? 1 : 0)),
    );
  }
  const ids = [...graph.next.keys()].sort();
  for (const component of stronglyConnected(ids, (id) => (succ.get(id) ?? []).map((e) => e.target))) {
    const members = new Set(component);
    const first = [...component].sort()[0] as string;
    const closing = (succ.get(first) ?? []).find((e) => members.has(e.target));
    if (!closing) continue; // a single node without a self-loop
    problems.push({
      code: 'loop-without-wait',
      nodeId: first,
      field: `/ports/${closing.port}`,
      message: {
        en: `This loop (${[...component].sort().join(' → ')}) never waits for a reply or a timer, so it would run forever`,
        zh: `此循环（${[...component].sort().join(' → ')}）没有等待回复或计时器，会无限运行`,
      },
    });
  }
}

/** Tarjan's algorithm, iterative so a long chain of nodes cannot overflow the stack. */
function stronglyConnected(ids: string[], successors: (id: string) => string[]): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  const visit = (id: string) => {
    index.set(id, counter);
    low.set(id, counter);
    counter += 1;
    stack.push(id);
    onStack.add(id);
  };
  for (const root of ids) {
    if (index.has(root)) continue;
    visit(root);
    const work: { id: string; next: number }[] = [{ id: root, next: 0 }];
    while (work.length > 0) {
      const frame = work[work.length - 1] as { id: string; next: number };
      const targets = successors(frame.id);
      if (frame.next < targets.length) {
        const target = targets[frame.next] as string;
        frame.next += 1;
        if (!index.has(target)) {
          visit(target);
          work.push({ id: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.id, Math.min(low.get(frame.id) as number, index.get(target) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(frame.id) as number));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        components.push(component);
      }
    }
  }
  return components;
}
