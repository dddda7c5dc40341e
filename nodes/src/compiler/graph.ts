import type { PortDeclaration } from '../define-node';
import type { CheckedNode } from './node-checks';

/** The checked flow as a graph: each node's ports and where each connected port leads. */
export interface FlowGraph {
  nodes: Map<string, CheckedNode>;
  /** Absent for a node whose ports cannot be known (unknown type, or invalid config of a node with config-driven ports). */
  ports: Map<string, readonly PortDeclaration<string>[]>;
  next: Map<string, Record<string, string>>;
  startId: string | undefined;
}

/** Node ids reachable from `start` (including it), in a deterministic order. */
export function reachableFrom(start: string, next: FlowGraph['next']): Set<string> {
  const seen = new Set<string>([start]);
  const queue = [start];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const target of Object.values(next.get(id) ?? {})) {
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return seen;
}
