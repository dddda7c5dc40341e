import Ajv, { type ValidateFunction } from 'ajv';
import { toProblems, type FieldProblem } from '@kefu/schemas/validate';
import type { AnyNodeDefinition } from '../define-node';

// Node configs get their schema defaults filled in, so the compiled flow carries every value it runs with.
const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true });
const cache = new WeakMap<AnyNodeDefinition, ValidateFunction>();

/** Validates (and fills defaults into) a copy of a node's config. */
export function checkNodeConfig(
  node: AnyNodeDefinition,
  config: unknown,
): { config: Record<string, unknown>; problems: FieldProblem[] } {
  let validate = cache.get(node);
  if (!validate) {
    validate = ajv.compile(node.schema);
    cache.set(node, validate);
  }
  const copy = structuredClone(config) as Record<string, unknown>;
  return validate(copy) ? { config: copy, problems: [] } : { config: copy, problems: toProblems(validate.errors ?? []) };
}
