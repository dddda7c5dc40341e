import { describe, expect, it } from 'vitest';
import { nodeRegistry, findNode } from '@kefu/nodes';
import { createConfigAjv } from '@kefu/nodes/compiler';
import { flowDraftSchema } from '@kefu/schemas';
import { checker } from '@kefu/schemas/validate';
import validators from '../generated/validators.js';
import { formValidator } from './precompiled-validators';
import { localForm } from './schema-form';

// The designer's CSP forbids ajv's runtime compilation, so every validator it reaches must exist
// precompiled; a node added to the catalog is picked up by the build script from nodeRegistry.
describe('precompiled validators', () => {
  it('cover every catalog node: its config check and its settings form in both languages', () => {
    for (const def of nodeRegistry) {
      expect(validators.config[def.kind], def.kind).toBeTypeOf('function');
      for (const lang of ['en', 'zh'] as const) {
        const validator = formValidator(def, lang);
        // rjsf refuses a schema that is not the one the validators were compiled for.
        expect(() =>
          validator.isValid(localForm(def, lang).schema, {}, localForm(def, lang).schema),
        ).not.toThrow();
      }
    }
  });

  it('judge and fill defaults exactly as the runtime-compiled ones do', () => {
    // Here in Node ajv may compile: the build-time functions must agree with it on every node.
    const ajv = createConfigAjv();
    for (const def of nodeRegistry) {
      const precompiled = {};
      const compiled = {};
      expect(validators.config[def.kind]!(precompiled), def.kind).toBe(ajv.compile(def.schema)(compiled));
      expect(precompiled, def.kind).toEqual(compiled);
    }
    const wait = validators.config['wait-for-reply']!;
    expect(wait({ timeoutMinutes: 0 })).toBe(false);
    expect(wait.errors).toMatchObject([{ instancePath: '/timeoutMinutes', keyword: 'minimum' }]);

    const form = formValidator(findNode('wait-for-reply')!, 'en');
    const { errors } = form.validateFormData(
      { timeoutMinutes: 0 },
      localForm(findNode('wait-for-reply')!, 'en').schema,
    );
    expect(errors.map((e) => e.property)).toContain('.timeoutMinutes');
  });

  it('check the draft shape as the server does', () => {
    expect(validators.flow.flowDraft({ schemaVersion: 1, nodes: 'none', edges: [] })).toBe(false);
    expect(checker(flowDraftSchema)({ schemaVersion: 1, nodes: 'none', edges: [] }).ok).toBe(false);
  });
});
