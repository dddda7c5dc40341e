import { Schema, Types, type Connection, type InferSchemaType, type Model } from 'mongoose';
import { questionKey } from '../kb/article';
import { ALLOW_SCAN, growsWithHistory, LISTS_BEING_BOUNDED } from './query-audit';
import { tenantScoped } from './tenant-scope';
import { upsertOnce } from './upsert';

/**
 * The learning loop: questions the bot could not answer and answers customers marked
 * unhelpful, counted per wording, so owners see the commonest first and turn one into a new
 * article or a new phrasing with one click.
 *
 * A gap holds the wording and the owner's decision; each occurrence is its own insert in
 * KbGapHit and counts are summed when listed. A `$inc` counter would be simpler, but FerretDB
 * 1.x applies updates as read-modify-write without transactions, so concurrent increments are
 * lost (the FerretDB test shows it); inserts are never lost.
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
  },
  { timestamps: true },
);
kbGapSchema.plugin(tenantScoped);
kbGapSchema.plugin(growsWithHistory);
kbGapSchema.index({ workspaceId: 1, kind: 1, articleId: 1, key: 1 }, { unique: true });

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
  try {
    await store.KbGapHit.create({
      ...where,
      at,
      ...(input.idempotencyKey ? { _id: input.idempotencyKey } : {}),
    });
  } catch (err) {
    // Same idempotency key: this occurrence is already counted.
    if ((err as { code?: number }).code !== 11000) throw err;
  }
  // Two first occurrences may race to insert: upsertOnce runs the loser again as an update.
  // $max: an occurrence recorded late (a retried step) does not move lastAt back.
  await upsertOnce(() =>
    store.KbGap.updateOne(
      where,
      { $set: { text }, $max: { lastAt: at }, $setOnInsert: { status: 'open' } },
      { upsert: true },
    ),
  );
}

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
  const ws = new Types.ObjectId(String(workspaceId));
  const kind = filter.kind ? { kind: filter.kind } : {};
  const [gaps, counts] = await Promise.all([
    store.KbGap.find({ workspaceId: ws, status: filter.status ?? 'open', ...kind })
      .setOptions({ [ALLOW_SCAN]: LISTS_BEING_BOUNDED })
      .lean(),
    store.KbGapHit.aggregate<{
      _id: { kind: string; articleId: Types.ObjectId | null; key: string };
      count: number;
    }>([
      { $match: { workspaceId: ws, ...kind } },
      { $group: { _id: { kind: '$kind', articleId: '$articleId', key: '$key' }, count: { $sum: 1 } } },
    ]).option({ [ALLOW_SCAN]: LISTS_BEING_BOUNDED } as object),
  ]);
  const countOf = new Map(counts.map((c) => [gapId(c._id), c.count]));
  return gaps
    .map((g) => ({ ...g, count: countOf.get(gapId(g)) ?? 0 }))
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

function gapId(g: { kind: string; articleId?: Types.ObjectId | null; key: string }): string {
  return `${g.kind}\u0001${g.articleId ? String(g.articleId) : ''}\u0001${g.key}`;
}
