import { Schema, Types, type Connection, type Model, type Query } from 'mongoose';
import type { CountIntentDoc } from './counter';
import { addOnce } from './counters';
import { viewOf } from './list-keys';
import {
  bulkWriteParts,
  has,
  insertedItems,
  isDocument,
  setOn,
  type BatchUpdate as Update,
} from './batch-items';
import { ACROSS_TENANTS } from './tenant-scope';

/**
 * Keeps counters (counters.ts) equal to what the documents of a model say, through every write
 * the model makes, without any writer knowing about it.
 *
 * A document stores `counted`: the counters it is counted in now. When a write touches a field
 * the counts depend on, the same write marks the document (`recount`, a fresh `recountToken`);
 * afterwards the document is reconciled: read, the counters it should be in computed, and the
 * difference recorded as `owed` by a write conditional on the token (so of two racing changes the
 * later one's reconcile counts, and a transition counts once), then added with `addOnce` and
 * cleared. Inserts write a `CountIntent` first, then the documents, then add and delete it.
 *
 * A writer that stops half way leaves a marked document, an `owed`, or an intent; `repairCounts`
 * finishes them: for every workspace when the API starts, and for one workspace before its counts
 * are read (a few key lookups), so a count shown is never missing a change whose writer died.
 * addOnce's memory of operation ids keeps a repair racing the writer from counting twice. Writes that bypass the model (the raw
 * driver) are not counted.
 */
export interface CountSpec {
  /** The top-level fields the counts depend on. */
  fields: string[];
  /** The counters (named within the workspace) a document is in now. */
  counts(doc: Record<string, unknown>): string[];
}

type Doc = Record<string, unknown> & {
  _id: unknown;
  workspaceId: unknown;
  counted?: string[];
  recountToken?: unknown;
  owed?: { token: string; deltas: { name: string; d: number }[] } | null;
  insertToken?: unknown;
};
type AnyQuery = Query<unknown, unknown> & { model: Model<unknown>; op?: string };

const specs = new WeakMap<Schema, CountSpec>();
const queryTokens = new WeakMap<object, { token: Types.ObjectId; insertOnly: boolean }>();
const UPDATES: ('updateOne' | 'updateMany' | 'findOneAndUpdate')[] = [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
];
const RECOUNT_DUE = 'due';
/**
 * An insert intent this old has lost its writer; a younger one may be half inserted, and paying
 * it now would count only the part stored (its payment counts once, so the rest would be lost).
 */
export const REPAIR_AFTER_MS = 30_000;

/** The bookkeeping fields of a counted model, spread into its schema definition. */
export const countedFields = {
  /** The counters this document is counted in now. */
  counted: { type: [String], default: undefined },
  /**
   * `due` from a change to a counted field until its counts are reconciled. A string, not a
   * boolean, so the lookup of the few marked documents is a key lookup (store/query-shape.ts).
   */
  recount: { type: String },
  recountToken: { type: Schema.Types.ObjectId },
  /** Counts a reconcile recorded and is adding. */
  owed: { type: Schema.Types.Mixed },
  /** The insert that stored this document (its CountIntent's id). */
  insertToken: { type: Schema.Types.ObjectId },
  /**
   * Set just before the document is deleted (privacy/erase.ts): a delete is not counted, so the
   * document first leaves every counter by an ordinary counted update, then goes.
   */
  erasing: { type: Boolean },
};

