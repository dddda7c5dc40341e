import dagre from '@dagrejs/dagre';
import type { FlowEdge, FlowNode } from './draft';

const DEFAULT_SIZE = { width: 220, height: 100 };

/** Left-to-right layered layout (dagre), ports on the right leading to nodes further right. */
export function tidyLayout(nodes: FlowNode[], edges: FlowEdge[]): FlowNode[] {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) {
    graph.setNode(node.id, {
      width: node.measured?.width ?? DEFAULT_SIZE.width,
      height: node.measured?.height ?? DEFAULT_SIZE.height,
    });
  }
  for (const edge of edges) graph.setEdge(edge.source, edge.target);
  dagre.layout(graph);
  return nodes.map((node) => {
    const placed = graph.node(node.id);
    if (!placed) return node;
    // dagre gives centres; React Flow positions are top-left corners.
    return { ...node, position: { x: placed.x - placed.width / 2, y: placed.y - placed.height / 2 } };
  });
}
