import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Models } from '../../models';
import type { Migration } from './define-migration';

/** A runner that has not beaten its heartbeat for this long is taken to have died. */
const STALE_MS = 60_000;
const HEARTBEAT_MS = 10_000;
const POLL_MS = 250;

/**
 * Runs the migrations this store has not finished, in order. Each is claimed with an insert keyed
 * by its id (one winner however many processes start together); the others wait for it to finish,
 * or take it over (a conditional update, one winner) when its runner's heartbeat stops.
 */
export async function runMigrations(
  models: Models,
  migrations: readonly Migration[],
  log: (msg: string) => void = () => {},
): Promise<string[]> {
  const { StoreMigration } = models;
  const owner = `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
  const ran: string[] = [];
  for (const migration of migrations) {
    for (;;) {
      const now = new Date();
      const claimed = await StoreMigration.create({
        _id: migration.id,
        state: 'running',
        owner,
        heartbeatAt: now,
      }).then(
        () => true,
        (err: { code?: number }) => {
          if (err.code === 11000) return false;
          throw err;
        },
      );
      const current = claimed ? null : await StoreMigration.findById(migration.id).lean();
      if (current?.state === 'done') break;
      const takeOver =
        current &&
        now.getTime() - new Date(current.heartbeatAt).getTime() > STALE_MS &&
        (await StoreMigration.findOneAndUpdate(
          { _id: migration.id, state: 'running', heartbeatAt: current.heartbeatAt },
          { $set: { owner, heartbeatAt: now } },
        ));
      if (!claimed && !takeOver) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        continue;
      }
      const heartbeat = setInterval(() => {
        void StoreMigration.updateOne(
          { _id: migration.id, owner },
          { $set: { heartbeatAt: new Date() } },
        ).catch(() => {});
      }, HEARTBEAT_MS);
      try {
        log(`store migration ${migration.id}: running`);
        const result = (await migration.up(models, log)) ?? {};
        await StoreMigration.updateOne(
          { _id: migration.id },
          { $set: { state: 'done', doneAt: new Date(), result } },
        );
        log(`store migration ${migration.id}: done ${JSON.stringify(result)}`);
        ran.push(migration.id);
      } catch (err) {
        // Free the claim so the next start (or another process) runs it again at once.
        await StoreMigration.deleteOne({ _id: migration.id, owner }).catch(() => {});
        throw err;
      } finally {
        clearInterval(heartbeat);
      }
      break;
    }
  }
  return ran;
}
