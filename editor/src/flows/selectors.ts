import type { FlowState } from './flow-store';

// Module-level selectors: stable functions, so components re-render only when their slice changes.
export const selectNodes = (s: FlowState) => s.nodes;
export const selectEdges = (s: FlowState) => s.edges;
export const selectName = (s: FlowState) => s.name;
export const selectKind = (s: FlowState) => s.kind;
export const selectVariables = (s: FlowState) => s.variables;
export const selectProblems = (s: FlowState) => s.problems;
export const selectChecking = (s: FlowState) => s.checking;
export const selectSnap = (s: FlowState) => s.snapToGrid;
export const selectNotice = (s: FlowState) => s.notice;
export const selectFocus = (s: FlowState) => s.focus;
export const selectRevisionSeq = (s: FlowState) => s.revisionSeq;
export const selectCanUndo = (s: FlowState) => s.history.past.length > 0;
export const selectCanRedo = (s: FlowState) => s.history.future.length > 0;
export const selectIsEmpty = (s: FlowState) => s.nodes.length === 0;
export const selectDiff = (s: FlowState) => s.diff;
export const selectTrace = (s: FlowState) => s.trace;
export const selectReadOnly = (s: FlowState) => s.readOnly;
export const selectSelectionCount = (s: FlowState) =>
  s.nodes.reduce((n, node) => n + (node.selected ? 1 : 0), 0);
/** Id of the one selected node, or null when none or several are selected. */
export const selectSoleSelectedId = (s: FlowState) => {
  let found: string | null = null;
  for (const n of s.nodes) {
    if (!n.selected) continue;
    if (found) return null;
    found = n.id;
  }
  return found;
};
export const selectNodeById = (id: string | null) => (s: FlowState) =>
  id ? s.nodes.find((n) => n.id === id) : undefined;
export const selectProblemCount = (id: string) => (s: FlowState) => s.problemsByNode[id]?.length ?? 0;
