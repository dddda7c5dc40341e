import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listKbGaps } from '../../models/kb-gap';
import { startTestDatabase, type TestDatabase } from '../../models/test-database';
import { kbGapCounts } from './0005-kb-gap-counts';

/** Gaps an older Kefu stored (counted by summing hits when listed) get their count and list key. */
describe('migration 0005: knowledge-base gap counts', () => {
  let db: TestDatabase;
  const ws = new Types.ObjectId();
  beforeAll(async () => {
    db = await startTestDatabase('migrate0005');
    const raw = (name: string) => db.conn.db!.collection(name);
    const gap = (key: string, status: string) => ({
      workspaceId: ws,
      kind: 'unanswered',
      key,
      text: key,
      articleId: null,
      lastAt: new Date(),
      status,
    });
    await raw('kbgaps').insertMany([
      gap('gift cards', 'open'),
      gap('phone cases', 'open'),
      gap('old', 'dismissed'),
    ]);
    const hit = (key: string) => ({
      _id: new Types.ObjectId().toHexString(),
      workspaceId: ws,
      kind: 'unanswered',
      key,
      articleId: null,
      at: new Date(),
    });
    await db.models.KbGapHit.insertMany([
      hit('gift cards'),
      hit('gift cards'),
      hit('gift cards'),
      hit('phone cases'),
      hit('old'),
    ]);
  });
  afterAll(async () => {
    await db?.stop();
  });

  it('sums each gap once from its hits; a second run changes nothing', async () => {
    expect(await kbGapCounts.up(db.models, () => {})).toEqual({ hits: 5, gaps: 3, changed: 3 });
    const gaps = await listKbGaps(db.models, ws);
    expect(gaps.map((g) => [g.text, g.count])).toEqual([
      ['gift cards', 3],
      ['phone cases', 1],
    ]);
    expect(await kbGapCounts.up(db.models, () => {})).toEqual({ hits: 5, gaps: 3, changed: 0 });
  });
});
