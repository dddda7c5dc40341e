import { findNode, waitsOn, type LocalText } from '@kefu/nodes';
import { isTrigger, nodePorts } from './catalog';

export interface ConnectionEnds {
  source: string | null;
  sourceHandle?: string | null;
  target: string | null;
}

interface GraphView {
  nodes: readonly { id: string; data: { type: string; config: unknown } }[];
  edges: readonly { source: string; sourceHandle?: string | null }[];
}

/**
 * Why the catalog refuses this edge, or null when it is allowed. The same rules the compiler checks
 * (unknown port, a port used twice, an edge into a trigger, a loop that cannot wait), applied while
 * the owner drags so a bad edge is never drawn.
 */
export function refuseConnection(connection: ConnectionEnds, graph: GraphView): LocalText | null {
  const source = graph.nodes.find((n) => n.id === connection.source);
  const target = graph.nodes.find((n) => n.id === connection.target);
  if (!source || !target) return { en: 'Connect to a node', zh: '请连接到一个节点' };
  const port = connection.sourceHandle ?? '';
  if (!nodePorts(source.data.type, source.data.config).some((p) => p.name === port))
    return { en: `This node has no port "${port}"`, zh: `此节点没有端口 "${port}"` };
  if (graph.edges.some((e) => e.source === source.id && e.sourceHandle === port))
    return { en: 'This port is already connected', zh: '此端口已连接' };
  if (isTrigger(findNode(target.data.type)))
    return { en: 'A trigger starts the flow; nothing can lead into it', zh: '触发器是流程的起点，不能连入' };
  const def = findNode(source.data.type);
  if (source.id === target.id && (!def || !waitsOn(def, port)))
    return {
      en: 'A node that does not wait cannot lead back to itself (the loop would spin)',
      zh: '不等待的节点不能连回自身（会无限循环）',
    };
  return null;
}
