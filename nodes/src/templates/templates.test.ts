import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compiler/compile-flow';
import { compiledFlowValidator } from '../compiler/compiled-validator';
import { starterTemplates } from '.';

describe('starter templates', () => {
  it('covers the four kinds owners asked for, once each', () => {
    expect(starterTemplates.map((t) => t.kind).sort()).toEqual(['auto-reply', 'escalation', 'routing', 'survey']);
    expect(new Set(starterTemplates.map((t) => t.id)).size).toBe(starterTemplates.length);
  });

  it.each(starterTemplates.map((t) => [t.id, t] as const))('%s compiles and its compiled JSON validates', (_id, template) => {
    const result = compileFlow(template.draft);
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    expect(compiledFlowValidator(result.flow)).toMatchObject({ ok: true });
    expect(result.flow.kind).toBe(template.kind);
    expect(template.draft.kind).toBe(template.kind);
  });

  it('routing template sends VIPs to the VIP desk first', () => {
    const result = compileFlow(starterTemplates[0]?.draft);
    expect(result.ok && result.flow.nodes['is-vip']?.next).toEqual({ true: 'vip-desk', false: 'support' });
  });
});
