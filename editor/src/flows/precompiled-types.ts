import type { createPrecompiledValidator } from '@rjsf/validator-ajv8';

type ValidatorFunctions = Parameters<typeof createPrecompiledValidator>[0];

/** A validator as ajv's standalone code exports it. */
export interface StandaloneValidate {
  (data: unknown): boolean;
  errors?: unknown[] | null;
}

/** What src/generated/validators.js holds (written by scripts/precompile-validators.ts). */
export interface PrecompiledValidators {
  flow: { flowDraft: StandaloneValidate; compiledFlow: StandaloneValidate };
  /** By node kind: node config checks that fill defaults, as the compiler runs them. */
  config: Record<string, StandaloneValidate>;
  /** By `kind:lang`: rjsf's validators for the node's settings form in that language. */
  forms: Record<string, ValidatorFunctions>;
}
