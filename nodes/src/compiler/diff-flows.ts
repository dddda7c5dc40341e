import type { CompiledFlow } from '@kefu/schemas';
import type { FlowDiff } from '@kefu/schemas/api';
import { canonicalJson } from './canonical-json';

/**
 * The structural difference between two compiled versions: nodes added, removed and changed (with
 * the paths inside each node that differ) and edges (node, port, target) added and removed. Lists
 * are sorted, so the same two versions always give the same diff.
 */
export function diffFlows(from: CompiledFlow, to: CompiledFlow): FlowDiff {
  const before = new Set(Object.keys(from.nodes));
  const after = new Set(Object.keys(to.nodes));
  const nodesChanged: FlowDiff['nodesChanged'] = [];
  for (const id of [...after].filter((id) => before.has(id)).sort()) {
    const fields = changedPaths(
      { type: from.nodes[id]?.type, config: from.nodes[id]?.config },
      { type: to.nodes[id]?.type, config: to.nodes[id]?.config },
      '',
    );
    if (fields.length > 0) nodesChanged.push({ nodeId: id, fields });
  }
  const edgesBefore = edgesOf(from);
  const edgesAfter = edgesOf(to);
  return {
    nodesAdded: [...after].filter((id) => !before.has(id)).sort(),
    nodesRemoved: [...before].filter((id) => !after.has(id)).sort(),
    nodesChanged,
    edgesAdded: [...edgesAfter.keys()].filter((k) => !edgesBefore.has(k)).sort().map((k) => edgesAfter.get(k) as Edge),
    edgesRemoved: [...edgesBefore.keys()].filter((k) => !edgesAfter.has(k)).sort().map((k) => edgesBefore.get(k) as Edge),
  };
}

type Edge = FlowDiff['edgesAdded'][number];

function edgesOf(flow: CompiledFlow): Map<string, Edge> {
  const edges = new Map<string, Edge>();
  for (const [source, node] of Object.entries(flow.nodes))
    for (const [port, target] of Object.entries(node.next)) edges.set(`${source}\u0000${port}\u0000${target}`, { source, port, target });
  return edges;
}

/** Paths where two JSON values differ; objects are compared key by key, anything else as a whole. */
function changedPaths(a: unknown, b: unknown, at: string): string[] {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => changedPaths(a[k], b[k], `${at}/${k}`));
  }
  return canonicalJson(a ?? null) === canonicalJson(b ?? null) ? [] : [at];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
