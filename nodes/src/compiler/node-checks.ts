import type { FlowDraft } from '@kefu/schemas';
import type { AnyNodeDefinition } from '../define-node';
import { findNode } from '../registry';
import { checkCondition } from '../rules';
import { checkNodeConfig } from './config-validators';
import type { FlowProblem } from './problem';
import { guarded } from './guarded';

/**
 * A node of the draft after its own checks. Nodes of unknown type or invalid config stay in the graph
 * (so their edges do not cause follow-up problems) but are `valid: false`: their ports and variables
 * are not trusted.
 */
export interface CheckedNode {
  id: string;
  index: number;
  def: AnyNodeDefinition | undefined;
  /** With defaults filled in when valid. */
  config: Record<string, unknown>;
  valid: boolean;
}

/**
 * Per-node checks: unique ids, known types, config against the type's schema, rules' facts and
 * operators, and the node type's own `compile`. Returns the nodes that can take part in graph checks.
 */
export function checkNodes(draft: FlowDraft, problems: FlowProblem[]): Map<string, CheckedNode> {
  const nodes = new Map<string, CheckedNode>();
  const ids = new Set<string>();
  draft.nodes.forEach((node, index) => {
    if (ids.has(node.id)) {
      problems.push({
        code: 'duplicate-node-id',
        nodeId: node.id,
        field: `/nodes/${index}/id`,
        message: { en: `Two nodes share the id "${node.id}"`, zh: `节点 ID "${node.id}" 重复` },
      });
      return;
    }
    ids.add(node.id);
    const def = findNode(node.type);
    if (!def) {
      problems.push({
        code: 'unknown-node-type',
        nodeId: node.id,
        field: `/nodes/${index}/type`,
        message: { en: `Unknown node type "${node.type}"`, zh: `未知的节点类型 "${node.type}"` },
      });
      nodes.set(node.id, { id: node.id, index, def: undefined, config: node.config, valid: false });
      return;
    }
    const checked = checkNodeConfig(def, node.config);
    for (const p of checked.problems) {
      problems.push({
        code: 'config-invalid',
        nodeId: node.id,
        field: p.field,
        message: {
          en: `${p.field.slice(1) || 'settings'} ${p.message}`,
          zh: `${p.field.slice(1) || '设置'}：${p.message}`,
        },
      });
    }
    if (checked.problems.length > 0) {
      nodes.set(node.id, { id: node.id, index, def, config: checked.config, valid: false });
      return;
    }
    const config = checked.config;
    const nodeProblems = guarded(node.id, problems, () => [
      ...(def.rules?.(config) ?? []).flatMap((rule) =>
        checkCondition(rule.condition, rule.field).map((p) => ({ code: 'rule-invalid' as const, ...p })),
      ),
      ...(def.compile?.(config) ?? []).map((p) => ({ code: 'node-check' as const, ...p })),
    ]);
    for (const p of nodeProblems ?? []) problems.push({ nodeId: node.id, ...p });
    nodes.set(node.id, { id: node.id, index, def, config, valid: true });
  });
  return nodes;
}
