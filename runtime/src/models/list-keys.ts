import type { Connection, Model, Query, Schema, Types } from 'mongoose';
import { takeOrdinals } from './list-head';
import {
  bulkWriteParts,
  has,
  insertedItems,
  isDocument,
  setOn,
  type BatchUpdate as Update,
} from './batch-items';

/**
 * Keys that let a list read a small set by equality, whatever the tenant's history, on the embedded
 * store (which pushes down only top-level equality) as on MongoDB.
 *
 * - A **sequence**: an item joins a list when it is stored and takes the list's next ordinal; its
 *   page key `<workspaceId>:<list>:<ordinal / 32>` is an indexed top-level string. Newest first reads
 *   the page keys from the head down, oldest first from 0 up: each read is one equality lookup of
 *   at most 32 documents.
 * - A **derived key**: a field computed from one other field and the workspace
 *   (`statusKey: '<workspaceId>:open'`), so a working set such as the open tickets is one lookup.
 *
 * The plugin keeps both on every write through the model (create, insertMany, updates, upserts),
 * so no writer has to know about them. Writes that bypass the model (the raw driver) do not.
 */
export const ORDINALS_PER_PAGE = 32;
const PENDING = 'new';

export interface Sequence {
  /** Top-level field holding the page key (declared indexed on the schema). */
  page: string;
  /** Top-level field holding the ordinal, the list's order. */
  seq: string;
  /** The list an item joins, from its stored fields; null: none (e.g. a designer simulation's). */
  list(doc: Record<string, unknown>): string | null;
}

export interface DerivedKey {
  /** Top-level field holding the key (declared indexed on the schema). */
  field: string;
  /** The one top-level field it is computed from. */
  from: string;
  /** The key for a value of `from` (undefined when cleared); null leaves the key out. */
  key(workspaceId: string, value: unknown): string | string[] | null;
  /** The key is a list of keys (an array field matches any of its elements). */
  many?: boolean;
}

export interface ListKeySpec {
  sequences?: Sequence[];
  derived?: DerivedKey[];
}

/** The fields of a model's first sequence, spread into its schema definition. */
export const sequenceFields = {
  /** `<workspaceId>:<list>:<ordinal / 32>`: the page key lists read by. */
  page: { type: String },
  /** The item's ordinal in its list: the list's order. */
  seq: { type: Number },
};

/** `<workspaceId>:<list>`: a list's identity and its head's id. */
export const listId = (workspaceId: unknown, list: string) => `${String(workspaceId)}:${list}`;
/** The page key of an ordinal in a list. */
export const pageKey = (list: string, ordinal: number) =>
  `${list}:${Math.floor(ordinal / ORDINALS_PER_PAGE)}`;
/** Where an upserted item waits for its ordinal: the write cannot know whether it inserts. */
export const pendingKey = (list: string) => `${list}:${PENDING}`;

type Doc = Record<string, unknown> & { _id?: unknown; workspaceId?: unknown };
type AnyQuery = Query<unknown, unknown> & { model: Model<unknown>; op?: string };

const UPDATES: ('updateOne' | 'updateMany' | 'findOneAndUpdate')[] = [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
];

const specs = new WeakMap<Schema, ListKeySpec>();

