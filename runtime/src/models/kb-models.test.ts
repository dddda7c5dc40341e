import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from './test-database';
import { createMatcher } from '../kb/matcher';
import { type Models } from './index';
import { toKbArticle } from './kb-article';
import { closeKbGap, listKbGaps, recordKbGap } from './kb-gap';
import { synonymGroups } from './kb-settings';
import { MissingTenantScopeError } from './tenant-scope';

// Real FerretDB: the learning loop's counts rest on how the database answers concurrent upserts.
describe('knowledge-base models', () => {
  let db: TestDatabase;
  let models: Models;
  const workspaceId = new Types.ObjectId();
  const otherWorkspace = new Types.ObjectId();

  beforeAll(async () => {
    db = await startTestDatabase('kb');
    models = db.models;
    await Promise.all([models.KbArticle.init(), models.KbGap.init(), models.KbSettings.init()]);
  });

  afterAll(async () => {
    await db?.stop();
  });

  it('stores articles per workspace, one per question, and feeds them to the matcher', async () => {
    await models.KbArticle.create({
      workspaceId,
      question: '怎么退货？',
      phrasings: ['七天无理由退货吗'],
      answer: '签收后 7 天内可以退货。',
      tags: ['退货'],
    });
    await models.KbArticle.create({
      workspaceId: otherWorkspace,
      question: '怎么退货？',
      answer: '不支持退货。',
    });
    await expect(
      models.KbArticle.create({ workspaceId, question: '怎么退货', answer: 'again' }),
    ).rejects.toThrow(/duplicate key/);
    await expect(models.KbArticle.find({ question: '怎么退货？' })).rejects.toThrow(MissingTenantScopeError);

    const docs = await models.KbArticle.find({ workspaceId, enabled: true }).lean();
    expect(docs).toHaveLength(1);
    const r = createMatcher(docs.map(toKbArticle)).match('我要退货');
    expect(r.answer?.article.answer).toBe('签收后 7 天内可以退货。');
  });

  it('keeps workspace synonyms and a threshold with a default', async () => {
    const s = await models.KbSettings.create({ workspaceId, synonyms: [{ terms: ['退货', 'return'] }] });
    expect(s.threshold).toBeGreaterThan(0);
    expect(synonymGroups(await models.KbSettings.findOne({ workspaceId }).lean())).toEqual([
      ['退货', 'return'],
    ]);
    await expect(models.KbSettings.create({ workspaceId: otherWorkspace, threshold: 2 })).rejects.toThrow(
      /threshold/,
    );
  });

  it('counts unanswered questions by wording, even when recorded at the same time', async () => {
    await Promise.all(
      Array.from({ length: 5 }, () =>
        recordKbGap(models, { workspaceId, kind: 'unanswered', text: 'Do you sell gift cards?' }),
      ),
    );
    await recordKbGap(models, { workspaceId, kind: 'unanswered', text: 'do you sell gift cards' });
    await recordKbGap(models, { workspaceId, kind: 'unanswered', text: '你们卖手机壳吗' });
    await recordKbGap(models, {
      workspaceId: otherWorkspace,
      kind: 'unanswered',
      text: 'Do you sell gift cards?',
    });
    await recordKbGap(models, { workspaceId, kind: 'unanswered', text: '   ' });

    const gaps = await listKbGaps(models, workspaceId, { kind: 'unanswered' });
    expect(gaps.map((g) => [g.text, g.count])).toEqual([
      ['do you sell gift cards', 6],
      ['你们卖手机壳吗', 1],
    ]);
  });

  it('counts a retried occurrence once', async () => {
    const once = {
      workspaceId,
      kind: 'unanswered' as const,
      text: 'Is shipping free?',
      idempotencyKey: 'step-7',
    };
    await Promise.all([recordKbGap(models, once), recordKbGap(models, once)]);
    await recordKbGap(models, once);
    const gaps = await listKbGaps(models, workspaceId, { kind: 'unanswered' });
    expect(gaps.find((g) => g.text === 'Is shipping free?')?.count).toBe(1);
  });

  it('counts unhelpful answers per article, and hides gaps the owner closed', async () => {
    const articleA = new Types.ObjectId();
    const articleB = new Types.ObjectId();
    await recordKbGap(models, { workspaceId, kind: 'unhelpful', text: 'refund time', articleId: articleA });
    await recordKbGap(models, { workspaceId, kind: 'unhelpful', text: 'refund time', articleId: articleA });
    await recordKbGap(models, { workspaceId, kind: 'unhelpful', text: 'refund time', articleId: articleB });
    const unhelpful = await listKbGaps(models, workspaceId, { kind: 'unhelpful' });
    expect(unhelpful.map((g) => [String(g.articleId), g.count])).toEqual([
      [String(articleA), 2],
      [String(articleB), 1],
    ]);

    expect(await closeKbGap(models, workspaceId, String(unhelpful[0]!._id), 'done')).toBe(true);
    expect(await closeKbGap(models, otherWorkspace, String(unhelpful[1]!._id), 'dismissed')).toBe(false);
    const open = await listKbGaps(models, workspaceId, { kind: 'unhelpful' });
    expect(open.map((g) => String(g.articleId))).toEqual([String(articleB)]);
    const done = await listKbGaps(models, workspaceId, { status: 'done' });
    expect(done).toHaveLength(1);
  });
});
