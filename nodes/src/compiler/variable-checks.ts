import type { FlowDraft } from '@kefu/schemas';
import { variablesRead } from '../rules';
import { templatePaths } from '../template';
import type { FlowGraph } from './graph';
import { reachableFrom } from './graph';
import { guarded } from './guarded';
import type { FlowProblem } from './problem';

/** What a template may name: the run's facts and `vars.<name>`. */
// `conversation` and `resolvedBy` are set by the conversation-resolved trigger (empty elsewhere).
const PLACEHOLDER_ROOTS = new Set([
  'contact',
  'message',
  'channel',
  'ticket',
  'workspace',
  'vars',
  'conversation',
  'resolvedBy',
]);

interface Read {
  name: string;
  field: string;
}

/**
 * Every variable a node reads must be set on every path from the trigger to it. Forward "must be
 * defined" analysis: a node's set is the intersection over the ports leading into it of what each
 * source has set when it leaves by that port; the trigger starts with the variables that have defaults.
 * Also checks that template placeholders name something a run has.
 */
export function checkVariables(draft: FlowDraft, graph: FlowGraph, problems: FlowProblem[]): string[] {
  const defaults = new Set((draft.variables ?? []).filter((v) => v.default !== undefined).map((v) => v.name));
  const everDefined = new Set<string>([...(draft.variables ?? []).map((v) => v.name)]);
  const defines = new Map<string, Map<string, string[]>>();
  for (const [id, outs] of graph.next) {
    const node = graph.nodes.get(id);
    const define = node?.def?.defines;
    if (!node || !define) continue;
    // An invalid node's hooks may fail on its config; its own problem is reported already.
    const definesOn = (port: string) =>
      (node.valid
        ? guarded(id, problems, () => define(node.config, port))
        : quietly(() => define(node.config, port))) ?? [];
    const byPort = new Map<string, string[]>();
    for (const port of Object.keys(outs)) {
      const names = definesOn(port);
      byPort.set(port, names);
      names.forEach((n) => everDefined.add(n));
    }
    // A port left unconnected ends the run, but what it would set still counts as declared.
    for (const port of graph.ports.get(id) ?? [])
      if (!byPort.has(port.name)) definesOn(port.name).forEach((n) => everDefined.add(n));
    defines.set(id, byPort);
  }
  if (!graph.startId) return [...everDefined].sort();

  const reachable = reachableFrom(graph.startId, graph.next);
  const order = [...reachable];
  const incoming = new Map<string, { source: string; port: string }[]>();
  for (const source of order)
    for (const [port, target] of Object.entries(graph.next.get(source) ?? {})) {
      const list = incoming.get(target) ?? [];
      list.push({ source, port });
      incoming.set(target, list);
    }

  // undefined = not reached yet by the analysis (the lattice's top: "everything").
  const setAt = new Map<string, Set<string>>();
  for (let changed = true; changed;) {
    changed = false;
    for (const id of order) {
      let current: Set<string> | undefined = id === graph.startId ? new Set(defaults) : undefined;
      for (const { source, port } of incoming.get(id) ?? []) {
        const before = setAt.get(source);
        if (!before) continue;
        const after = new Set(before);
        for (const n of defines.get(source)?.get(port) ?? []) after.add(n);
        current = current ? intersect(current, after) : after;
      }
      if (current && !sameSet(current, setAt.get(id))) {
        setAt.set(id, current);
        changed = true;
      }
    }
  }

  for (const id of order) {
    const node = graph.nodes.get(id);
    if (!node?.valid || !node.def) continue;
    const set = setAt.get(id) ?? new Set<string>();
    const rules = node.def.rules;
    for (const read of readsOf(node.config, rules ? () => rules(node.config) : undefined, id, problems)) {
      if (set.has(read.name)) continue;
      problems.push({
        code: 'variable-not-set',
        nodeId: id,
        field: read.field,
        message: everDefined.has(read.name)
          ? {
              en: `Variable "${read.name}" may not be set on every path to this node`,
              zh: `变量 "${read.name}" 在到达此节点的某些路径上可能未设置`,
            }
          : { en: `Variable "${read.name}" is never set`, zh: `变量 "${read.name}" 从未被设置` },
      });
    }
  }
  return [...everDefined].sort();
}

/** Variables a node reads in its templates (any string in its config) and in its rules. */
function readsOf(
  config: Record<string, unknown>,
  rules: (() => { field: string; condition: Parameters<typeof variablesRead>[0] }[]) | undefined,
  nodeId: string,
  problems: FlowProblem[],
): Read[] {
  const reads: Read[] = [];
  const walk = (value: unknown, field: string) => {
    if (typeof value === 'string') {
      for (const path of templatePaths(value)) {
        const [root, name] = path.split('.');
        if (!PLACEHOLDER_ROOTS.has(root as string) || (root === 'vars' && !name)) {
          problems.push({
            code: 'unknown-placeholder',
            nodeId,
            field,
            message: {
              en: `{{${path}}} names nothing a flow knows; use contact, message, channel, ticket, workspace, conversation, resolvedBy or vars`,
              zh: `{{${path}}} 无法识别；可用 contact、message、channel、ticket、workspace、conversation、resolvedBy 或 vars`,
            },
          });
        } else if (root === 'vars') reads.push({ name: name as string, field });
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${field}/${i}`));
    else if (value !== null && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(v, `${field}/${k}`);
  };
  walk(config, '');
  for (const rule of (rules && guarded(nodeId, problems, rules)) ?? [])
    for (const name of variablesRead(rule.condition)) reads.push({ name, field: rule.field });
  return reads;
}

function quietly<T>(hook: () => T): T | undefined {
  try {
    return hook();
  } catch {
    return undefined;
  }
}

function intersect(a: Set<string>, b: Set<string>): Set<string> {
  return new Set([...a].filter((x) => b.has(x)));
}

function sameSet(a: Set<string>, b: Set<string> | undefined): boolean {
  return b !== undefined && a.size === b.size && [...a].every((x) => b.has(x));
}