export function counted(schema: Schema, given: CountSpec): void {
  const spec: CountSpec = {
    fields: [...given.fields, 'erasing'],
    counts: (doc) => (doc.erasing ? [] : given.counts(doc)),
  };
  specs.set(schema, spec);
  for (const [field, type] of Object.entries(countedFields))
    if (!schema.path(field)) schema.add({ [field]: type });
  // Only marked documents carry these, so the lookups read the few in flight.
  schema.index({ recount: 1 });
  schema.index({ recountToken: 1 });

  schema.pre('save', async function () {
    const doc = this as unknown as SavedDoc;
    if (doc.isNew) {
      const token = new Types.ObjectId();
      const counts = spec.counts(doc.toObject());
      doc.set('counted', counts);
      doc.set('insertToken', token);
      if (counts.length) {
        const workspaceId = String(doc.get('workspaceId'));
        await intentModel(modelOf(doc)).create({
          _id: token,
          model: modelOf(doc).modelName,
          items: [{ id: doc._id, workspaceId, counts }],
          workspaces: [workspaceId],
          at: new Date(),
        });
        doc.$locals.countIntent = token;
      }
    } else if (spec.fields.some((f) => doc.isModified(f))) {
      const token = new Types.ObjectId();
      doc.set('recount', RECOUNT_DUE);
      doc.set('recountToken', token);
      doc.$locals.recountToken = token;
    }
  });
  schema.post('save', async function () {
    const doc = this as unknown as SavedDoc;
    const model = modelOf(doc);
    if (doc.$locals.countIntent) await payInserts(model, [doc.toObject() as Doc]);
    if (doc.$locals.recountToken)
      await reconcileToken(model, doc.get('workspaceId'), doc.$locals.recountToken as Types.ObjectId);
  });

  schema.pre('insertMany', async function (docs: unknown) {
    await noteInserts(this as unknown as Model<unknown>, spec, insertedItems<Doc>(docs));
  });
  // bulkWrite skips the query middleware: its changes are marked here and reconciled when the
  // workspace's counts are next read; its inserts are paid by the repair (their intent).
  schema.pre('bulkWrite', async function (ops: unknown[]) {
    const model = this as unknown as Model<unknown>;
    const { inserts, updates } = bulkWriteParts<Doc>(ops);
    for (const { update, upsert } of updates) markUpdate(spec, update, upsert);
    if (inserts.length) await noteInserts(model, spec, inserts);
  });
  schema.post('insertMany', async function (docs: unknown) {
    const inserted = insertedItems<Doc>(docs).map((d) => (isDocument<Doc>(d) ? d.toObject() : d));
    await payInserts(this as unknown as Model<unknown>, inserted);
  });

  schema.pre(UPDATES, { document: false, query: true }, function () {
    const query = this as unknown as AnyQuery;
    const update = query.getUpdate() as Update | null;
    if (!update || Array.isArray(update)) return;
    const mark = markUpdate(spec, update, Boolean(query.getOptions().upsert));
    if (!mark) return;
    query.setUpdate(update);
    queryTokens.set(query, mark);
  });
  schema.post(UPDATES, { document: false, query: true }, async function (res: unknown) {
    const query = this as unknown as AnyQuery;
    const mark = queryTokens.get(query);
    if (!mark) return;
    queryTokens.delete(query);
    const result = (res ?? {}) as { upsertedId?: unknown; matchedCount?: number; value?: unknown };
    if (query.op === 'findOneAndUpdate') {
      // An upsert that only marks what it inserts: was this one an insert?
      const returned = ('value' in result ? result.value : res) as Doc | null;
      const options = query.getOptions() as { new?: boolean; returnDocument?: string };
      const after = options.new === true || options.returnDocument === 'after';
      if (mark.insertOnly && returned && (!after || String(returned.recountToken) !== String(mark.token)))
        return;
    } else if (!result.upsertedId && (mark.insertOnly || !result.matchedCount)) return;
    await reconcileToken(query.model, (query.getFilter() as Doc).workspaceId, mark.token);
  });
}

/**
 * Marks an update that touches a counted field (or may insert) with a fresh token, in the same
 * write; null when it needs none.
 */
function markUpdate(
  spec: CountSpec,
  update: Update,
  upsert: boolean,
): { token: Types.ObjectId; insertOnly: boolean } | null {
  const touches = spec.fields.some((f) => has(update.$set, f) || has(update.$unset, f) || has(update, f));
  if (!touches && !upsert) return null;
  const token = new Types.ObjectId();
  const mark = { recount: RECOUNT_DUE, recountToken: token };
  if (touches) update.$set = { ...update.$set, ...mark };
  // A new document starts counted in nothing; its reconcile counts it.
  update.$setOnInsert = { ...update.$setOnInsert, counted: [], ...(touches ? {} : mark) };
  return { token, insertOnly: !touches };
}

