import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { COMPILED_FORMAT_VERSION, type CompiledFlow } from '@kefu/schemas';
import { canonicalJson } from './canonical-json';
import { readDraft } from './draft-checks';
import { buildGraph } from './graph-checks';
import { checkLoops } from './loop-checks';
import { checkNodes } from './node-checks';
import type { FlowProblem } from './problem';
import { checkVariables } from './variable-checks';
import { checkReferences, type WorkspaceDirectory } from './reference-checks';

export type CompileResult = { ok: true; flow: CompiledFlow } | { ok: false; problems: FlowProblem[] };

export interface CompileOptions {
  /**
   * The workspace's teams and agents the draft names (see `referencesOf`): publish and validate pass
   * it, so a flow naming a missing team or agent cannot go live. Without it (templates, seeds,
   * simulations of a draft) references are not checked.
   */
  workspace?: WorkspaceDirectory;
}

/**
 * Turns a draft into a compiled flow or into the list of every problem in it. Never throws.
 * The same draft always gives the same compiled JSON and hash: keys are sorted and nothing depends
 * on time or on the order of the draft's edges beyond what the owner drew.
 */
export function compileFlow(input: unknown, options: CompileOptions = {}): CompileResult {
  try {
    return compile(input, options);
  } catch (err) {
    // Every check is written not to throw; this is the last guard for a bug, not a code path.
    return {
      ok: false,
      problems: [
        {
          code: 'internal',
          field: '',
          message: { en: `The flow could not be checked (${(err as Error)?.message})`, zh: '无法检查此流程' },
        },
      ],
    };
  }
}

function compile(input: unknown, options: CompileOptions): CompileResult {
  const read = readDraft(input);
  if (!read.ok) return read;
  const { draft } = read;
  const problems: FlowProblem[] = [];
  const nodes = checkNodes(draft, problems);
  if (options.workspace) checkReferences(nodes, options.workspace, problems);
  const graph = buildGraph(draft, nodes, problems);
  checkLoops(graph, problems);
  const variables = checkVariables(draft, graph, problems);
  const start = graph.startId ? nodes.get(graph.startId) : undefined;
  if (problems.length > 0 || !start?.def) return { ok: false, problems };

  const body = {
    formatVersion: COMPILED_FORMAT_VERSION,
    kind: draft.kind,
    trigger: start.def.kind,
    startNodeId: start.id,
    nodes: Object.fromEntries(
      [...nodes.values()].map((n) => [n.id, { type: n.def?.kind, config: n.config, next: graph.next.get(n.id) ?? {} }]),
    ),
    variables,
    variableDefaults: Object.fromEntries(
      (draft.variables ?? []).filter((v) => v.default !== undefined).map((v) => [v.name, v.default]),
    ),
  };
  const hash = bytesToHex(sha256(utf8ToBytes(canonicalJson(body))));
  return { ok: true, flow: JSON.parse(canonicalJson({ ...body, hash })) as CompiledFlow };
}
