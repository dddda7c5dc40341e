import { Types, type Connection, type Model } from 'mongoose';
import { faultPoint } from '../faults';
import { idForKey, insertUnique, isDuplicateKey } from './insert-once';
import type { KpiBucketDoc, KpiEventDoc } from './kpi-bucket';
import { ACROSS_TENANTS } from './tenant-scope';

/**
 * Records KPI events exactly once each, with no transaction:
 *
 * 1. the ledger entry is inserted, `due`, its `_id` derived from (kind, entity): a second recording
 *    of the same event — a retried activity, a re-sent message, a sweep — is refused by the primary
 *    key and adds nothing;
 * 2. its increments go to the day's bucket in one `$inc`, conditional on the bucket not holding the
 *    entry's id under `pending`, and setting it there in the same write;
 * 3. the entry is no longer `due`;
 * 4. later (with the next increment this process makes to the bucket) its id leaves `pending`.
 *
 * A writer that stops after 1 leaves a `due` entry: the sweep applies it (2 and 3). One that stops
 * after 2 too: the sweep's step 2 finds the id pending and adds nothing. After 3, a stray pending id
 * is harmless (ids are never reused). The sweep takes an entry only once its applier has held it
 * REAPPLY_AFTER_MS, and takes it by moving `at` (a lease), so two sweeps do not both apply it.
 */
export const REAPPLY_AFTER_MS = 60_000;

export interface KpiEvent {
  workspaceId: string;
  kind: string;
  entityId: string;
  /** The bucket's day, `YYYY-MM-DD` in the workspace's time zone. */
  day: string;
  /** `dims.<dimension value>.<field>` → amount. */
  inc: Record<string, number>;
  /**
   * Another rollup kept by the same ledger: `funnel` adds to `FunnelBucket` `bucket` (whose id, like a
   * KPI bucket's, ends in `:<YYYY-MM-DD>`); `carry` is what its next event reads (funnel-record.ts).
   */
  rollup?: 'funnel';
  bucket?: string;
  carry?: Record<string, unknown>;
}

/** The bucket collection of a ledger entry's rollup. */
const bucketModelOf = (rollup: unknown) => (rollup === 'funnel' ? 'FunnelBucket' : 'KpiBucket');

/** Ids this process has marked applied, by bucket: cleared from the bucket's `pending` by its next write. */
const appliedHere = new Map<string, string[]>();

export const kpiEventId = (e: Pick<KpiEvent, 'workspaceId' | 'kind' | 'entityId'>) =>
  idForKey(`kpi/${e.workspaceId}/${e.kind}/${e.entityId}`);

export const bucketIdOf = (workspaceId: string, day: string) => `${workspaceId}:${day}`;

/**
 * Records the event once; false when it was recorded before (its increments are then in the
 * bucket, or due and applied by the sweep). `stopAfter` is for fault tests: the writer dies there.
 */
export async function recordKpiEvent(
  conn: Connection,
  event: KpiEvent,
  stopAfter?: 'ledger' | 'bucket',
): Promise<boolean> {
  const Ledger = conn.model<KpiEventDoc>('KpiEvent');
  const entry = await insertUnique(Ledger, {
    _id: kpiEventId(event),
    workspaceId: event.workspaceId,
    kind: event.kind,
    entityId: event.entityId,
    bucket: event.bucket ?? bucketIdOf(event.workspaceId, event.day),
    day: event.day,
    inc: Object.entries(event.inc).map(([path, n]) => ({ path, n })),
    ...(event.rollup ? { rollup: event.rollup } : {}),
    ...(event.carry ? { carry: event.carry } : {}),
    due: 'due',
    at: new Date(),
  });
  if (!entry) return false;
  if (stopAfter === 'ledger') return true;
  faultPoint('kpi-event-ledgered');
  await applyEntry(conn, entry.toObject() as LedgerEntry, stopAfter);
  return true;
}

type LedgerEntry = Pick<KpiEventDoc, 'workspaceId' | 'bucket' | 'day' | 'inc'> & {
  _id: unknown;
  rollup?: string | null;
};

async function applyEntry(conn: Connection, entry: LedgerEntry, stopAfter?: 'bucket'): Promise<void> {
  const Bucket = conn.model<KpiBucketDoc>(bucketModelOf(entry.rollup)).collection;
  const Ledger = conn.model<KpiEventDoc>('KpiEvent').collection;
  const id = String(entry._id);
  const done = appliedHere.get(entry.bucket) ?? [];
  appliedHere.delete(entry.bucket);
  const inc: Record<string, number> = {};
  for (const { path, n } of entry.inc) inc[path] = (inc[path] ?? 0) + n;
  const update = {
    $inc: inc,
    $set: { [`pending.${id}`]: 1 },
    $setOnInsert: {
      workspaceId: entry.workspaceId,
      day: entry.day,
      // `<workspaceId>[:<flowId>:<version>]:<YYYY-MM>`: the bucket's id without its day of the month.
      month: entry.bucket.slice(0, -3),
    },
    ...(done.length ? { $unset: Object.fromEntries(done.map((d) => [`pending.${d}`, 1])) } : {}),
  };
  const filter = { _id: entry.bucket as never, [`pending.${id}`]: { $exists: false } };
  try {
    await Bucket.updateOne(filter, update, { upsert: true });
  } catch (err) {
    // Another writer created the bucket first, or it exists and holds this id (the upsert found no
    // match and collided on _id): as an update only, it adds unless the id is there (applied already).
    if ((err as { code?: number }).code !== 11000) throw err;
    await Bucket.updateOne(filter, update);
  }
  if (stopAfter === 'bucket') return;
  await Ledger.updateOne({ _id: entry._id as never, due: 'due' }, { $unset: { due: 1 } });
  appliedHere.set(entry.bucket, [...(appliedHere.get(entry.bucket) ?? []), id]);
}

