import { Schema, Types, type Connection, type InferSchemaType, type Model } from 'mongoose';
import { questionKey } from '../kb/article';
import { listKeys } from './list-keys';
import { growsWithHistory } from './query-audit';
import { tenantScoped } from './tenant-scope';
import { isDuplicateKey } from './insert-once';

/**
 * The learning loop: questions the bot could not answer and answers customers marked
 * unhelpful, counted per wording, so owners see the commonest first and turn one into a new
 * article or a new phrasing with one click.
 *
 * A gap holds the wording, the owner's decision and its count. Each occurrence is its own insert
 * in KbGapHit (once per idempotency key), then counts on its gap with a `$inc` that remembers the
 * latest occurrences it counted, so a retried occurrence counts once (as models/counters.ts does).
 * The list reads the open gaps by one key (`statusKey`) and sorts them by count, never summing
 * the hits.
 */
export const kbGapSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, required: true, enum: ['unanswered', 'unhelpful'] },
    /** `questionKey` of the customer's wording: the same question asked again counts up. */
    key: { type: String, required: true },
    /** The latest wording, as the customer typed it. */
    text: { type: String, required: true, maxlength: 1000 },
    /** For unhelpful answers: the article that did not help (null for unanswered). */
    articleId: { type: Schema.Types.ObjectId, default: null },
    lastAt: { type: Date, required: true },
    /** open until the owner turns it into an article/phrasing (done) or dismisses it. */
    status: { type: String, required: true, enum: ['open', 'done', 'dismissed'], default: 'open' },
    /** Occurrences counted so far, and the ids of the latest ones (so a retry counts once). */
    count: { type: Number, default: 0 },
    recentHits: { type: [String], default: undefined },
    /** `<workspaceId>:<status>`: the open gaps are one lookup. */
    statusKey: { type: String },
  },
  { timestamps: true },
);
kbGapSchema.plugin(tenantScoped);
kbGapSchema.plugin(growsWithHistory);
kbGapSchema.index({ workspaceId: 1, kind: 1, articleId: 1, key: 1 }, { unique: true });
listKeys(kbGapSchema, {
  derived: [
    { field: 'statusKey', from: 'status', key: (ws, status) => (status ? `${ws}:${String(status)}` : null) },
  ],
});

export const kbGapHitSchema = new Schema({
  /** The recording step's idempotency key when it has one, so a retried activity counts once. */
  _id: { type: String, default: () => new Types.ObjectId().toHexString() },
  workspaceId: { type: Schema.Types.ObjectId, required: true },
  kind: { type: String, required: true },
  key: { type: String, required: true },
  articleId: { type: Schema.Types.ObjectId, default: null },
  at: { type: Date, required: true },
});
kbGapHitSchema.plugin(tenantScoped);
kbGapHitSchema.plugin(growsWithHistory);
kbGapHitSchema.index({ workspaceId: 1, kind: 1 });

export type KbGapDoc = InferSchemaType<typeof kbGapSchema>;
export type KbGapHitDoc = InferSchemaType<typeof kbGapHitSchema>;
export const kbGapModel = (conn: Connection) => conn.model('KbGap', kbGapSchema);
export const kbGapHitModel = (conn: Connection) => conn.model('KbGapHit', kbGapHitSchema);

export interface GapStore {
  KbGap: Model<KbGapDoc>;
  KbGapHit: Model<KbGapHitDoc>;
}

export interface GapInput {
  workspaceId: string | Types.ObjectId;
  kind: KbGapDoc['kind'];
  text: string;
  articleId?: string | Types.ObjectId | null;
  at?: Date;
  /** A retried call with the same key is counted once. */
  idempotencyKey?: string;
}

/** Records one occurrence. A dismissed or done gap keeps its status; its count still grows. */
export async function recordKbGap(store: GapStore, input: GapInput): Promise<void> {
  const text = input.text.trim().slice(0, 1000);
  const key = questionKey(text);
  if (!key) return;
  const at = input.at ?? new Date();
  const where = {
    workspaceId: new Types.ObjectId(String(input.workspaceId)),
    kind: input.kind,
    articleId: input.articleId ? new Types.ObjectId(String(input.articleId)) : null,
    key,
  };
  const hit = input.idempotencyKey ?? new Types.ObjectId().toHexString();
  try {
    await store.KbGapHit.create({ ...where, at, _id: hit });
  } catch (err) {
    // Same idempotency key: this occurrence is stored; the count below is once per hit anyway.
    if ((err as { code?: number }).code !== 11000) throw err;
  }
  // Counted unless this hit is among the latest the gap counted (a retry of the same occurrence).
  // $max: an occurrence recorded late (a retried step) does not move lastAt back.
  const count = (upsert: boolean) =>
    store.KbGap.updateOne(
      { ...where, recentHits: { $ne: hit } },
      {
        $set: { text },
        $max: { lastAt: at },
        $inc: { count: 1 },
        $push: { recentHits: { $each: [hit], $slice: -RECENT_HITS } },
        $setOnInsert: { status: 'open' },
      },
      { upsert },
    );
  // Not upsertOnce: the filter also says "not counted yet", so the upsert of a hit already counted
  // collides again. Either way the gap exists now: count on it unless it holds this hit.
  try {
    await count(true);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    await count(false);
  }
}

const RECENT_HITS = 64;

export interface GapFilter {
  kind?: KbGapDoc['kind'];
  status?: KbGapDoc['status'];
  limit?: number;
}

/** A workspace's gaps with their counts, most frequent first (then most recent). */
export async function listKbGaps(
  store: GapStore,
  workspaceId: string | Types.ObjectId,
  filter: GapFilter = {},
) {
  const ws = String(workspaceId);
  // The gaps of one status: a working set the owner keeps small by handling them.
  const gaps = await store.KbGap.find({
    workspaceId: ws,
    statusKey: `${ws}:${filter.status ?? 'open'}`,
  }).lean();
  return gaps
    .filter((g) => !filter.kind || g.kind === filter.kind)
    .map(({ recentHits: _hits, statusKey: _key, ...g }) => ({ ...g, count: g.count ?? 0 }))
    .sort((a, b) => b.count - a.count || b.lastAt.getTime() - a.lastAt.getTime())
    .slice(0, filter.limit ?? 50);
}

/** Marks a gap handled (turned into an article or phrasing) or dismissed. */
export async function closeKbGap(
  store: GapStore,
  workspaceId: string | Types.ObjectId,
  gapId: string,
  status: 'done' | 'dismissed',
): Promise<boolean> {
  const r = await store.KbGap.updateOne(
    { workspaceId: new Types.ObjectId(String(workspaceId)), _id: new Types.ObjectId(gapId) },
    { $set: { status } },
  );
  return r.matchedCount === 1;
}