export function listKeys(schema: Schema, spec: ListKeySpec): void {
  specs.set(schema, spec);
  const sequences = spec.sequences ?? [];
  const derived = spec.derived ?? [];
  // Declared here, with their index, so the one declaration serves MongoDB and the embedded store.
  for (const s of sequences) {
    declare(schema, s.page, String, true);
    declare(schema, s.seq, Number, false);
  }
  for (const d of derived) declare(schema, d.field, d.many ? [String] : String, true);

  schema.pre('validate', function () {
    const doc = this as unknown as {
      isNew: boolean;
      isModified(p: string): boolean;
      get(p: string): unknown;
      set(p: string, v: unknown): void;
    };
    for (const d of derived) {
      if (!doc.isNew && !doc.isModified(d.from)) continue;
      doc.set(d.field, d.key(String(doc.get('workspaceId')), doc.get(d.from)) ?? undefined);
    }
  });

  // Batches (imports insert lean: no validation, so no pre('validate')): keys set on the items here.
  if (sequences.length || derived.length) {
    schema.pre('insertMany', async function (docs: unknown) {
      await keyInserts(this as unknown as Model<unknown>, spec, insertedItems<Doc>(docs));
    });
    // bulkWrite skips the query and document middleware: its inserts and updates get keys here.
    // An upsert there waits on the pending page until a list settles it.
    schema.pre('bulkWrite', async function (ops: unknown[]) {
      const model = this as unknown as Model<unknown>;
      const { inserts, updates } = bulkWriteParts<Doc>(ops);
      for (const { filter, update, upsert } of updates)
        if (Object.keys(filter).length) keyUpdate(model, spec, filter, update, upsert);
      if (inserts.length) await keyInserts(model, spec, inserts);
    });
  }

  if (sequences.length) {
    schema.pre('save', async function () {
      if (!this.isNew) return;
      const doc = this as unknown as {
        get(p: string): unknown;
        set(p: string, v: unknown): void;
        toObject(): Doc;
      };
      const view = doc.toObject();
      for (const s of sequences) {
        const list = s.list(view);
        if (!list || doc.get(s.page)) continue;
        const id = listId(view.workspaceId, list);
        const n = await takeOrdinals(connOf(this.constructor as Model<unknown>), id, 1);
        doc.set(s.seq, n);
        doc.set(s.page, pageKey(id, n));
      }
    });
  }

  schema.pre(UPDATES, { document: false, query: true }, function () {
    const query = this as unknown as AnyQuery;
    const update = query.getUpdate() as Update | null;
    if (!update || Array.isArray(update)) return;
    keyUpdate(query.model, spec, query.getFilter() as Doc, update, Boolean(query.getOptions().upsert));
    query.setUpdate(update);
  });

  if (sequences.length) {
    // An upsert that inserted leaves its item on the pending page: give it its ordinal now.
    schema.post('updateOne', { document: false, query: true }, async function (result: unknown) {
      const query = this as unknown as AnyQuery;
      const res = result as { upsertedId?: unknown } | null;
      if (!res?.upsertedId) return;
      const ws = scalarWorkspace(query.getFilter() as Doc, null);
      const doc = ws && (await query.model.findOne({ _id: res.upsertedId, workspaceId: ws }).lean<Doc>());
      if (doc) await settle(query.model, sequences, doc);
    });
    schema.post('findOneAndUpdate', { document: false, query: true }, async function (res: unknown) {
      const query = this as unknown as AnyQuery;
      const doc = (
        res && typeof res === 'object' && 'value' in res ? (res as { value: unknown }).value : res
      ) as Doc | null;
      if (doc && sequences.some((s) => isPending(doc[s.page]))) await settle(query.model, sequences, doc);
    });
  }
}

/** Derived keys, and a block of ordinals per list, for items about to be inserted together. */
async function keyInserts(model: Model<unknown>, spec: ListKeySpec, items: Doc[]): Promise<void> {
  const views = items.map((item) => viewOf(model, item));
  for (const [i, item] of items.entries())
    for (const d of spec.derived ?? [])
      setOn(item, d.field, d.key(String(views[i]!.workspaceId), views[i]![d.from]) ?? undefined);
  // One $inc per list, however many items.
  for (const s of spec.sequences ?? []) {
    const byList = new Map<string, Doc[]>();
    items.forEach((item, i) => {
      const view = views[i]!;
      const list = s.list(view);
      if (!list || view[s.page]) return;
      const id = listId(view.workspaceId, list);
      byList.set(id, byList.get(id) ?? []);
      byList.get(id)!.push(item);
    });
    for (const [id, members] of byList) {
      const first = await takeOrdinals(connOf(model), id, members.length);
      members.forEach((item, i) => {
        setOn(item, s.seq, first + i);
        setOn(item, s.page, pageKey(id, first + i));
      });
    }
  }
}

/** Derived keys of the fields an update sets, and the pending page of what an upsert may insert. */
function keyUpdate(
  model: Model<unknown>,
  spec: ListKeySpec,
  filter: Doc,
  update: Update,
  upsert: boolean,
): void {
  const derived = spec.derived ?? [];
  const sequences = spec.sequences ?? [];
  if (!upsert && !derived.some((d) => setsField(update, d.from))) return;
  const ws = scalarWorkspace(filter, update);
  if (ws === null) {
    if (derived.some((d) => setsField(update, d.from)))
      throw new Error(`${model.modelName}: an update of a keyed field needs one workspaceId in its filter`);
    return;
  }
  for (const d of derived) deriveInUpdate(update, ws, d, upsert, filter, model.schema);
  if (upsert)
    for (const s of sequences) {
      if (setsField(update, s.page)) continue;
      const list = s.list(insertedView(update, filter));
      if (list) (update.$setOnInsert ??= {})[s.page] = pendingKey(listId(ws, list));
    }
}

