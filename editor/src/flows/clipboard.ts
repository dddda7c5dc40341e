import type { FlowDraftEdge, FlowDraftNode } from '@kefu/schemas';
import { draftFromDoc, type FlowDoc } from './draft';

const FORMAT = 'kefu-flow-clipboard';

export interface ClipboardContent {
  nodes: FlowDraftNode[];
  edges: FlowDraftEdge[];
}

/** The selection as draft JSON (plain text, so it pastes into another flow, tab or browser window). */
export function selectionToClipboard(doc: FlowDoc): string | null {
  const nodes = doc.nodes.filter((n) => n.selected);
  if (nodes.length === 0) return null;
  const ids = new Set(nodes.map((n) => n.id));
  const draft = draftFromDoc({
    ...doc,
    nodes,
    edges: doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
  });
  return JSON.stringify({ format: FORMAT, nodes: draft.nodes, edges: draft.edges });
}

/** Reads pasted text; anything that is not our clipboard JSON is ignored. */
export function clipboardFromText(text: string): ClipboardContent | null {
  try {
    const value = JSON.parse(text) as { format?: unknown; nodes?: unknown; edges?: unknown };
    if (value?.format !== FORMAT || !Array.isArray(value.nodes) || !Array.isArray(value.edges)) return null;
    const nodes = value.nodes.filter(
      (n): n is FlowDraftNode =>
        typeof n === 'object' &&
        n !== null &&
        typeof n.id === 'string' &&
        typeof n.type === 'string' &&
        typeof n.config === 'object',
    );
    const edges = value.edges.filter(
      (e): e is FlowDraftEdge =>
        typeof e === 'object' &&
        e !== null &&
        typeof e.source === 'string' &&
        typeof e.target === 'string' &&
        typeof e.sourcePort === 'string',
    );
    return { nodes, edges };
  } catch {
    return null;
  }
}

/** Last copied selection, for browsers that refuse clipboard reads to a button click. */
export const LOCAL_CLIPBOARD_KEY = 'kefu.flow-clipboard';
