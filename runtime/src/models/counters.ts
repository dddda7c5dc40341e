import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { CounterDoc } from './counter';

/**
 * Counters the console shows beside its lists (open tickets, contacts, …), so no screen counts
 * documents. One helper for every count:
 *
 * - **No lost updates**: an addition is one `$inc` on one document, atomic on MongoDB and on the
 *   embedded store (its write guard retries a racing write from a fresh read).
 * - **No hot document**: a counter is `COUNTER_SHARDS` documents; an addition goes to the shard its
 *   operation id hashes to, a read sums them (one equality lookup).
 * - **Once per operation**: each shard remembers the last `RECENT_OPS` operation ids it applied and
 *   the `$inc` is conditional on the id not being there, so an addition retried after a crash, or
 *   applied by a writer and a repair racing, counts once.
 *
 * Which changes owe which additions, and how a count whose writer stopped is repaired, is
 * counted.ts: the change records what it owes in the same write, then pays it here.
 */
export const COUNTER_SHARDS = 8;
const RECENT_OPS = 128;

/** Adds `delta` to the counter `key` once per `opId`, however often it is called. */
export async function addOnce(conn: Connection, key: string, delta: number, opId: string): Promise<void> {
  if (delta === 0) return;
  const Counter = conn.model<CounterDoc>('Counter');
  const op = shortId(opId);
  const _id = `${key}#${parseInt(op.slice(0, 6), 16) % COUNTER_SHARDS}`;
  const add = (upsert: boolean) =>
    Counter.updateOne(
      { _id, ops: { $ne: op } },
      { $inc: { n: delta }, $push: { ops: { $each: [op], $slice: -RECENT_OPS } }, $setOnInsert: { key } },
      { upsert },
    );
  try {
    await add(true);
  } catch (err) {
    // The shard exists and holds this op (applied already), or another writer created it first.
    if ((err as { code?: number }).code !== 11000) throw err;
    await add(false);
  }
}

/** The current value of each counter (0 for one never added to). */
export async function readCounts<K extends string>(
  conn: Connection,
  keys: readonly K[],
): Promise<Record<K, number>> {
  const Counter = conn.model<CounterDoc>('Counter');
  const sums = await Promise.all(
    keys.map(async (key) => {
      const shards = await Counter.find({ key }, { n: 1 }).lean();
      return shards.reduce((sum, s) => sum + s.n, 0);
    }),
  );
  return Object.fromEntries(keys.map((k, i) => [k, sums[i]])) as Record<K, number>;
}

/**
 * Sets counters outright, from a count of the data (the backfill). Not safe against concurrent
 * additions: for a store no process writes to yet.
 */
export async function resetCounts(conn: Connection, values: ReadonlyMap<string, number>): Promise<void> {
  const Counter = conn.model<CounterDoc>('Counter');
  for (const [key, n] of values) {
    await Counter.deleteMany({ key });
    if (n) await Counter.create({ _id: `${key}#0`, key, n, ops: [] });
  }
}

/** Operation ids are kept short so a shard's memory of them stays small to read. */
function shortId(opId: string): string {
  return createHash('sha256').update(opId).digest('hex').slice(0, 16);
}
