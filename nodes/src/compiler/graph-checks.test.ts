import { describe, expect, it } from 'vitest';
import { compileFlow } from './compile-flow';
import { draftOf } from '../testing/flow-with';
import type { FlowProblem } from './problem';

const hello = { type: 'send-message', config: { text: 'Hello' } };
const start = { type: 'conversation-started' };

function problemsOf(draft: unknown): FlowProblem[] {
  const result = compileFlow(draft);
  if (result.ok) throw new Error('expected problems, the flow compiled');
  return result.problems;
}

/** Each test breaks exactly one rule of a flow that otherwise compiles. */
describe('graph checks', () => {
  it('the base flow compiles', () => {
    expect(compileFlow(draftOf({ start, hello }, ['start>hello'])).ok).toBe(true);
  });

  it('needs a trigger', () => {
    expect(problemsOf(draftOf({ hello }, []))).toEqual([
      expect.objectContaining({ code: 'no-trigger', field: '/nodes' }),
    ]);
  });

  it('allows only one trigger', () => {
    const draft = draftOf({ start, hello, again: { type: 'message-received' } }, ['start>hello', 'again>hello']);
    expect(problemsOf(draft)).toEqual([
      expect.objectContaining({ code: 'many-triggers', nodeId: 'again', field: '/nodes/2/type' }),
    ]);
  });

  it('refuses an edge to a missing node', () => {
    expect(problemsOf(draftOf({ start, hello }, ['start>hello', 'hello>ghost']))).toEqual([
      expect.objectContaining({ code: 'edge-missing-node', nodeId: 'hello', field: '/edges/1/target' }),
    ]);
  });

  it('refuses an edge from a missing node', () => {
    expect(problemsOf(draftOf({ start, hello }, ['start>hello', 'ghost>hello']))).toEqual([
      expect.objectContaining({ code: 'edge-missing-node', field: '/edges/1/source' }),
    ]);
  });

  it('refuses an edge from a port the node does not have', () => {
    expect(problemsOf(draftOf({ start, hello, bye: { type: 'end' } }, ['start>hello', 'hello.nope>bye']))).toEqual([
      expect.objectContaining({ code: 'edge-unknown-port', nodeId: 'hello', field: '/edges/1/sourcePort' }),
      // The end node is left unreachable by the broken edge.
      expect.objectContaining({ code: 'unreachable', nodeId: 'bye' }),
    ]);
  });

  it('refuses one port leading to two nodes', () => {
    const draft = draftOf({ start, hello, other: hello }, ['start>hello', 'start>other']);
    const problems = problemsOf(draft);
    expect(problems[0]).toEqual(expect.objectContaining({ code: 'port-used-twice', nodeId: 'start', field: '/edges/1/sourcePort' }));
  });

  it('needs every required port connected', () => {
    expect(problemsOf(draftOf({ start }, []))).toEqual([
      expect.objectContaining({ code: 'port-unconnected', nodeId: 'start', field: '/ports/next' }),
    ]);
  });

  it('needs every node reachable from the trigger', () => {
    expect(problemsOf(draftOf({ start, hello, island: hello }, ['start>hello']))).toEqual([
      expect.objectContaining({ code: 'unreachable', nodeId: 'island', field: '' }),
    ]);
  });

  it('refuses two nodes with one id', () => {
    const draft = draftOf({ start, hello }, ['start>hello']);
    draft.nodes.push({ id: 'hello', type: 'end', config: {} });
    expect(problemsOf(draft)).toEqual([
      expect.objectContaining({ code: 'duplicate-node-id', nodeId: 'hello', field: '/nodes/2/id' }),
    ]);
  });

  it('refuses an unknown node type', () => {
    expect(problemsOf(draftOf({ start, hello, odd: { type: 'teleport' } }, ['start>hello', 'hello>odd']))).toEqual([
      expect.objectContaining({ code: 'unknown-node-type', nodeId: 'odd', field: '/nodes/2/type' }),
    ]);
  });

  it('names the config field that breaks the node schema', () => {
    const draft = draftOf({ start, hello: { type: 'send-message', config: { text: '' } } }, ['start>hello']);
    expect(problemsOf(draft)).toEqual([expect.objectContaining({ code: 'config-invalid', nodeId: 'hello', field: '/text' })]);
  });

  it('names the draft field that breaks the draft schema', () => {
    const draft = { ...draftOf({ start, hello }, ['start>hello']), kind: 'party' };
    expect(problemsOf(draft)).toEqual([expect.objectContaining({ code: 'draft-shape', field: '/kind' })]);
  });

  it('refuses a draft format from the future', () => {
    const draft = { ...draftOf({ start, hello }, ['start>hello']), schemaVersion: 7 };
    expect(problemsOf(draft)).toEqual([expect.objectContaining({ code: 'draft-version', field: '/schemaVersion' })]);
  });

  it('gives every problem an English and a Chinese message', () => {
    const problems = problemsOf(draftOf({ start, hello, island: hello, odd: { type: 'teleport' } }, ['hello>ghost']));
    expect(problems.length).toBeGreaterThan(2);
    for (const p of problems) {
      expect(p.message.en).not.toBe('');
      expect(p.message.zh).not.toBe('');
    }
  });
});
