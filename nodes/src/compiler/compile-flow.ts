import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { type CompiledFlow, type FlowDraft, flowDraftSchema } from '@kefu/schemas';
import { checker } from '@kefu/schemas/validate';
import { findNode } from '../registry';
import { canonicalJson } from './canonical-json';
import { checkNodeConfig } from './config-validators';
import type { FlowProblem } from './problem';

export type CompileResult = { ok: true; flow: CompiledFlow } | { ok: false; problems: FlowProblem[] };

const checkDraft = checker<FlowDraft>(flowDraftSchema);

/** Turns a draft into a compiled flow or into the list of every problem in it. Never throws. */
export function compileFlow(input: unknown): CompileResult {
  const shape = checkDraft(input);
  if (!shape.ok) {
    return {
      ok: false,
      problems: shape.problems.map((p) => ({
        code: 'draft-shape',
        field: p.field,
        message: { en: `${p.field || 'flow'} ${p.message}`, zh: `${p.field || '流程'} 格式不正确：${p.message}` },
      })),
    };
  }
  const draft = shape.value;
  const problems: FlowProblem[] = [];
  const nodes: CompiledFlow['nodes'] = {};
  const triggers: string[] = [];

  draft.nodes.forEach((node, index) => {
    if (nodes[node.id]) {
      problems.push({
        code: 'duplicate-node-id',
        nodeId: node.id,
        field: `/nodes/${index}/id`,
        message: { en: `Two nodes share the id "${node.id}"`, zh: `节点 ID "${node.id}" 重复` },
      });
      return;
    }
    const def = findNode(node.type);
    if (!def) {
      problems.push({
        code: 'unknown-node-type',
        nodeId: node.id,
        field: '',
        message: { en: `Unknown node type "${node.type}"`, zh: `未知的节点类型 "${node.type}"` },
      });
      return;
    }
    if (def.category === 'trigger') triggers.push(node.id);
    const checked = checkNodeConfig(def, node.config);
    for (const p of checked.problems) {
      problems.push({
        code: 'config-invalid',
        nodeId: node.id,
        field: p.field,
        message: { en: `${p.field.slice(1) || 'settings'} ${p.message}`, zh: `${p.field.slice(1) || '设置'}：${p.message}` },
      });
    }
    if (checked.problems.length === 0 && def.compile) {
      for (const p of def.compile(checked.config)) problems.push({ code: 'node-check', nodeId: node.id, ...p });
    }
    nodes[node.id] = { type: node.type, config: checked.config, next: {} };
  });

  if (triggers.length !== 1) {
    problems.push({
      code: triggers.length === 0 ? 'no-trigger' : 'many-triggers',
      field: '/nodes',
      ...(triggers[1] ? { nodeId: triggers[1] } : {}),
      message:
        triggers.length === 0
          ? { en: 'A flow needs one trigger node', zh: '流程需要一个触发节点' }
          : { en: 'A flow can have only one trigger node', zh: '流程只能有一个触发节点' },
    });
  }

  draft.edges.forEach((edge, index) => {
    const source = nodes[edge.source];
    const sourceDef = source && findNode(source.type);
    if (!source || !sourceDef) {
      if (!draft.nodes.some((n) => n.id === edge.source))
        problems.push(edgeProblem('edge-missing-node', index, '/source', `from a missing node "${edge.source}"`));
      return;
    }
    if (!nodes[edge.target]) {
      problems.push(edgeProblem('edge-missing-node', index, '/target', `to a missing node "${edge.target}"`));
      return;
    }
    if (!sourceDef.editor.ports.some((p) => p.name === edge.sourcePort)) {
      problems.push({
        ...edgeProblem('edge-unknown-port', index, '/sourcePort', `from unknown port "${edge.sourcePort}"`),
        nodeId: edge.source,
      });
      return;
    }
    if (source.next[edge.sourcePort] && source.next[edge.sourcePort] !== edge.target) {
      problems.push({
        code: 'port-used-twice',
        nodeId: edge.source,
        field: `/edges/${index}`,
        message: {
          en: `Port "${edge.sourcePort}" already leads to another node`,
          zh: `端口 "${edge.sourcePort}" 已连接到其他节点`,
        },
      });
      return;
    }
    source.next[edge.sourcePort] = edge.target;
  });

  for (const [id, node] of Object.entries(nodes)) {
    for (const port of findNode(node.type)?.editor.ports ?? []) {
      if (port.required && !node.next[port.name]) {
        problems.push({
          code: 'port-unconnected',
          nodeId: id,
          field: `/ports/${port.name}`,
          message: {
            en: `Connect the "${port.label.en}" port`,
            zh: `请连接“${port.label.zh}”端口`,
          },
        });
      }
    }
  }

  const start = triggers[0];
  if (start) {
    const reached = reachableFrom(start, nodes);
    for (const id of Object.keys(nodes)) {
      if (!reached.has(id))
        problems.push({
          code: 'unreachable',
          nodeId: id,
          field: '',
          message: { en: 'No path from the trigger reaches this node', zh: '从触发节点无法到达此节点' },
        });
    }
  }

  if (problems.length > 0 || !start) return { ok: false, problems };

  const body = {
    formatVersion: 1 as const,
    kind: draft.kind,
    startNodeId: start,
    nodes,
    variables: (draft.variables ?? []).map((v) => v.name).sort(),
  };
  const hash = bytesToHex(sha256(utf8ToBytes(canonicalJson(body))));
  return { ok: true, flow: JSON.parse(canonicalJson({ ...body, hash })) as CompiledFlow };
}

function edgeProblem(code: string, index: number, field: string, what: string): FlowProblem {
  return {
    code,
    field: `/edges/${index}${field}`,
    message: { en: `A connection goes ${what}`, zh: `连接线无效：${what}` },
  };
}

function reachableFrom(start: string, nodes: CompiledFlow['nodes']): Set<string> {
  const seen = new Set<string>([start]);
  const queue = [start];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    for (const next of Object.values(nodes[id]?.next ?? {})) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}