/** Sets what items about to be inserted are counted in, and writes the intent that owes it. */
async function noteInserts(model: Model<unknown>, spec: CountSpec, items: Doc[]): Promise<void> {
  const token = new Types.ObjectId();
  const owing: { id: unknown; workspaceId: string; counts: string[] }[] = [];
  for (const item of items) {
    const view = viewOf(model, item) as Doc;
    const counts = spec.counts(view);
    // The id is fixed now (the insert keeps it) so the intent can name the document.
    const id = item._id ?? view._id ?? new Types.ObjectId();
    if (item._id === undefined) setOn(item, '_id', id);
    setOn(item, 'counted', counts);
    setOn(item, 'insertToken', token);
    if (counts.length) owing.push({ id, workspaceId: String(view.workspaceId), counts });
  }
  if (owing.length)
    await intentModel(model).create({
      _id: token,
      model: model.modelName,
      items: owing,
      workspaces: [...new Set(owing.map((o) => o.workspaceId))],
      at: new Date(),
    });
}

/** Finishes every change and insert of these models whose writer stopped more than `olderThanMs` ago. */
export async function repairCounts(
  models: Record<string, Model<unknown>>,
  options: { olderThanMs?: number; workspaceId?: string } = {},
): Promise<number> {
  const cutoff = Date.now() - (options.olderThanMs ?? REPAIR_AFTER_MS);
  const ws = options.workspaceId;
  let repaired = 0;
  for (const model of Object.values(models)) {
    const spec = specs.get(model.schema);
    if (!spec) continue;
    const marked = await (
      ws
        ? model.find({ workspaceId: ws, recount: RECOUNT_DUE })
        : model
            .find({ recount: RECOUNT_DUE })
            .setOptions({ [ACROSS_TENANTS]: 'the count repair at start: every workspace' })
    ).lean<Doc[]>();
    // Reconciles race safely (every step is conditional), so a change still in its writer's hands
    // may be finished here too.
    for (const doc of marked) {
      await reconcile(model, spec, doc);
      repaired++;
    }
  }
  const anyModel = Object.values(models)[0];
  if (!anyModel) return repaired;
  const Intent = intentModel(anyModel);
  for (const intent of await Intent.find(ws ? { workspaces: ws } : {}).lean<CountIntentDoc[]>()) {
    if (tokenTime(intent._id) >= cutoff) continue;
    const model = (models[intent.model] ?? anyModel.db.model(intent.model)) as Model<unknown>;
    const present = await Promise.all(
      intent.items.map((item) => model.findOne({ _id: item.id, workspaceId: item.workspaceId }).lean<Doc>()),
    );
    // Only documents this insert stored owe its counts: a retried insert that collided did not.
    const stored = present.filter(
      (d): d is Doc => Boolean(d) && String(d!.insertToken) === String(intent._id),
    );
    await payInserts(model, stored, intent);
    await Intent.deleteOne({ _id: intent._id });
    repaired++;
  }
  return repaired;
}

/** The count spec of a model, if it keeps counts. */
export function countSpecOf(model: Model<unknown>): CountSpec | undefined {
  return specs.get(model.schema);
}

/** Adds what an insert's documents owe, once, and forgets its intent. */
async function payInserts(model: Model<unknown>, docs: Doc[], intent?: CountIntentDoc): Promise<void> {
  const byToken = new Map<string, Map<string, number>>();
  const source = intent
    ? intent.items
        .filter((i) => docs.some((d) => String(d._id) === String(i.id)))
        .map((i) => ({ token: String(intent._id), workspaceId: i.workspaceId, counts: i.counts }))
    : docs.map((d) => ({
        token: String(d.insertToken),
        workspaceId: String(d.workspaceId),
        counts: d.counted ?? [],
      }));
  for (const { token, workspaceId, counts } of source) {
    const sums = byToken.get(token) ?? new Map<string, number>();
    for (const name of counts) {
      const key = `${workspaceId}:${name}`;
      sums.set(key, (sums.get(key) ?? 0) + 1);
    }
    byToken.set(token, sums);
  }
  const conn = model.db;
  for (const [token, sums] of byToken) {
    if (!sums.size) continue; // counted in nothing: no intent was written
    await Promise.all([...sums].map(([key, n]) => addOnce(conn, key, n, `insert/${token}/${key}`)));
    if (!intent) await intentModel(model).deleteOne({ _id: token });
  }
}

