import type { ValidatorType } from '@rjsf/utils';
import { createPrecompiledValidator } from '@rjsf/validator-ajv8';
import { compiledFlowSchema, flowDraftSchema } from '@kefu/schemas';
import { providePrecompiled } from '@kefu/schemas/validate';
import { nodeRegistry, type AnyNodeDefinition } from '@kefu/nodes';
import { providePrecompiledConfigValidators } from '@kefu/nodes/compiler';
import validators from '../generated/validators.js';
import type { Lang } from './i18n';
import { localForm } from './schema-form';

// ajv 8's type as @kefu/schemas sees it (the editor's own `ajv` package is eslint's ajv 6).
type ValidateFunction = Parameters<typeof providePrecompiled>[1];

/*
 * The designer's page has no 'unsafe-eval' in its CSP, so ajv may not compile there: the compiler's
 * checks (draft shape, node configs) and the settings forms use validators compiled at build time
 * (scripts/precompile-validators.ts). Imported for its effect before anything validates.
 */
providePrecompiled(flowDraftSchema, validators.flow.flowDraft as ValidateFunction);
providePrecompiled(compiledFlowSchema, validators.flow.compiledFlow as ValidateFunction);
providePrecompiledConfigValidators(
  nodeRegistry,
  validators.config as unknown as Record<string, ValidateFunction>,
);

const formValidators = new Map<string, ValidatorType>();

/** rjsf's validator for a node's settings form in one language, precompiled for its exact schema. */
export function formValidator(def: AnyNodeDefinition, lang: Lang): ValidatorType {
  const key = `${def.kind}:${lang}`;
  let validator = formValidators.get(key);
  if (!validator) {
    const fns = validators.forms[key];
    if (!fns)
      throw new Error(`no precompiled form validator for ${key}; run scripts/precompile-validators.ts`);
    validator = createPrecompiledValidator(fns, localForm(def, lang).schema);
    formValidators.set(key, validator);
  }
  return validator;
}
