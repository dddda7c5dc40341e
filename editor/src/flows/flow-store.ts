import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import { create } from 'zustand';
import { findNode, type LocalText } from '@kefu/nodes';
import type { FlowProblem } from '@kefu/nodes/compiler';
import type { FlowDraft, FlowKind } from '@kefu/schemas';
import { defaultConfig } from './catalog';
import type { ClipboardContent } from './clipboard';
import { refuseConnection } from './connection-rules';
import { docFromDraft, draftFromDoc, edgeId, type FlowDoc, type FlowNode, type FlowVariable } from './draft';
import { pushPast, stepBack, stepForward, type History } from './history';
import { tidyLayout } from './layout';
import type { Trace } from './trace';

export interface FocusRequest {
  nodeId: string;
  field: string;
  /** Changes on every request, so asking twice for one field focuses it twice. */
  seq: number;
}

export interface FlowState extends FlowDoc {
  history: History<FlowDoc>;
  /** Bumped by every change to the document (not by selection or measuring): autosave and validation watch it. */
  revisionSeq: number;
  problems: FlowProblem[];
  problemsByNode: Record<string, FlowProblem[]>;
  checking: boolean;
  focus: FocusRequest | null;
  notice: LocalText | null;
  snapToGrid: boolean;
  /** Node ids added / changed since the compared version, drawn on the canvas. */
  diff: { added: string[]; changed: string[] } | null;
  /** A simulation's path lit on the canvas (null: none running). */
  trace: Trace | null;
  /** Viewers (analysts) see the flow but cannot change it. */
  readOnly: boolean;

  load(draft: FlowDraft): void;
  onNodesChange(changes: NodeChange<FlowNode>[]): void;
  onEdgesChange(changes: EdgeChange[]): void;
  /** Called when a drag starts: the move becomes one undo step. */
  beginMove(): void;
  connect(connection: Connection): void;
  addNode(type: string, position: XYPosition): string | null;
  updateConfig(id: string, config: Record<string, unknown>): void;
  updateCaption(id: string, label: string): void;
  setMeta(meta: { name?: string; kind?: FlowKind; description?: string }): void;
  setVariables(variables: FlowVariable[]): void;
  deleteSelected(): void;
  duplicateSelected(): void;
  paste(content: ClipboardContent, offset?: XYPosition): void;
  selectAll(): void;
  selectOnly(id: string): void;
  undo(): void;
  redo(): void;
  tidy(): void;
  setSnap(on: boolean): void;
  setProblems(problems: FlowProblem[]): void;
  setChecking(checking: boolean): void;
  focusProblem(problem: FlowProblem): void;
  /** The form focused the field: a later remount of the form must not steal focus again. */
  clearFocus(): void;
  showNotice(notice: LocalText | null): void;
  setDiff(diff: FlowState['diff']): void;
  setTrace(trace: Trace | null): void;
  setReadOnly(readOnly: boolean): void;
}

const docOf = (s: FlowState): FlowDoc => ({
  name: s.name,
  kind: s.kind,
  description: s.description,
  nodes: s.nodes,
  edges: s.edges,
  variables: s.variables,
});

let idCounter = 0;
function newNodeId(type: string, taken: ReadonlySet<string>): string {
  for (;;) {
    idCounter += 1;
    const id = `${type}-${Math.random().toString(36).slice(2, 6)}${idCounter.toString(36)}`;
    if (!taken.has(id)) return id;
  }
}

/** Coalesces a burst of typing in one settings form into one undo step. */
let lastEditKey: string | null = null;

