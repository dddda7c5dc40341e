import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listKbGaps, type Models } from '@kefu/runtime/models';
import { startTestDatabase, type TestDatabase } from '@kefu/runtime/testing';
import { kbActivities } from './kb-activities';

// Real FerretDB: the activity reads the workspace's articles and counts what it could not answer.
describe('searchKnowledgeBase activity', () => {
  let db: TestDatabase;
  let models: Models;
  const workspaceId = String(new Types.ObjectId());
  const target = (key: string) => ({
    workspaceId,
    conversationId: String(new Types.ObjectId()),
    idempotencyKey: key,
  });

  beforeAll(async () => {
    db = await startTestDatabase('kbactivity');
    models = db.models;
    await Promise.all([models.KbArticle.init(), models.KbGap.init()]);
    await models.KbArticle.create([
      {
        workspaceId,
        question: 'How do I return an item?',
        phrasings: ['What is your return policy?'],
        answer: 'Within 7 days.',
        locale: 'en',
      },
      {
        workspaceId,
        question: 'How much is shipping?',
        phrasings: ['Is shipping free?'],
        answer: 'Free over ¥99.',
        locale: 'en',
      },
    ]);
  });

  afterAll(async () => {
    await db?.stop();
  });

  it('answers a confident match with the article', async () => {
    const { searchKnowledgeBase } = kbActivities(models);
    const found = await searchKnowledgeBase({
      ...target('run-1/2/0'),
      query: 'what is the return policy',
      minConfidence: 0.3,
    });
    expect(found).toMatchObject({ answer: 'Within 7 days.' });
    expect(found!.confidence).toBeGreaterThanOrEqual(0.3);
  });

  it('returns the best match below the threshold, and counts the question once per step', async () => {
    const { searchKnowledgeBase } = kbActivities(models);
    const input = { ...target('run-2/2/0'), query: 'is shipping free for a return', minConfidence: 0.99 };
    const found = await searchKnowledgeBase(input);
    await searchKnowledgeBase(input); // Temporal retrying the same step
    expect(found).not.toBeNull();
    expect(found!.confidence).toBeLessThan(0.99);
    expect(found!.suggestions?.map((s) => s.question)).toContain('How much is shipping?');
    const gaps = await listKbGaps(models, workspaceId, { kind: 'unanswered' });
    expect(gaps.map((g) => [g.text, g.count])).toEqual([['is shipping free for a return', 1]]);
  });

  it('finds nothing in a workspace without articles', async () => {
    const { searchKnowledgeBase } = kbActivities(models);
    const other = { ...target('run-3/2/0'), workspaceId: String(new Types.ObjectId()) };
    expect(await searchKnowledgeBase({ ...other, query: 'return policy', minConfidence: 0.3 })).toBeNull();
  });
});
