import type { Edge, Node } from '@xyflow/react';
import { DRAFT_SCHEMA_VERSION, type FlowDraft, type FlowKind } from '@kefu/schemas';

export interface FlowNodeData extends Record<string, unknown> {
  type: string;
  config: Record<string, unknown>;
  /** The owner's own caption. */
  label?: string;
}
export type FlowNode = Node<FlowNodeData, 'kefu'>;
export type FlowEdge = Edge;
export type FlowVariable = NonNullable<FlowDraft['variables']>[number];

/** The document the designer edits: what undo/redo restores and autosave writes. */
export interface FlowDoc {
  name: string;
  kind: FlowKind;
  description?: string;
  nodes: FlowNode[];
  edges: FlowEdge[];
  variables: FlowVariable[];
}

export const edgeId = (source: string, port: string) => `e-${source}-${port}`;

export function docFromDraft(draft: FlowDraft): FlowDoc {
  return {
    name: draft.name,
    kind: draft.kind,
    description: draft.description,
    nodes: draft.nodes.map((n, i) => ({
      id: n.id,
      type: 'kefu',
      position: n.position ?? { x: 280 * (i % 5), y: 160 * Math.floor(i / 5) },
      data: { type: n.type, config: { ...n.config }, ...(n.label ? { label: n.label } : {}) },
    })),
    edges: draft.edges.map((e) => ({
      id: e.id ?? edgeId(e.source, e.sourcePort),
      source: e.source,
      sourceHandle: e.sourcePort,
      target: e.target,
    })),
    variables: draft.variables ?? [],
  };
}

export function draftFromDoc(doc: FlowDoc): FlowDraft {
  return {
    schemaVersion: DRAFT_SCHEMA_VERSION,
    name: doc.name,
    kind: doc.kind,
    ...(doc.description ? { description: doc.description } : {}),
    nodes: doc.nodes.map((n) => ({
      id: n.id,
      type: n.data.type,
      config: n.data.config,
      ...(n.data.label ? { label: n.data.label } : {}),
      position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
    })),
    edges: doc.edges.map((e) => ({
      id: e.id,
      source: e.source,
      sourcePort: e.sourceHandle ?? '',
      target: e.target,
    })),
    variables: doc.variables,
  };
}

export function emptyDraft(name: string, kind: FlowKind = 'custom'): FlowDraft {
  return { schemaVersion: DRAFT_SCHEMA_VERSION, name, kind, nodes: [], edges: [], variables: [] };
}
