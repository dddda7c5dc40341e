import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compiler/compile-flow';
import { compiledFlowValidator } from '../compiler/compiled-validator';
import { findNode } from '../registry';
import { starterTemplates, templateDraft } from '.';

describe('starter templates', () => {
  it('covers the four kinds owners asked for, once each', () => {
    expect(starterTemplates.map((t) => t.kind).sort()).toEqual([
      'auto-reply',
      'escalation',
      'routing',
      'survey',
    ]);
    expect(new Set(starterTemplates.map((t) => t.id)).size).toBe(starterTemplates.length);
  });

  it.each(starterTemplates.map((t) => [t.id, t] as const))(
    '%s compiles and its compiled JSON validates',
    (_id, template) => {
      const result = compileFlow(template.draft);
      expect(result.ok ? [] : result.problems).toEqual([]);
      if (!result.ok) return;
      expect(compiledFlowValidator(result.flow)).toMatchObject({ ok: true });
      expect(result.flow.kind).toBe(template.kind);
      expect(template.draft.kind).toBe(template.kind);
    },
  );

  // A card on the canvas is 210 wide and, with three ports and a two-line summary, about 130 high:
  // nodes closer than that (plus a gap) open on top of each other, as the routing template's did.
  it.each(starterTemplates.map((t) => [t.id, t] as const))('%s opens with no node on another', (_id, t) => {
    const placed = t.draft.nodes.map((n) => ({ id: n.id, ...n.position! }));
    const overlapping = placed.flatMap((a, i) =>
      placed
        .slice(i + 1)
        .filter((b) => Math.abs(a.x - b.x) < 230 && Math.abs(a.y - b.y) < 150)
        .map((b) => `${a.id} / ${b.id}`),
    );
    expect(overlapping).toEqual([]);
  });

  it('routing template sends VIPs to the VIP desk first', () => {
    const result = compileFlow(starterTemplates[0]?.draft);
    expect(result.ok && result.flow.nodes['is-vip']?.next).toEqual({ true: 'vip-desk', false: 'support' });
  });
});

describe('starter templates in Chinese', () => {
  const CJK = /[\u3400-\u9fff]/;
  /** The words a node says to people: its template fields, and fields whose default is a sentence. */
  const wordsOf = (type: string, config: Record<string, unknown>): [string, string][] => {
    const def = findNode(type)!;
    const props = (def.schema as { properties?: Record<string, { default?: unknown }> }).properties ?? {};
    return Object.entries(config).filter(
      (entry): entry is [string, string] =>
        typeof entry[1] === 'string' &&
        (def.editor.fields?.[entry[0]] === 'template' ||
          (typeof props[entry[0]]?.default === 'string' && String(props[entry[0]]?.default).includes(' '))),
    );
  };

  it.each(starterTemplates.map((t) => [t.id, t] as const))(
    '%s says every word in Chinese, defaults included, and compiles like the English one',
    (_id, template) => {
      const draft = templateDraft(template, 'zh');
      expect(Object.keys(template.zh.nodes).filter((id) => !draft.nodes.some((n) => n.id === id))).toEqual(
        [],
      );
      const result = compileFlow(draft);
      expect(result.ok ? [] : result.problems).toEqual([]);
      if (!result.ok) return;
      const english: string[] = [];
      for (const [id, node] of Object.entries(result.flow.nodes))
        for (const [field, text] of wordsOf(node.type, node.config as Record<string, unknown>)) {
          // Placeholders ({{ticket.id}}) and their fallbacks are not words said to anyone.
          const words = text.replace(/\{\{[^}]*\}\}/g, '');
          if (/[A-Za-z]{3,}/.test(words) && !CJK.test(words)) english.push(`${id}.${field}: ${text}`);
        }
      expect(english).toEqual([]);
      for (const node of draft.nodes) if (node.label) expect(node.label).toMatch(CJK);
      expect(draft.name).toMatch(CJK);
      // The same flow: the same nodes, edges and rules.
      const en = templateDraft(template, 'en');
      expect(draft.edges).toEqual(en.edges);
      expect(draft.nodes.map((n) => [n.id, n.type])).toEqual(en.nodes.map((n) => [n.id, n.type]));
    },
  );
});
