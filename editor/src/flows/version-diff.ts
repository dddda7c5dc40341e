import type { FlowDraft } from '@kefu/schemas';

export interface DraftDiff {
  added: string[];
  removed: string[];
  changed: string[];
  edgesAdded: number;
  edgesRemoved: number;
}

/** What changed from `from` to `to`: nodes by id (type, caption or config; moves are not changes) and edges. */
export function diffDrafts(from: FlowDraft, to: FlowDraft): DraftDiff {
  const before = new Map(from.nodes.map((n) => [n.id, n]));
  const after = new Map(to.nodes.map((n) => [n.id, n]));
  const body = (n: FlowDraft['nodes'][number]) => JSON.stringify([n.type, n.label ?? '', n.config]);
  const edgeKey = (e: FlowDraft['edges'][number]) => `${e.source}:${e.sourcePort}>${e.target}`;
  const edgesBefore = new Set(from.edges.map(edgeKey));
  const edgesAfter = new Set(to.edges.map(edgeKey));
  return {
    added: [...after.keys()].filter((id) => !before.has(id)),
    removed: [...before.keys()].filter((id) => !after.has(id)),
    changed: [...after.entries()]
      .filter(([id, n]) => before.has(id) && body(before.get(id)!) !== body(n))
      .map(([id]) => id),
    edgesAdded: [...edgesAfter].filter((k) => !edgesBefore.has(k)).length,
    edgesRemoved: [...edgesBefore].filter((k) => !edgesAfter.has(k)).length,
  };
}
