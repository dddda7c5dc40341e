import { compileFlow } from '../compiler/compile-flow';
import type { FlowProblem } from '../compiler/problem';
import { flowWith } from './flow-with';

/** The problems of a flow built around one node `n` of `type` with `config` (see `flowWith`). */
export function nodeProblems(type: string, config: Record<string, unknown>): Pick<FlowProblem, 'code' | 'nodeId' | 'field'>[] {
  const result = compileFlow(flowWith(type, config));
  return result.ok ? [] : result.problems.map(({ code, nodeId, field }) => ({ code, nodeId, field }));
}

/** The single node-check problem expected when exactly one rule of node `n` is broken. */
export const nodeCheck = (field: string) => [{ code: 'node-check', nodeId: 'n', field }];
