import { createContext, useContext } from 'react';
import { findNode } from '@kefu/nodes';
import type { FlowDoc } from './draft';
import { nodePorts } from './catalog';

/** Every variable the flow declares or any node sets (from the catalog's `defines`), sorted. */
export function knownVariables(doc: Pick<FlowDoc, 'nodes' | 'variables'>): string[] {
  const names = new Set(doc.variables.map((v) => v.name));
  for (const node of doc.nodes) {
    const def = findNode(node.data.type);
    if (!def?.defines) continue;
    for (const port of nodePorts(node.data.type, node.data.config)) {
      try {
        for (const name of def.defines(node.data.config, port.name)) if (name) names.add(name);
      } catch {
        // A half-filled config may not have what `defines` reads yet.
      }
    }
  }
  return [...names].sort();
}

/** Variables the settings form offers in pickers, rules and template previews. */
export const VariablesContext = createContext<readonly string[]>([]);
export const useVariables = () => useContext(VariablesContext);

/** Sample values the template preview renders with (logic-less: the real renderTemplate). */
export function previewScope(variables: readonly string[]): Record<string, unknown> {
  return {
    contact: {
      name: 'Alex Chen',
      email: 'alex@example.com',
      phone: '+86 138 0000 0000',
      attributes: { plan: 'vip' },
    },
    message: { text: 'Where is my order?' },
    channel: 'web',
    ticket: { id: 'T-1024', subject: 'Order 1024 is late', status: 'open', priority: 'normal' },
    workspace: { name: 'Demo Shop' },
    vars: Object.fromEntries(variables.map((v) => [v, `‹${v}›`])),
  };
}
