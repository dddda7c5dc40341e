import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { portsOf } from '../define-node';
import { findNode, nodeRegistry } from '../registry';
import { compileFlow } from './compile-flow';
import { compiledFlowValidator } from './compiled-validator';

/** Configs that pass each node type's schema, so random graphs get past config checks often. */
const SAMPLE_CONFIGS: Record<string, Record<string, unknown>> = {
  'send-message': { text: 'Hi {{contact.name}}' },
  'ask-question': { question: 'Email?', answerType: 'email', saveAs: 'email' },
  condition: { rule: { all: [{ fact: 'channel', operator: 'equal', value: 'web' }] } },
  switch: { cases: [{ port: 'vip', label: 'VIP', when: { any: [{ fact: 'contact', path: '$.tags', operator: 'contains', value: 'vip' }] } }] },
  'set-variable': { variable: 'email', value: 'x@y.z' },
  wait: { amount: 1 },
  'random-split': { branches: [{ port: 'a', weight: 1 }, { port: 'b', weight: 2 }] },
  'route-to-team': { teamId: 'support' },
  'create-ticket': { subject: 'Follow up' },
  'update-ticket': { status: 'pending' },
  'sla-timer': { minutes: 30 },
  'http-request': { url: 'https://crm.example.com/hook' },
  'update-contact': { addTags: ['lead'] },
};
const KINDS = [...nodeRegistry.map((n) => n.kind), 'not-a-node'];
const PORTS = [...new Set(nodeRegistry.flatMap((n) => n.editor.ports.map((p) => p.name))), 'a', 'b', 'vip', 'x'];
const IDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

const nodeArb = fc.record({
  id: fc.constantFrom(...IDS),
  type: fc.constantFrom(...KINDS),
  configChoice: fc.oneof(
    fc.constant('sample' as const),
    fc.constant('empty' as const),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  ),
});

const draftArb = fc
  .record({
    nodes: fc.array(nodeArb, { maxLength: 8 }),
    edges: fc.array(
      fc.record({ source: fc.constantFrom(...IDS), sourcePort: fc.constantFrom(...PORTS), target: fc.constantFrom(...IDS) }),
      { maxLength: 14 },
    ),
    variables: fc.option(fc.array(fc.record({ name: fc.constantFrom('email', 'tier', 'ticketId'), default: fc.string() }), { maxLength: 2 }), {
      nil: undefined,
    }),
  })
  .map(({ nodes, edges, variables }) => ({
    schemaVersion: 1,
    name: 'random',
    kind: 'custom',
    nodes: nodes.map((n) => ({
      id: n.id,
      type: n.type,
      config: n.configChoice === 'sample' ? (SAMPLE_CONFIGS[n.type] ?? {}) : n.configChoice === 'empty' ? {} : n.configChoice,
    })),
    edges,
    ...(variables ? { variables } : {}),
  }));

/**
 * Flows grown like an owner draws them: from the trigger, each new node hangs off a free port of an
 * earlier one, required ports left over go to an end node, and a few extra edges may close loops.
 * Many of these compile, so the "validates against the compiled schema" half is exercised.
 */
