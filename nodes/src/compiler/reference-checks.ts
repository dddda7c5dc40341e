import type { WorkspaceRef, WorkspaceRefKind } from '../define-node';
import { findNode } from '../registry';
import { checkNodeConfig } from './config-validators';
import { readDraft } from './draft-checks';
import type { CheckedNode } from './node-checks';
import type { FlowProblem } from './problem';

/** The teams (by key) and agents (by user id) of a workspace that a draft names and that exist. */
export interface WorkspaceDirectory {
  teams: ReadonlySet<string>;
  agents: ReadonlySet<string>;
}

export interface DraftReference extends WorkspaceRef {
  nodeId: string;
}

/**
 * Every team and agent a draft's nodes name (their `references`), so the API can look each up by
 * key before it compiles with the workspace: a flow names a handful, each one equality lookup.
 * Nodes whose config does not fit their schema name nothing (the compiler reports them anyway).
 */
export function referencesOf(input: unknown): DraftReference[] {
  const read = readDraft(input);
  if (!read.ok) return [];
  return read.draft.nodes.flatMap((node) => {
    const def = findNode(node.type);
    if (!def?.references) return [];
    const checked = checkNodeConfig(def, node.config);
    if (checked.problems.length > 0) return [];
    try {
      return def.references(checked.config).map((ref) => ({ nodeId: node.id, ...ref }));
    } catch {
      return [];
    }
  });
}

/** A problem for each reference the workspace does not have. */
export function checkReferences(
  nodes: ReadonlyMap<string, CheckedNode>,
  workspace: WorkspaceDirectory,
  problems: FlowProblem[],
): void {
  for (const node of nodes.values()) {
    if (!node.valid || !node.def?.references) continue;
    let refs: WorkspaceRef[] = [];
    try {
      refs = node.def.references(node.config);
    } catch {
      continue; // node-checks already guards the node's own hooks
    }
    for (const ref of refs) {
      const known = ref.kind === 'team' ? workspace.teams : workspace.agents;
      if (!known.has(ref.id))
        problems.push({
          code: 'unknown-reference',
          nodeId: node.id,
          field: ref.field,
          message: MISSING[ref.kind](ref.id),
        });
    }
  }
}

const MISSING: Record<WorkspaceRefKind, (id: string) => FlowProblem['message']> = {
  team: (id) => ({
    en: `No team "${id}" in this workspace; choose one of its teams or create it in Settings → Teams`,
    zh: `此工作区没有团队 "${id}"，请选择已有团队或在“设置 → 团队”中创建`,
  }),
  agent: (id) => ({
    en: `No agent "${id}" in this workspace (removed, disabled or from elsewhere); choose one of its agents`,
    zh: `此工作区没有客服 "${id}"（已删除、已停用或不属于此工作区），请重新选择`,
  }),
};
