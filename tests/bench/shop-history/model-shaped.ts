import mongoose, { type Model } from 'mongoose';
import { countedFields, countSpecOf, listKeySpecOf } from '@kefu/runtime/models';

/** What Model.insertMany hands the driver (mongoose's internal toObject options for inserts). */
const INSERT_TO_OBJECT = {
  transform: false,
  virtuals: false,
  getters: false,
  depopulate: true,
  flattenDecimals: false,
  useProjection: false,
  versionKey: true,
  flattenObjectIds: false,
} as const;
/** Every this many documents of a shape, one is built both ways again and compared. */
const RECHECK_EVERY = 1000;

type Fields = Record<string, unknown> & { _id: unknown };
interface Template {
  keys: string[];
  fill: Record<string, unknown>;
  nested: Record<string, Template>;
}
interface Shape {
  template: Template | null;
  seen: number;
  /** The fast path differed from the model once: every document of this shape goes through the model. */
  slow: boolean;
}

/**
 * Builds documents exactly as `Model.insertMany` would store them (cast, defaults, version key,
 * timestamps, key order), without paying for a hydrated Mongoose document per row: the first
 * documents of each shape (the keys a factory gave and their value types) go through the model
 * (validated, so a factory that leaves out a required field or breaks an enum fails), and
 * what the model added is remembered as a template. The template is checked against the model
 * byte for byte (BSON) on the first two documents of every shape and on one in a thousand after;
 * a shape whose fast copy ever differs (a new default that varies per document, a value the model
 * casts) goes through the model from then on, with a warning naming the field. So a changed
 * schema never yields documents the product would not write, only a slower generation.
 */
export class ModelShaped {
  private readonly shapes = new Map<string, Shape>();
  /**
   * Fields the model's insertMany hooks set on every item (list page keys and ordinals, derived
   * keys, count bookkeeping): left out here, since they differ per document; the BatchWriter
   * inserts through Model.insertMany, whose hooks set them as they do for the product's batches.
   */
  private readonly hookFields: Set<string>;
  constructor(readonly model: Model<unknown>) {
    const keys = listKeySpecOf(model);
    this.hookFields = new Set([
      ...keys.sequences.flatMap((s) => [s.page, s.seq]),
      ...keys.derived.map((d) => d.field),
      ...(countSpecOf(model) ? Object.keys(countedFields) : []),
    ]);
  }

  async documents(list: Fields[]): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    for (const fields of list) out.push(await this.document(fields));
    return out;
  }

  async document(fields: Fields): Promise<Record<string, unknown>> {
    if (fields._id === undefined)
      throw new Error(`${this.model.modelName} factory: give every document its _id`);
    const key = signature(fields);
    let shape = this.shapes.get(key);
    if (!shape) this.shapes.set(key, (shape = { template: null, seen: 0, slow: false }));
    shape.seen++;
    if (shape.template && !shape.slow && shape.seen > 2 && shape.seen % RECHECK_EVERY !== 0)
      return build(fields, shape.template);
    const exact = await this.viaModel(fields);
    if (shape.slow) return exact;
    shape.template ??= templateOf(fields, exact);
    const fast = build(fields, shape.template);
    const differs = firstDifference(fast, exact);
    if (differs) {
      shape.slow = true;
      console.warn(
        `${this.model.modelName}: the quick copy differs from insertMany at "${differs}" for documents with keys ` +
          `${key}; building those through the model from now on (slower). Adapt the factory.`,
      );
    }
    return exact;
  }

  /** mongoose 9's _insertMany, one document: hydrate, validate, version key, timestamps, plain object. */
  private async viaModel(fields: Fields): Promise<Record<string, unknown>> {
    const doc = new this.model(fields);
    await doc.validate();
    const versionKey = this.model.schema.get('versionKey');
    if (typeof versionKey === 'string') doc.set(versionKey, 0);
    (doc as unknown as { initializeTimestamps?: () => void }).initializeTimestamps?.();
    const plain = doc.toObject(INSERT_TO_OBJECT) as Record<string, unknown>;
    for (const field of this.hookFields) delete plain[field];
    return plain;
  }
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
}

/** The keys a factory gave and the kind of each value: a string where the model wants an id is another shape. */
function signature(o: Record<string, unknown>): string {
  return Object.keys(o)
    .map((k) => {
      const v = o[k];
      if (isPlain(v)) return `${k}{${signature(v)}}`;
      const kind =
        v === null || typeof v !== 'object'
          ? typeof v
          : ((v as { _bsontype?: string })._bsontype ?? v.constructor.name);
      return `${k}:${kind}`;
    })
    .join(',');
}

function templateOf(fields: Record<string, unknown>, exact: Record<string, unknown>): Template {
  const t: Template = { keys: Object.keys(exact), fill: {}, nested: {} };
  for (const k of t.keys) {
    const given = fields[k];
    if (!(k in fields)) t.fill[k] = exact[k];
    else if (isPlain(given) && isPlain(exact[k])) t.nested[k] = templateOf(given, exact[k]);
  }
  return t;
}

/** Shared fill values ({} and [] defaults) are safe: the driver only reads the documents. */
function build(fields: Record<string, unknown>, t: Template): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of t.keys) {
    if (!(k in fields)) out[k] = t.fill[k];
    else {
      const nested = t.nested[k];
      out[k] = nested ? build(fields[k] as Record<string, unknown>, nested) : fields[k];
    }
  }
  return out;
}

const { BSON } = mongoose.mongo;

/** The first top-level key whose stored bytes differ (or '(key order)'), or null when identical. */
function firstDifference(a: Record<string, unknown>, b: Record<string, unknown>): string | null {
  if (Buffer.from(BSON.serialize(a)).equals(Buffer.from(BSON.serialize(b)))) return null;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
    if (!Buffer.from(BSON.serialize({ v: a[k] })).equals(Buffer.from(BSON.serialize({ v: b[k] })))) return k;
  return '(key order)';
}