const GROWABLE = Object.keys(SAMPLE_CONFIGS).concat('business-hours', 'escalate', 'end', 'close-conversation');
const grownArb = fc
  .record({
    steps: fc.array(
      fc.record({
        kind: fc.constantFrom(...GROWABLE),
        parent: fc.nat(),
        port: fc.nat(),
        readsEmail: fc.boolean(),
      }),
      { maxLength: 12 },
    ),
    extra: fc.array(fc.record({ from: fc.nat(), port: fc.nat(), to: fc.nat() }), { maxLength: 2 }),
  })
  .map(({ steps, extra }) => {
    const nodes: { id: string; type: string; config: Record<string, unknown> }[] = [
      { id: 'start', type: 'conversation-started', config: {} },
    ];
    const edges: { source: string; sourcePort: string; target: string }[] = [];
    const freePorts = (id: string) => {
      const node = nodes.find((n) => n.id === id) as (typeof nodes)[number];
      const used = new Set(edges.filter((e) => e.source === id).map((e) => e.sourcePort));
      return portsOf(findNode(node.type) as NonNullable<ReturnType<typeof findNode>>, node.config)
        .map((p) => p.name)
        .filter((p) => !used.has(p));
    };
    steps.forEach((step, i) => {
      const parent = nodes[step.parent % nodes.length] as (typeof nodes)[number];
      const ports = freePorts(parent.id);
      if (ports.length === 0) return;
      const config =
        step.kind === 'send-message' && step.readsEmail ? { text: 'Mail to {{vars.email}}' } : (SAMPLE_CONFIGS[step.kind] ?? {});
      nodes.push({ id: `n${i}`, type: step.kind, config });
      edges.push({ source: parent.id, sourcePort: ports[step.port % ports.length] as string, target: `n${i}` });
    });
    for (const e of extra) {
      const from = nodes[e.from % nodes.length] as (typeof nodes)[number];
      const ports = freePorts(from.id);
      if (ports.length > 0)
        edges.push({ source: from.id, sourcePort: ports[e.port % ports.length] as string, target: (nodes[e.to % nodes.length] as (typeof nodes)[number]).id });
    }
    const ends = nodes.flatMap((n) => {
      const required = portsOf(findNode(n.type) as NonNullable<ReturnType<typeof findNode>>, n.config).filter((p) => p.required);
      return required.filter((p) => freePorts(n.id).includes(p.name)).map((p) => ({ source: n.id, sourcePort: p.name, target: 'bye' }));
    });
    return {
      schemaVersion: 1,
      name: 'grown',
      kind: 'routing',
      nodes: [...nodes, ...(ends.length ? [{ id: 'bye', type: 'end', config: {} }] : [])],
      edges: [...edges, ...ends],
    };
  });

/** A deterministic shuffle (the seed comes from fast-check, so failures replay). */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The compiler's contract: never throws; a compiled flow that validates, or at least one problem. */
function assertContract(input: unknown) {
  const result = compileFlow(input);
  if (result.ok) {
    const checked = compiledFlowValidator(result.flow);
    expect(checked.ok ? [] : checked.problems).toEqual([]);
  } else {
    expect(result.problems.length).toBeGreaterThan(0);
    for (const p of result.problems) expect(typeof p.field).toBe('string');
  }
  return result;
}

// Hundreds of compiles per property: generous time on 2 shared cores; speed is the benchmark's business.
describe('compileFlow properties', { timeout: 60_000 }, () => {
  it('never throws on any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => void assertContract(value)), { numRuns: 300 });
  });

  it('never throws on anything at all, including non-JSON values', () => {
    fc.assert(fc.property(fc.anything(), (value) => void assertContract(value)), { numRuns: 300 });
  });

  it('on random drafts over the real node types: compiles and validates, or names problems', () => {
    fc.assert(fc.property(draftArb, (draft) => void assertContract(draft)), { numRuns: 500 });
  });

  it('on drafts grown the way owners draw them: compiles and validates, or names problems', () => {
    fc.assert(fc.property(grownArb, (draft) => void assertContract(draft)), { numRuns: 300 });
  });

  it('grown drafts often compile, so the "validates" half of the contract is exercised', () => {
    const samples = fc.sample(grownArb, { numRuns: 300, seed: 42 });
    expect(samples.filter((d) => compileFlow(d).ok).length).toBeGreaterThan(30);
    expect(samples.filter((d) => !compileFlow(d).ok).length).toBeGreaterThan(30);
  });

  it('gives the same compiled JSON and hash whatever order the draft lists its nodes and edges in', () => {
    fc.assert(
      fc.property(grownArb, fc.nat(), (draft, seed) => {
        const shuffled = { ...draft, nodes: shuffle(draft.nodes, seed), edges: shuffle(draft.edges, seed + 1) };
        const a = compileFlow(draft);
        const b = compileFlow(shuffled);
        if (a.ok) expect(b).toEqual(a);
        else expect(b.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same result and hash for the same draft, every time', () => {
    fc.assert(
      fc.property(draftArb, (draft) => {
        expect(compileFlow(structuredClone(draft))).toEqual(compileFlow(draft));
      }),
      { numRuns: 100 },
    );
  });
});
