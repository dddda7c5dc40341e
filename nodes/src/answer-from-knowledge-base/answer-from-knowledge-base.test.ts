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
