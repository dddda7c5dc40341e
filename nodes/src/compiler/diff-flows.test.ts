import { describe, expect, it } from 'vitest';
import type { CompiledFlow } from '@kefu/schemas';
import { draftOf } from '../testing/flow-with';
import { compileFlow } from './compile-flow';
import { diffFlows } from './diff-flows';

function compiled(draft: unknown): CompiledFlow {
  const result = compileFlow(draft);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.flow;
}

const start = { type: 'conversation-started' };

describe('diffFlows', () => {
  const v1 = compiled(draftOf({ start, hi: { type: 'send-message', config: { text: 'Hi' } } }, ['start>hi']));
  const v2 = compiled(
    draftOf(
      {
        start,
        hi: { type: 'send-message', config: { text: 'Hello' } },
        bye: { type: 'close-conversation' },
      },
      ['start>hi', 'hi>bye'],
    ),
  );

  it('names nodes added and changed, with the changed field, and edges added', () => {
    expect(diffFlows(v1, v2)).toEqual({
      nodesAdded: ['bye'],
      nodesRemoved: [],
      nodesChanged: [{ nodeId: 'hi', fields: ['/config/text'] }],
      edgesAdded: [{ source: 'hi', port: 'next', target: 'bye' }],
      edgesRemoved: [],
    });
  });

  it('is the mirror image the other way round', () => {
    const back = diffFlows(v2, v1);
    expect(back.nodesRemoved).toEqual(['bye']);
    expect(back.edgesRemoved).toEqual([{ source: 'hi', port: 'next', target: 'bye' }]);
  });

  it('finds nothing between a version and itself', () => {
    expect(diffFlows(v2, v2)).toEqual({ nodesAdded: [], nodesRemoved: [], nodesChanged: [], edgesAdded: [], edgesRemoved: [] });
  });
});