async function reconcileToken(
  model: Model<unknown>,
  workspaceId: unknown,
  token: Types.ObjectId,
): Promise<void> {
  const spec = specs.get(model.schema)!;
  const scoped =
    workspaceId !== undefined &&
    workspaceId !== null &&
    (typeof workspaceId !== 'object' || '_bsontype' in workspaceId);
  const query = model.find(scoped ? { workspaceId, recountToken: token } : { recountToken: token });
  if (!scoped) query.setOptions({ [ACROSS_TENANTS]: 'the documents a write just marked, by its token' });
  for (const doc of await query.lean<Doc[]>()) await reconcile(model, spec, doc);
}

/**
 * Brings one marked document's counts up to date. Every step is conditional on what was read, so
 * racing reconciles (a writer's and the repair's) do each transition once.
 */
async function reconcile(model: Model<unknown>, spec: CountSpec, read: Doc): Promise<void> {
  const scope = { _id: read._id as Types.ObjectId, workspaceId: read.workspaceId };
  // Bookkeeping, written past the model's hooks: it changes nothing a writer decides from, so it
  // must not look like a change (a revisioned model's `rev`, this plugin's own mark). The store's
  // stale-write guard still makes each write conditional on what it matched.
  const raw = model.collection;
  let doc: Doc | null = read;
  for (let round = 0; doc && round < 5; round++) {
    if (doc.owed) {
      await payOwed(model.db, String(doc.workspaceId), String(doc._id), doc.owed);
      await raw.updateOne({ ...scope, 'owed.token': doc.owed.token }, { $unset: { owed: 1 } });
      doc = await model.findOne(scope).lean<Doc>();
      continue;
    }
    if (!doc.recountToken) return;
    const token = doc.recountToken;
    const before = new Set(doc.counted ?? []);
    const after = new Set(spec.counts(doc));
    // A list, not an object keyed by name: counter names hold dots, which MongoDB keys may not.
    const deltas = [
      ...[...after].filter((name) => !before.has(name)).map((name) => ({ name, d: 1 })),
      ...[...before].filter((name) => !after.has(name)).map((name) => ({ name, d: -1 })),
    ];
    if (!deltas.length) {
      await raw.updateOne({ ...scope, recountToken: token }, { $unset: { recount: 1, recountToken: 1 } });
      return;
    }
    const owed = { token: String(token), deltas };
    const took = await raw.updateOne(
      { ...scope, recountToken: token, owed: { $exists: false } },
      { $set: { counted: [...after], owed } },
    );
    if (!took.modifiedCount) {
      // A newer change or another reconcile moved on: look again.
      doc = await model.findOne(scope).lean<Doc>();
      continue;
    }
    await payOwed(model.db, String(doc.workspaceId), String(doc._id), owed);
    await raw.updateOne({ ...scope, 'owed.token': owed.token }, { $unset: { owed: 1 } });
    await raw.updateOne({ ...scope, recountToken: token }, { $unset: { recount: 1, recountToken: 1 } });
    return;
  }
}

async function payOwed(
  conn: Connection,
  workspaceId: string,
  docId: string,
  owed: NonNullable<Doc['owed']>,
): Promise<void> {
  await Promise.all(
    owed.deltas.map(({ name, d }) =>
      addOnce(conn, `${workspaceId}:${name}`, d, `change/${owed.token}/${docId}/${name}`),
    ),
  );
}

interface SavedDoc {
  isNew: boolean;
  _id: unknown;
  $locals: Record<string, unknown>;
  isModified(path: string): boolean;
  get(path: string): unknown;
  set(path: string, value: unknown): void;
  toObject(): Record<string, unknown>;
  constructor: unknown;
}

function modelOf(doc: SavedDoc): Model<unknown> {
  return doc.constructor as Model<unknown>;
}

function intentModel(model: Model<unknown>): Model<CountIntentDoc> {
  return model.db.model<CountIntentDoc>('CountIntent');
}

function tokenTime(token: unknown): number {
  try {
    return new Types.ObjectId(String(token)).getTimestamp().getTime();
  } catch {
    return 0;
  }
}
