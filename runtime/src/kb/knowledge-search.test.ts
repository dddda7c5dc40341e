import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../models/test-database';
import { listKbGaps, touchKnowledgeBase, type Models } from '../models';
import { createKnowledgeSearch } from './knowledge-search';

// Real FerretDB: the search reads settings and articles the way the worker's activity will.
describe('createKnowledgeSearch', () => {
  let db: TestDatabase;
  let models: Models;
  const ws = new Types.ObjectId();
  const other = new Types.ObjectId();

  beforeAll(async () => {
    db = await startTestDatabase('kbsearch');
    models = db.models;
    await Promise.all([models.KbArticle.init(), models.KbSettings.init(), models.KbGap.init()]);
    await models.KbArticle.create([
      {
        workspaceId: ws,
        question: '怎么退货？',
        phrasings: ['七天无理由退货吗'],
        answer: '签收后 7 天内可以退货。',
      },
      { workspaceId: ws, question: '运费怎么算？', phrasings: ['包邮吗'], answer: '满 99 元包邮。' },
      { workspaceId: ws, question: '可以开发票吗？', answer: '可以，在订单页申请。', enabled: false },
      { workspaceId: other, question: '营业时间？', answer: '别家的答案。' },
    ]);
    await models.KbSettings.create({ workspaceId: ws, synonyms: [{ terms: ['退货', 'return'] }] });
  });

  afterAll(async () => {
    await db?.stop();
  });

  it("answers from the workspace's enabled articles with its synonyms", async () => {
    const search = createKnowledgeSearch(models);
    const r = await search.search({ workspaceId: ws, query: '我想return这件衣服' });
    expect(r.answer).toMatchObject({ question: '怎么退货？', answer: '签收后 7 天内可以退货。' });
    expect(r.answer!.confidence).toBeGreaterThanOrEqual(r.threshold);
    expect((await search.search({ workspaceId: ws, query: '可以开发票吗' })).answer).toBeNull();
    expect((await search.search({ workspaceId: ws, query: '营业时间' })).answer).toBeNull();
  });

  it('falls to not found with suggestions and counts the question for the owner', async () => {
    const search = createKnowledgeSearch(models);
    const r = await search.search({ workspaceId: ws, query: '退货运费', minConfidence: 0.99 });
    expect(r.answer).toBeNull();
    expect(r.threshold).toBe(0.99);
    expect(r.suggestions.map((s) => s.question)).toContain('怎么退货？');
    const gaps = await listKbGaps(models, ws, { kind: 'unanswered' });
    expect(gaps.map((g) => [g.text, g.count])).toContainEqual(['退货运费', 1]);
    await search.search({ workspaceId: ws, query: '退货运费', minConfidence: 0.99, recordUnanswered: false });
    expect(
      (await listKbGaps(models, ws, { kind: 'unanswered' })).find((g) => g.text === '退货运费')?.count,
    ).toBe(1);
  });

  it('counts a retried search once when it carries an idempotency key', async () => {
    const search = createKnowledgeSearch(models);
    const input = { workspaceId: ws, query: '你们卖手机壳吗', idempotencyKey: 'run-1/4/0' };
    await search.search(input);
    await search.search(input);
    await search.search({ ...input, idempotencyKey: 'run-2/4/0' });
    const gaps = await listKbGaps(models, ws, { kind: 'unanswered' });
    expect(gaps.find((g) => g.text === '你们卖手机壳吗')?.count).toBe(2);
  });

  it('rebuilds its index only after the knowledge base is touched', async () => {
    const search = createKnowledgeSearch(models);
    expect(
      (await search.search({ workspaceId: ws, query: '衣服怎么洗', recordUnanswered: false })).answer,
    ).toBeNull();
    await models.KbArticle.create({
      workspaceId: ws,
      question: '衣服怎么洗？',
      phrasings: ['可以机洗吗'],
      answer: '冷水手洗。',
    });
    expect(
      (await search.search({ workspaceId: ws, query: '衣服怎么洗', recordUnanswered: false })).answer,
    ).toBeNull();
    await touchKnowledgeBase(models.KbSettings, ws);
    expect(
      (await search.search({ workspaceId: ws, query: '衣服怎么洗', recordUnanswered: false })).answer?.answer,
    ).toBe('冷水手洗。');
  });

  it('records unhelpful answers against their article', async () => {
    const search = createKnowledgeSearch(models);
    const r = await search.search({ workspaceId: ws, query: '包邮吗' });
    await search.markUnhelpful({ workspaceId: ws, articleId: r.answer!.articleId, query: '包邮吗' });
    const gaps = await listKbGaps(models, ws, { kind: 'unhelpful' });
    expect(gaps.map((g) => [String(g.articleId), g.count])).toEqual([[r.answer!.articleId, 1]]);
  });
});
