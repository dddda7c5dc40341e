/**
 * How compile time grows with flow size. Not a test: it prints numbers and ratios for a person to read.
 * Run with `npm run bench -w nodes`. Drafts are realistic shapes (branches, variables, rules, loops
 * through waits), grown by repeating one block, so the 10-node draft is the floor every ratio is against.
 */
import { performance } from 'node:perf_hooks';
import type { FlowDraft } from '@kefu/schemas';
import { compileFlow } from '../src/compiler/compile-flow';

/** One 10-node block: ask, branch on a rule, set a variable, wait, and continue to the next block. */
function draftOfSize(nodes: number): FlowDraft {
  const blocks = Math.max(1, Math.round((nodes - 1) / 10));
  const draft: FlowDraft = {
    schemaVersion: 1,
    name: `bench ${nodes}`,
    kind: 'custom',
    nodes: [{ id: 'start', type: 'conversation-started', config: {} }],
    edges: [],
    variables: [{ name: 'tier', default: 'basic' }],
  };
  let previous = { id: 'start', port: 'next' };
  for (let b = 0; b < blocks; b++) {
    const id = (name: string) => `${name}-${b}`;
    const add = (name: string, type: string, config: Record<string, unknown>) =>
      draft.nodes.push({ id: id(name), type, config });
    const link = (from: string, port: string, to: string) =>
      draft.edges.push({ source: from, sourcePort: port, target: to });
    add('greet', 'send-message', { text: `Step ${b}: hello {{contact.name}}, tier {{vars.tier}}` });
    add('ask', 'ask-question', { question: 'Your email?', answerType: 'email', saveAs: `email${b}` });
    add('check', 'condition', {
      rule: { all: [{ fact: 'contact', path: '$.tags', operator: 'contains', value: 'vip' }, { fact: 'vars', path: `$.email${b}`, operator: 'notEqual', value: '' }] },
    });
    add('vip', 'set-variable', { variable: 'tier', value: 'gold' });
    add('basic', 'set-variable', { variable: 'tier', value: 'basic' });
    add('confirm', 'send-message', { text: `Mail goes to {{vars.email${b}}} ({{vars.tier}})` });
    add('pause', 'wait', { amount: 1, unit: 'minutes' });
    add('retry', 'send-message', { text: 'Let us try that again.' });
    add('hours', 'business-hours', {});
    add('ticket', 'create-ticket', { subject: `Block ${b} for {{contact.name}}` });
    link(previous.id, previous.port, id('greet'));
    link(id('greet'), 'next', id('ask'));
    link(id('ask'), 'answered', id('check'));
    link(id('ask'), 'invalid', id('retry'));
    link(id('ask'), 'timeout', id('pause'));
    link(id('retry'), 'next', id('ask')); // a loop that passes the question, which waits
    link(id('pause'), 'next', id('hours'));
    link(id('check'), 'true', id('vip'));
    link(id('check'), 'false', id('basic'));
    link(id('vip'), 'next', id('confirm'));
    link(id('basic'), 'next', id('confirm'));
    link(id('confirm'), 'next', id('hours'));
    link(id('hours'), 'open', id('ticket'));
    link(id('hours'), 'closed', id('ticket'));
    previous = { id: id('ticket'), port: 'next' };
  }
  return draft;
}

function timePerCompile(draft: FlowDraft, budgetMs: number): number {
  const first = compileFlow(draft);
  if (!first.ok) throw new Error(`bench draft does not compile: ${JSON.stringify(first.problems.slice(0, 3))}`);
  for (let i = 0; i < 3; i++) compileFlow(draft); // warm-up
  let runs = 0;
  const started = performance.now();
  while (performance.now() - started < budgetMs || runs < 5) {
    compileFlow(draft);
    runs++;
  }
  return (performance.now() - started) / runs;
}

const sizes = [10, 100, 1000];
const results = sizes.map((size) => {
  const draft = draftOfSize(size);
  return { size, nodes: draft.nodes.length, edges: draft.edges.length, ms: timePerCompile(draft, size >= 1000 ? 4000 : 1500) };
});
const floor = results[0] as (typeof results)[number];
console.log('compileFlow: time per compile by draft size (ratio against the 10-node floor, same run)');
console.log('nodes   edges   ms/compile   x floor   x floor per node');
for (const r of results) {
  const ratio = r.ms / floor.ms;
  const perNode = ratio / (r.nodes / floor.nodes);
  console.log(
    `${String(r.nodes).padStart(5)}  ${String(r.edges).padStart(6)}  ${r.ms.toFixed(3).padStart(11)}  ${ratio.toFixed(1).padStart(8)}  ${perNode.toFixed(2).padStart(17)}`,
  );
}
console.log('"x floor per node" near 1 means linear growth; well above 1 means super-linear.');