/**
 * Records the events of documents just inserted together (insertMany: a seed, an import, a test's
 * history) with a few writes instead of a few per event: the ledger entries in one insert, then
 * one `$inc` per bucket setting all of its entries' ids pending at once (so one id present means all
 * were applied), then the entries cleared by their batch key, then the ids unset from the buckets. Documents just inserted have no
 * recorded events, so no entry can exist yet; if one does (a retried insert of a kept id), the batch
 * stops and the documents' marks leave them to the sweep, which records each event once.
 */
export async function recordKpiBatch(
  conn: Connection,
  events: KpiEvent[],
  batch: Types.ObjectId,
): Promise<boolean> {
  if (!events.length) return true;
  const Ledger = conn.model<KpiEventDoc>('KpiEvent');
  const at = new Date();
  const entries = events.map((event) => ({
    _id: kpiEventId(event),
    workspaceId: event.workspaceId,
    kind: event.kind,
    entityId: event.entityId,
    bucket: bucketIdOf(event.workspaceId, event.day),
    day: event.day,
    inc: Object.entries(event.inc).map(([path, n]) => ({ path, n })),
    due: 'due',
    batch,
    at,
  }));
  try {
    await Ledger.insertMany(entries, { ordered: false });
  } catch (err) {
    if (isDuplicateKey(err) || (err as { code?: number; writeErrors?: unknown[] }).writeErrors) return false;
    throw err;
  }
  const byBucket = new Map<string, typeof entries>();
  for (const e of entries) byBucket.set(e.bucket, [...(byBucket.get(e.bucket) ?? []), e]);
  const Bucket = conn.model<KpiBucketDoc>('KpiBucket').collection;
  for (const [bucket, group] of byBucket) {
    const inc: Record<string, number> = {};
    for (const e of group) for (const { path, n } of e.inc) inc[path] = (inc[path] ?? 0) + n;
    const first = group[0]!;
    const update = {
      $inc: inc,
      $set: Object.fromEntries(group.map((e) => [`pending.${String(e._id)}`, 1])),
      // The raw driver: the id is cast here, or the bucket would hold a string no read matches.
      $setOnInsert: {
        workspaceId: new Types.ObjectId(first.workspaceId),
        day: first.day,
        month: `${first.workspaceId}:${first.day.slice(0, 7)}`,
      },
    };
    const filter = { _id: bucket as never, [`pending.${String(first._id)}`]: { $exists: false } };
    try {
      await Bucket.updateOne(filter, update as never, { upsert: true });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      await Bucket.updateOne(filter, update as never);
    }
  }
  for (const workspaceId of new Set(events.map((e) => e.workspaceId)))
    await Ledger.collection.updateMany(
      { workspaceId: new Types.ObjectId(workspaceId), batch, due: 'due' },
      { $unset: { due: 1 } },
    );
  // Applied and known: the ids leave the buckets now (a batch can be thousands).
  for (const [bucket, group] of byBucket)
    await Bucket.updateOne(
      { _id: bucket as never },
      { $unset: Object.fromEntries(group.map((e) => [`pending.${String(e._id)}`, 1])) },
    );
  return true;
}

/**
 * Applies ledger entries whose writer stopped (still `due` REAPPLY_AFTER_MS after it took them):
 * every workspace's (the worker's applier, the API at start), one workspace's before its KPIs are
 * read; at most `limit` due entries read per call. Returns how many it applied.
 */
export async function sweepKpiEvents(
  conn: Connection,
  options: { workspaceId?: string; olderThanMs?: number; limit?: number } = {},
): Promise<number> {
  const Ledger = conn.model<KpiEventDoc>('KpiEvent') as Model<KpiEventDoc>;
  const cutoff = Date.now() - (options.olderThanMs ?? REAPPLY_AFTER_MS);
  const due = await (
    options.workspaceId
      ? Ledger.find({ workspaceId: options.workspaceId, due: 'due' })
      : Ledger.find({ due: 'due' }).setOptions({
          [ACROSS_TENANTS]: 'the KPI sweep: due entries of every workspace, a bounded batch',
        })
  )
    .limit(options.limit ?? 500)
    .lean<(LedgerEntry & { at: Date })[]>();
  let applied = 0;
  for (const entry of due) {
    if (entry.at.getTime() > cutoff) continue;
    // The lease: of two sweeps, the one that moves `at` from what both read applies it.
    const took = await Ledger.collection.updateOne(
      { _id: entry._id as never, due: 'due', at: entry.at },
      { $set: { at: new Date() } },
    );
    if (!took.modifiedCount) continue;
    await applyEntry(conn, entry);
    applied++;
  }
  return applied;
}
