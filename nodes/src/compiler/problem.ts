import type { LocalText } from '../text';

export const PROBLEM_CODES = [
  'draft-version',
  'draft-shape',
  'duplicate-node-id',
  'unknown-node-type',
  'config-invalid',
  'node-check',
  'rule-invalid',
  'no-trigger',
  'many-triggers',
  'edge-missing-node',
  'edge-unknown-port',
  'port-used-twice',
  'port-unconnected',
  'unreachable',
  'loop-without-wait',
  'unknown-placeholder',
  'variable-not-set',
  'unknown-reference',
  'internal',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/**
 * One reason a draft cannot be published, named precisely enough for the editor to select it.
 * `field` conventions: with a `nodeId`, a path in that node's config (`/text`, `/rule/all/0/fact`),
 * `/ports/<name>` for a port, or `/nodes/<i>/…` for the node's own entry; edge problems name the
 * edge in the draft (`/edges/<i>/target`) and the source node when it exists; flow problems name a
 * path in the draft.
 */
export interface FlowProblem {
  code: ProblemCode;
  /** The node at fault; absent for problems of the whole flow. */
  nodeId?: string;
  field: string;
  message: LocalText;
}