export const useFlowStore = create<FlowState>((set, get) => {
  /** Starts an undoable step: the document as it is now goes on the undo stack. */
  const record = (editKey: string | null = null) => {
    const s = get();
    if (editKey !== null && editKey === lastEditKey) return;
    lastEditKey = editKey;
    set({ history: pushPast(s.history, docOf(s)) });
  };
  const change = (patch: Partial<FlowState>) => set((s) => ({ ...patch, revisionSeq: s.revisionSeq + 1 }));

  return {
    ...docFromDraft({ schemaVersion: 1, name: '', kind: 'custom', nodes: [], edges: [] }),
    history: { past: [], future: [] },
    revisionSeq: 0,
    problems: [],
    problemsByNode: {},
    checking: false,
    focus: null,
    notice: null,
    snapToGrid: true,
    diff: null,
    trace: null,
    readOnly: false,

    load(draft) {
      lastEditKey = null;
      set({
        ...docFromDraft(draft),
        history: { past: [], future: [] },
        revisionSeq: 0,
        problems: [],
        problemsByNode: {},
        diff: null,
        trace: null,
        focus: null,
      });
    },
    onNodesChange(changes) {
      const edits = changes.some(
        (c) => c.type === 'position' || c.type === 'remove' || c.type === 'add' || c.type === 'replace',
      );
      if (changes.some((c) => c.type === 'remove')) record();
      const nodes = applyNodeChanges(changes, get().nodes);
      if (edits) change({ nodes });
      else set({ nodes });
    },
    onEdgesChange(changes) {
      const removes = changes.some((c) => c.type === 'remove');
      if (removes) record();
      const edges = applyEdgeChanges(changes, get().edges);
      if (removes) change({ edges });
      else set({ edges });
    },
    beginMove() {
      record();
    },
    connect(connection) {
      const s = get();
      const refused = refuseConnection(connection, s);
      if (refused) {
        set({ notice: refused });
        return;
      }
      record();
      const port = connection.sourceHandle ?? '';
      change({
        edges: [
          ...s.edges,
          {
            id: edgeId(connection.source, port),
            source: connection.source,
            sourceHandle: port,
            target: connection.target,
          },
        ],
      });
    },
    addNode(type, position) {
      const def = findNode(type);
      if (!def) return null;
      const s = get();
      record();
      const id = newNodeId(type, new Set(s.nodes.map((n) => n.id)));
      const node: FlowNode = {
        id,
        type: 'kefu',
        position,
        selected: true,
        data: { type, config: defaultConfig(def) },
      };
      change({ nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node] });
      return id;
    },
    updateConfig(id, config) {
      record(`config:${id}`);
      change({ nodes: get().nodes.map((n) => (n.id === id ? { ...n, data: { ...n.data, config } } : n)) });
    },
    updateCaption(id, label) {
      record(`caption:${id}`);
      change({
        nodes: get().nodes.map((n) =>
          n.id === id ? { ...n, data: { ...n.data, label: label || undefined } } : n,
        ),
      });
    },
    setMeta(meta) {
      record(`meta`);
      change(meta);
    },
    setVariables(variables) {
      record('variables');
      change({ variables });
    },
    deleteSelected() {
      const s = get();
      const gone = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id));
      const edges = s.edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target));
      if (gone.size === 0 && edges.length === s.edges.length) return;
      record();
      change({ nodes: s.nodes.filter((n) => !gone.has(n.id)), edges });
    },
    duplicateSelected() {
      const s = get();
      const doc = draftFromDoc({ ...docOf(s), nodes: s.nodes.filter((n) => n.selected) });
      const ids = new Set(doc.nodes.map((n) => n.id));
      get().paste({
        nodes: doc.nodes,
        edges: doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
      });
    },
    paste(content, offset = { x: 40, y: 40 }) {
      if (content.nodes.length === 0) return;
      const s = get();
      record();
      const taken = new Set(s.nodes.map((n) => n.id));
      const renamed = new Map<string, string>();
      const nodes: FlowNode[] = content.nodes.map((n) => {
        const id = newNodeId(n.type, taken);
        taken.add(id);
        renamed.set(n.id, id);
        const at = n.position ?? { x: 0, y: 0 };
        return {
          id,
          type: 'kefu',
          selected: true,
          position: { x: at.x + offset.x, y: at.y + offset.y },
          data: { type: n.type, config: structuredClone(n.config), ...(n.label ? { label: n.label } : {}) },
        };
      });
      const edges = content.edges.flatMap((e) => {
        const source = renamed.get(e.source);
        const target = renamed.get(e.target);
        return source && target
          ? [{ id: edgeId(source, e.sourcePort), source, sourceHandle: e.sourcePort, target }]
          : [];
      });
      change({
        nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...nodes],
        edges: [...s.edges.map((e) => (e.selected ? { ...e, selected: false } : e)), ...edges],
      });
    },
    selectAll() {
      set({ nodes: get().nodes.map((n) => ({ ...n, selected: true })) });
    },
    selectOnly(id) {
      set({
        nodes: get().nodes.map((n) =>
          n.id === id
            ? n.selected
              ? n
              : { ...n, selected: true }
            : n.selected
              ? { ...n, selected: false }
              : n,
        ),
        edges: get().edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
      });
    },
    undo() {
      const s = get();
      const step = stepBack(s.history, docOf(s));
      if (!step) return;
      lastEditKey = null;
      change({ ...step.snapshot, history: step.history });
    },
    redo() {
      const s = get();
      const step = stepForward(s.history, docOf(s));
      if (!step) return;
      lastEditKey = null;
      change({ ...step.snapshot, history: step.history });
    },
    tidy() {
      const s = get();
      record();
      change({ nodes: tidyLayout(s.nodes, s.edges) });
    },
    setSnap(on) {
      set({ snapToGrid: on });
    },
    setProblems(problems) {
      const problemsByNode: Record<string, FlowProblem[]> = {};
      for (const p of problems) if (p.nodeId) (problemsByNode[p.nodeId] ??= []).push(p);
      set({ problems, problemsByNode, checking: false });
    },
    setChecking(checking) {
      set({ checking });
    },
    focusProblem(problem) {
      if (!problem.nodeId) return;
      get().selectOnly(problem.nodeId);
      set({ focus: { nodeId: problem.nodeId, field: problem.field, seq: (get().focus?.seq ?? 0) + 1 } });
    },
    clearFocus() {
      set({ focus: null });
    },
    showNotice(notice) {
      set({ notice });
    },
    setDiff(diff) {
      set({ diff });
    },
    setTrace(trace) {
      set({ trace });
    },
    setReadOnly(readOnly) {
      set({ readOnly });
    },
  };
});

/** The document as a draft, for saving, validating and copying. */
export const currentDraft = (): FlowDraft => draftFromDoc(docOf(useFlowStore.getState()));
