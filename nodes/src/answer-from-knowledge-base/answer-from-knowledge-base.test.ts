import { describe, expect, it } from 'vitest';
import { fakeRun } from '../testing/fake-run';
import { answerFromKnowledgeBase } from '.';

const facts = { message: { messageId: 'm1', text: 'how long does shipping take' } };
const hit = (confident: boolean) => ({
  articleId: 'a1',
  question: 'How long does delivery take?',
  answer: 'Two to three working days.',
  confidence: confident ? 0.8 : 0.2,
  confident,
  suggestions: [
    { articleId: 'a2', question: 'Do you ship abroad?', confidence: 0.15 },
    { articleId: 'a1', question: 'How long does delivery take?', confidence: 0.2 },
  ],
});

describe('answer-from-knowledge-base', () => {
  it('answers with the article when the knowledge base is sure, using its own threshold by default', async () => {
    const run = await fakeRun(
      answerFromKnowledgeBase,
      {},
      { facts, activities: { searchKnowledgeBase: () => hit(true) } },
    );
    expect(run.calls).toEqual([
      { name: 'searchKnowledgeBase', input: { query: 'how long does shipping take' } },
      {
        name: 'sendMessage',
        input: {
          text: 'Two to three working days.',
          knowledge: { articleId: 'a1', query: 'how long does shipping take' },
        },
      },
    ]);
    expect(run.result).toMatchObject({ port: 'answered', decision: 'article a1 at 0.8' });
  });

  it('offers the closest questions as buttons, once each, and takes not-found when unsure', async () => {
    const run = await fakeRun(
      answerFromKnowledgeBase,
      { minConfidence: 0.5 },
      {
        facts,
        activities: { searchKnowledgeBase: () => hit(false) },
      },
    );
    expect(run.calls[0]).toEqual({
      name: 'searchKnowledgeBase',
      input: { query: 'how long does shipping take', minConfidence: 0.5 },
    });
    expect(run.calls[1]).toEqual({
      name: 'sendMessage',
      input: {
        text: 'Did you mean one of these? / 您是想问以下问题吗？',
        quickReplies: [{ label: 'How long does delivery take?' }, { label: 'Do you ship abroad?' }],
      },
    });
    expect(run.result.port).toBe('not-found');
  });

  it('stays quiet on not-found when suggestions are off or nothing matched', async () => {
    const off = await fakeRun(
      answerFromKnowledgeBase,
      { suggest: false },
      { facts, activities: { searchKnowledgeBase: () => hit(false) } },
    );
    expect(off.calls.map((c) => c.name)).toEqual(['searchKnowledgeBase']);
    const none = await fakeRun(
      answerFromKnowledgeBase,
      {},
      { facts, activities: { searchKnowledgeBase: () => null } },
    );
    expect(none.result).toMatchObject({ port: 'not-found', decision: 'no match' });
    const empty = await fakeRun(answerFromKnowledgeBase, {}, {});
    expect(empty.calls).toEqual([]);
  });
});

describe('answer-from-knowledge-base why-trace', () => {
  it('records the confidence against the threshold the search applied, and the runner-up', async () => {
    const unsure = await fakeRun(
      answerFromKnowledgeBase,
      {},
      { facts, activities: { searchKnowledgeBase: () => ({ ...hit(false), threshold: 0.6 }) } },
    );
    expect(unsure.result.why).toEqual({
      kind: 'knowledge',
      outcome: 'below-threshold',
      query: 'how long does shipping take',
      confidence: 0.2,
      threshold: 0.6,
      best: { articleId: 'a1', question: 'How long does delivery take?', confidence: 0.2 },
      runnerUp: { articleId: 'a2', question: 'Do you ship abroad?', confidence: 0.15 },
      notTaken: [{ port: 'answered', reason: 'below-threshold' }],
    });
    const sure = await fakeRun(
      answerFromKnowledgeBase,
      {},
      { facts, activities: { searchKnowledgeBase: () => ({ ...hit(true), threshold: 0.6 }) } },
    );
    expect(sure.result.why).toMatchObject({
      outcome: 'confident',
      confidence: 0.8,
      threshold: 0.6,
      notTaken: [{ port: 'not-found', reason: 'confident' }],
    });
  });

  it("falls back to the step's own threshold for a search that did not say (older histories), and says when nothing matched", async () => {
    const old = await fakeRun(
      answerFromKnowledgeBase,
      { minConfidence: 0.5 },
      { facts, activities: { searchKnowledgeBase: () => hit(false) } },
    );
    expect(old.result.why).toMatchObject({ threshold: 0.5, confidence: 0.2 });
    const none = await fakeRun(
      answerFromKnowledgeBase,
      {},
      { facts, activities: { searchKnowledgeBase: () => null } },
    );
    expect(none.result.why).toEqual({
      kind: 'knowledge',
      outcome: 'no-match',
      query: 'how long does shipping take',
      notTaken: [{ port: 'answered', reason: 'no-match' }],
    });
    expect((await fakeRun(answerFromKnowledgeBase, {}, {})).result.why).toMatchObject({
      outcome: 'no-message',
    });
  });
});
