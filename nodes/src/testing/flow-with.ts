import type { FlowDraft } from '@kefu/schemas';
import { portsOf } from '../define-node';
import { findNode } from '../registry';

/**
 * A draft that is valid around one node under test: a trigger leads to node `n`, and every port of
 * `n` leads to its own end node. Breaking `n`'s config then breaks exactly one rule.
 */
export function flowWith(type: string, config: Record<string, unknown>): FlowDraft {
  const def = findNode(type);
  if (!def) throw new Error(`no node type ${type}`);
  let ports: string[] = [];
  try {
    ports = [...new Set(portsOf(def, config).map((p) => p.name))];
  } catch {
    ports = def.editor.ports.map((p) => p.name);
  }
  // A trigger under test is the flow's start itself.
  const isTrigger = def.category === 'trigger';
  return {
    schemaVersion: 1,
    name: `test ${type}`,
    kind: 'custom',
    nodes: [
      ...(isTrigger ? [] : [{ id: 'start', type: 'conversation-started', config: {} }]),
      { id: 'n', type, config },
      ...ports.map((p) => ({ id: `end-${p}`, type: 'end', config: {} })),
    ],
    edges: [
      ...(isTrigger ? [] : [{ source: 'start', sourcePort: 'next', target: 'n' }]),
      ...ports.map((p) => ({ source: 'n', sourcePort: p, target: `end-${p}` })),
    ],
  };
}

/** Builds a draft from a compact list: `a>b` edges use port `next`, `a.port>b` names the port. */
export function draftOf(nodes: Record<string, { type: string; config?: Record<string, unknown> }>, edges: string[]): FlowDraft {
  return {
    schemaVersion: 1,
    name: 'test',
    kind: 'custom',
    nodes: Object.entries(nodes).map(([id, n]) => ({ id, type: n.type, config: n.config ?? {} })),
    edges: edges.map((e) => {
      const [from, target] = e.split('>') as [string, string];
      const [source, sourcePort = 'next'] = from.split('.') as [string, string?];
      return { source, sourcePort, target };
    }),
  };
}
