import { Schema, Types, type Model, type QueryFilter, type UpdateQuery } from 'mongoose';

/**
 * Edits computed from what a document holds (a ticket's tags plus one, a team's next round-robin
 * turn) must not be computed from a stale read: two agents adding a tag each read `[a]`, one writes
 * `[a, b]`, the other `[a, c]`, and one tag is lost, on MongoDB as on the embedded store.
 *
 * A revisioned document carries `rev`, a fresh random token on every write (every update, updateMany,
 * bulkWrite and save through Mongoose gets one from this plugin), and `changeFromRead` writes only
 * if `rev` is still the one it read, else reads again and decides again. A token rather than a
 * counter keeps every update idempotent (`$set`), so the store's stale-write retry still applies to
 * an updateMany that carries it.
 */
export const REVISION_FIELD = 'rev';

export function revisioned(schema: Schema): void {
  schema.add({ [REVISION_FIELD]: { type: Schema.Types.ObjectId } });
  schema.pre(['updateOne', 'updateMany', 'findOneAndUpdate'], { document: false, query: true }, function () {
    this.setUpdate(withNewRevision(this.getUpdate() as Record<string, unknown> | null));
  });
  schema.pre('bulkWrite', function (ops) {
    for (const op of ops as Record<string, { update?: Record<string, unknown> }>[]) {
      const body = op.updateOne ?? op.updateMany;
      if (body?.update) body.update = withNewRevision(body.update);
    }
  });
  schema.pre('save', function () {
    this.set(REVISION_FIELD, new Types.ObjectId());
  });
}

function withNewRevision(update: Record<string, unknown> | null): Record<string, unknown> {
  if (Array.isArray(update)) throw new Error('revisioned: update pipelines are not supported');
  const operators: Record<string, unknown> = {};
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(update ?? {}))
    (key.startsWith('$') ? operators : plain)[key] = value;
  // Mongoose reads top-level fields of an update as $set; fold them in so $set stays one object.
  const $set = {
    ...plain,
    ...((operators.$set as object | undefined) ?? {}),
    [REVISION_FIELD]: new Types.ObjectId(),
  };
  return { ...operators, $set };
}

/** The edit `decide` wants applied to the document it was given, and what to tell the caller. */
export interface Decision<R> {
  /** null: nothing to change (the document already says it). */
  update: UpdateQuery<unknown> | null;
  result: R;
}

export interface Changed<T, R> {
  /** The document the decision was made on: exactly what the update changed from. */
  before: T;
  /** The document right after this update (the same as `before` when there was nothing to write). */
  after: T;
  result: R;
  written: boolean;
}

/** The document kept changing under every attempt (a write storm on one document). */
export class WriteConflictError extends Error {
  constructor(model: string, attempts: number) {
    super(`${model}: the document changed under each of ${attempts} attempts to edit it`);
    this.name = 'WriteConflictError';
  }
}

const MAX_ATTEMPTS = 40;

/**
 * Read, decide, write if unchanged: the one way to write a value computed from the document itself.
 * `decide` may be called several times (once per attempt) and must only compute; side effects
 * belong after the call, when `written` says the change is in. Null when no document matches.
 * The model must be `revisioned`.
 */
export async function changeFromRead<T, R = undefined>(
  model: Model<T>,
  filter: QueryFilter<T>,
  decide: (current: T & { _id: Types.ObjectId }, attempt: number) => Decision<R> | Promise<Decision<R>>,
): Promise<Changed<T & { _id: Types.ObjectId }, R> | null> {
  if (!model.schema.path(REVISION_FIELD)) throw new Error(`${model.modelName} is not revisioned`);
  type Row = T & { _id: Types.ObjectId; rev?: Types.ObjectId };
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const current = (await model.findOne(filter).lean()) as Row | null;
    if (!current) return null;
    const { update, result } = await decide(current, attempt);
    if (!update) return { before: current, after: current, result, written: false };
    const unchanged = { ...filter, [REVISION_FIELD]: current.rev ?? { $exists: false } } as QueryFilter<T>;
    const after = (await model
      .findOneAndUpdate(unchanged, update as UpdateQuery<T>, { returnDocument: 'after' })
      .lean()) as Row | null;
    if (after) return { before: current, after, result, written: true };
    // Someone wrote in between: spread out, so racing editors do not collide again in step.
    await new Promise((r) => setTimeout(r, Math.random() * Math.min(5 * attempt, 100)));
  }
  throw new WriteConflictError(model.modelName, MAX_ATTEMPTS);
}
