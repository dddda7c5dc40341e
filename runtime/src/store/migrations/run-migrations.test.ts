import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../models/test-database';
import { defineMigration } from './define-migration';
import { forEachBatch } from './for-each-batch';
import { runMigrations } from './run-migrations';

describe('store migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await startTestDatabase('migrations');
  });
  afterAll(async () => {
    await db?.stop();
  });

  it('runs each migration once, in order, however many processes start together', async () => {
    const calls: string[] = [];
    const slow = (id: string) =>
      defineMigration({
        id,
        async up() {
          calls.push(id);
          await new Promise((r) => setTimeout(r, 300));
          return { id };
        },
      });
    const migrations = [slow('0001-first'), slow('0002-second')];
    const runs = await Promise.all(Array.from({ length: 5 }, () => runMigrations(db.models, migrations)));
    expect(calls).toEqual(['0001-first', '0002-second']);
    expect(runs.flat().sort()).toEqual(['0001-first', '0002-second']);
    expect(await runMigrations(db.models, migrations)).toEqual([]);
    const done = await db.models.StoreMigration.findById('0002-second').lean();
    expect(done).toMatchObject({ state: 'done', result: { id: '0002-second' } });
  });

  it('leaves a failed migration unclaimed, so the next start runs it again', async () => {
    let attempts = 0;
    const flaky = defineMigration({
      id: '0003-flaky',
      async up() {
        attempts++;
        if (attempts === 1) throw new Error('interrupted');
      },
    });
    await expect(runMigrations(db.models, [flaky])).rejects.toThrow('interrupted');
    expect(await runMigrations(db.models, [flaky])).toEqual(['0003-flaky']);
    expect(attempts).toBe(2);
  });

  it('takes over a migration whose runner stopped beating', async () => {
    await db.models.StoreMigration.create({
      _id: '0004-orphan',
      state: 'running',
      owner: 'a process that died',
      heartbeatAt: new Date(Date.now() - 5 * 60_000),
    });
    const ran = await runMigrations(db.models, [defineMigration({ id: '0004-orphan', up: async () => {} })]);
    expect(ran).toEqual(['0004-orphan']);
  });

  it('walks every workspace in bounded batches', async () => {
    const { Team } = db.models;
    const workspaces = ['6b15db920708d7e929811be1', '6b15db920708d7e929811be2'];
    await Team.insertMany(
      Array.from({ length: 25 }, (_, i) => ({
        workspaceId: workspaces[i % 2],
        key: `t${i}`,
        name: `Team ${i}`,
      })),
    );
    const sizes: number[] = [];
    const seen = await forEachBatch(Team, {}, 10, async (batch) => {
      sizes.push(batch.length);
    });
    expect(seen).toBe(25);
    expect(sizes).toEqual([10, 10, 5]);
  });
});
