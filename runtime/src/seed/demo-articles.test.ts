import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMatcher } from '../kb/matcher';
import { toKbArticle, type Models } from '../models';
import { startTestDatabase, type TestDatabase } from '../models/test-database';
import { DEMO_ARTICLES } from './demo-articles';
import { seedDemoWorkspace } from './demo-workspace';

// Real FerretDB: seeding runs on every start, and two API processes may start at once.
describe('demo shop starter articles', () => {
  let db: TestDatabase;
  let models: Models;
  const quiet = { info: () => {} };

  beforeAll(async () => {
    db = await startTestDatabase('demoarticles');
    models = db.models;
    await Promise.all([models.KbArticle.init(), models.KbSettings.init(), models.Workspace.init()]);
  });
  afterAll(async () => {
    await db?.stop();
  });

  it('seeds English and Chinese articles once, races included, and the bot can match them', async () => {
    const [workspaceId, again] = await Promise.all([
      seedDemoWorkspace(models, quiet),
      seedDemoWorkspace(models, quiet),
    ]);
    expect(again).toBe(workspaceId);
    const stored = await models.KbArticle.find({ workspaceId }).lean();
    expect(stored).toHaveLength(DEMO_ARTICLES.length);
    expect(new Set(stored.map((a) => a.locale))).toEqual(new Set(['en', 'zh-CN']));

    const matcher = createMatcher(stored.map(toKbArticle));
    expect(matcher.match('我想退货')?.answer?.article.question).toBe('怎么退货？');
    expect(matcher.match('when will my order arrive')?.answer?.article.question).toBe(
      'How long does delivery take?',
    );
  });

  it("keeps an owner's edit and deletion over a restart", async () => {
    const workspaceId = await seedDemoWorkspace(models, quiet);
    await models.KbArticle.updateOne(
      { workspaceId, question: 'How much is shipping?' },
      { $set: { answer: 'Always free.' } },
    );
    await models.KbArticle.deleteOne({ workspaceId, question: '运费怎么算？' });

    await seedDemoWorkspace(models, quiet);
    const stored = await models.KbArticle.find({ workspaceId }).lean();
    expect(stored).toHaveLength(DEMO_ARTICLES.length - 1);
    expect(stored.find((a) => a.question === 'How much is shipping?')?.answer).toBe('Always free.');
    expect(stored.some((a) => a.question === '运费怎么算？')).toBe(false);
  });
});