/**
 * Gives each item waiting on a pending page its ordinal and page. One winner per item (the write is
 * conditional on the pending key); a loser's ordinal is a gap. Lists call this for the pending
 * page of the list they read first, so an item whose writer stopped half way still shows.
 */
export async function settle(model: Model<unknown>, sequences: readonly Sequence[], doc: Doc): Promise<void> {
  for (const s of sequences) {
    const pending = doc[s.page];
    if (!isPending(pending)) continue;
    const id = (pending as string).slice(0, -PENDING.length - 1);
    const n = await takeOrdinals(connOf(model), id, 1);
    // Past the model's hooks: a page key is bookkeeping, not a change anyone decides from.
    await model.collection.updateOne(
      { _id: doc._id as Types.ObjectId, workspaceId: doc.workspaceId, [s.page]: pending },
      { $set: { [s.page]: pageKey(id, n), [s.seq]: n } },
    );
  }
}

/** The keys a model was declared with (for readers and the backfill). */
export function listKeySpecOf(model: Model<unknown>): Required<ListKeySpec> {
  const spec = specs.get(model.schema);
  return { sequences: spec?.sequences ?? [], derived: spec?.derived ?? [] };
}

function declare(schema: Schema, field: string, type: unknown, indexed: boolean): void {
  if (!schema.path(field)) schema.add({ [field]: { type, default: undefined } });
  if (indexed && !schema.indexes().some(([keys]) => field in keys)) schema.index({ [field]: 1 });
}

/** An item to insert as the model would store it (its defaults), without hydrating a document. */
export function viewOf(model: Model<unknown>, item: Doc): Doc {
  if (isDocument<Doc>(item)) return item.toObject();
  return model.applyDefaults({ ...item }) as Doc;
}

function isPending(value: unknown): boolean {
  return typeof value === 'string' && value.endsWith(`:${PENDING}`);
}

function connOf(model: Model<unknown>): Connection {
  return model.db;
}

function setsField(update: Update, field: string): boolean {
  return (
    has(update.$set, field) || has(update.$unset, field) || (!field.startsWith('$') && has(update, field))
  );
}

/** The workspace a query is scoped to, when it names exactly one. */
function scalarWorkspace(filter: Doc, update: Update | null): string | null {
  const value = filter.workspaceId ?? update?.$setOnInsert?.workspaceId;
  if (value === undefined || value === null) return null;
  if (typeof value === 'object' && !('_bsontype' in value)) {
    const eq = (value as { $eq?: unknown }).$eq;
    return eq === undefined ? null : String(eq);
  }
  return String(value);
}

/** What an upsert would insert: the filter's equalities, then $setOnInsert and $set. */
function insertedView(update: Update, filter: Doc): Doc {
  const view: Doc = {};
  for (const [k, v] of Object.entries(filter))
    if (!k.startsWith('$') && (v === null || typeof v !== 'object' || '_bsontype' in v)) view[k] = v;
  for (const [k, v] of Object.entries(update)) if (!k.startsWith('$')) view[k] = v;
  Object.assign(view, update.$setOnInsert ?? {}, update.$set ?? {});
  return view;
}

function deriveInUpdate(
  update: Update,
  ws: string,
  d: DerivedKey,
  upsert: boolean,
  filter: Doc,
  schema: Schema,
): void {
  if (setsField(update, d.field) || has(update.$setOnInsert, d.field)) return;
  const put = (op: '$set' | '$setOnInsert', value: unknown) => {
    const key = d.key(ws, value);
    if (key !== null) (update[op] ??= {} as Record<string, unknown>)[d.field] = key;
    else if (op === '$set') (update.$unset ??= {})[d.field] = 1;
  };
  if (has(update.$set, d.from)) put('$set', update.$set![d.from]);
  else if (has(update, d.from)) put('$set', update[d.from]);
  else if (has(update.$unset, d.from)) put('$set', undefined);
  else if (upsert) {
    const view = insertedView(update, filter);
    const value = has(view, d.from) ? view[d.from] : defaultOf(schema, d.from);
    if (value !== undefined) put('$setOnInsert', value);
  }
}

function defaultOf(schema: Schema, path: string): unknown {
  const type = schema.path(path) as unknown as { defaultValue?: unknown } | undefined;
  const value = type?.defaultValue;
  return typeof value === 'function' ? (value as () => unknown)() : value;
}
