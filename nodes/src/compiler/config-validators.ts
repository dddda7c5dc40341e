import Ajv, { type Options, type ValidateFunction } from 'ajv';
import { toProblems, type FieldProblem } from '@kefu/schemas/validate';
import type { AnyNodeDefinition } from '../define-node';

/** The ajv for node configs; the editor's build precompiles with it too (editor/scripts/precompile-validators.ts). */
export function createConfigAjv(options: Options = {}): Ajv {
  // Node configs get their schema defaults filled in, so the compiled flow carries every value it runs with.
  return new Ajv({ allErrors: true, strict: false, useDefaults: true, ...options });
}

let ajv: Ajv | undefined;
const cache = new WeakMap<AnyNodeDefinition, ValidateFunction>();

/**
 * Hands in validators compiled ahead of time, keyed by node kind. The designer page's CSP has no
 * 'unsafe-eval', so in the browser ajv must never compile; every node of the catalog comes precompiled.
 */
export function providePrecompiledConfigValidators(
  nodes: readonly AnyNodeDefinition[],
  validators: Readonly<Record<string, ValidateFunction>>,
): void {
  for (const node of nodes) {
    const validate = validators[node.kind];
    if (validate) cache.set(node, validate);
  }
}

/** Validates (and fills defaults into) a copy of a node's config. */
export function checkNodeConfig(
  node: AnyNodeDefinition,
  config: unknown,
): { config: Record<string, unknown>; problems: FieldProblem[] } {
  let validate = cache.get(node);
  if (!validate) {
    validate = (ajv ??= createConfigAjv()).compile(node.schema);
    cache.set(node, validate);
  }
  const copy = structuredClone(config) as Record<string, unknown>;
  return validate(copy)
    ? { config: copy, problems: [] }
    : { config: copy, problems: toProblems(validate.errors ?? []) };
}
