import type { FlowDraft } from '@kefu/schemas';
import { portsOf } from '../define-node';
import type { FlowGraph } from './graph';
import { reachableFrom } from './graph';
import { guarded } from './guarded';
import type { CheckedNode } from './node-checks';
import type { FlowProblem } from './problem';

/**
 * Graph checks: exactly one trigger, edges to existing nodes and ports, one target per port, every
 * required port connected, every node reachable from the trigger.
 */
export function buildGraph(
  draft: FlowDraft,
  nodes: Map<string, CheckedNode>,
  problems: FlowProblem[],
): FlowGraph {
  const ports = new Map<string, ReturnType<typeof portsOf>>();
  for (const node of nodes.values()) {
    const def = node.def;
    if (!def || (!node.valid && def.ports)) continue;
    ports.set(node.id, guarded(node.id, problems, () => portsOf(def, node.config)) ?? []);
  }
  const next = new Map<string, Record<string, string>>([...nodes.keys()].map((id) => [id, {}]));

  const triggers = [...nodes.values()].filter((n) => n.def?.category === 'trigger');
  if (triggers.length === 0)
    problems.push({ code: 'no-trigger', field: '/nodes', message: { en: 'A flow needs one trigger node', zh: '流程需要一个触发节点' } });
  for (const extra of triggers.slice(1))
    problems.push({
      code: 'many-triggers',
      nodeId: extra.id,
      field: `/nodes/${extra.index}/type`,
      message: { en: 'A flow can have only one trigger node', zh: '流程只能有一个触发节点' },
    });

  const draftIds = new Set(draft.nodes.map((n) => n.id));
  draft.edges.forEach((edge, index) => {
    const source = nodes.get(edge.source);
    if (!source) {
      if (!draftIds.has(edge.source))
        problems.push(edgeProblem('edge-missing-node', index, 'source', undefined, `from a missing node "${edge.source}"`, `来自不存在的节点 "${edge.source}"`));
      return;
    }
    if (!nodes.has(edge.target)) {
      problems.push(edgeProblem('edge-missing-node', index, 'target', edge.source, `to a missing node "${edge.target}"`, `指向不存在的节点 "${edge.target}"`));
      return;
    }
    const sourcePorts = ports.get(edge.source);
    if (sourcePorts && !sourcePorts.some((p) => p.name === edge.sourcePort)) {
      problems.push(edgeProblem('edge-unknown-port', index, 'sourcePort', edge.source, `from unknown port "${edge.sourcePort}"`, `来自未知端口 "${edge.sourcePort}"`));
      return;
    }
    const outs = next.get(edge.source) as Record<string, string>;
    const existing = outs[edge.sourcePort];
    if (existing !== undefined && existing !== edge.target) {
      problems.push({
        code: 'port-used-twice',
        nodeId: edge.source,
        field: `/edges/${index}/sourcePort`,
        message: { en: `Port "${edge.sourcePort}" already leads to another node`, zh: `端口 "${edge.sourcePort}" 已连接到其他节点` },
      });
      return;
    }
    outs[edge.sourcePort] = edge.target;
  });

  for (const node of nodes.values()) {
    const outs = next.get(node.id) ?? {};
    for (const port of ports.get(node.id) ?? []) {
      if (port.required && outs[port.name] === undefined)
        problems.push({
          code: 'port-unconnected',
          nodeId: node.id,
          field: `/ports/${port.name}`,
          message: { en: `Connect the "${port.label.en}" port`, zh: `请连接“${port.label.zh}”端口` },
        });
    }
  }

  const startId = triggers.length === 1 ? (triggers[0] as CheckedNode).id : undefined;
  if (startId) {
    const reached = reachableFrom(startId, next);
    for (const node of nodes.values())
      if (!reached.has(node.id))
        problems.push({
          code: 'unreachable',
          nodeId: node.id,
          field: '',
          message: { en: 'No path from the trigger reaches this node', zh: '从触发节点无法到达此节点' },
        });
  }
  return { nodes, ports, next, startId };
}

function edgeProblem(
  code: 'edge-missing-node' | 'edge-unknown-port',
  index: number,
  prop: string,
  nodeId: string | undefined,
  en: string,
  zh: string,
): FlowProblem {
  return {
    code,
    ...(nodeId ? { nodeId } : {}),
    field: `/edges/${index}/${prop}`,
    message: { en: `A connection goes ${en}`, zh: `连接线无效：${zh}` },
  };
}
