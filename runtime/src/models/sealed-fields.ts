import type { Query, Schema } from 'mongoose';
import { dataKeys } from '../privacy/data-keys';
import { isSealed, openField, sealField } from '../privacy/field-crypto';

const UPDATES: ('updateOne' | 'updateMany' | 'findOneAndUpdate' | 'replaceOne' | 'findOneAndReplace')[] = [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'replaceOne',
  'findOneAndReplace',
];
const READS: ('find' | 'findOne' | 'findOneAndUpdate' | 'findOneAndDelete' | 'findOneAndReplace')[] = [
  'find',
  'findOne',
  'findOneAndUpdate',
  'findOneAndDelete',
  'findOneAndReplace',
];

type Doc = Record<string, unknown>;

/**
 * Top-level string fields stored encrypted (privacy/field-crypto.ts) and read in clear, whoever
 * writes or reads through the model: a document's setter seals and its getter opens; update
 * queries, insertMany (lean too) and bulkWrite are sealed in their pre hooks; lean reads are opened
 * in their post hooks. Register it after the plugins that derive keys from these fields: their pre
 * hooks must see the clear values. What goes around Mongoose (the raw driver, a cursor of
 * forEachBatch) sees the stored, sealed strings.
 *
 * A sealed field cannot be matched by value (each sealing differs): a filter on it finds nothing;
 * look up by a blind index instead (contacts/blind-keys.ts).
 */
export function sealedFields(schema: Schema, modelName: string, fields: readonly string[]): void {
  const context = (field: string) => `${modelName}.${field}`;
  const seal = (field: string, value: unknown) =>
    typeof value === 'string' && value !== '' ? sealField(dataKeys(), value, context(field)) : value;
  const open = (field: string, value: unknown) =>
    isSealed(value) ? openField(dataKeys(), value, context(field)) : value;

  for (const field of fields) {
    const path = schema.path(field) as unknown as
      { set(fn: unknown): void; get(fn: unknown): void } | undefined;
    if (!path) throw new Error(`${modelName}.${field} is not a path of its schema`);
    path.set((v: unknown) => seal(field, v));
    path.get((v: unknown) => open(field, v));
  }
  // A document's toObject/toJSON is what its readers see: clear, like its getters.
  for (const option of ['toObject', 'toJSON'] as const)
    schema.set(option, { ...(schema.get(option) as object), getters: true, virtuals: false });

  const sealDoc = (doc: Doc | null | undefined) => {
    if (!doc || typeof doc !== 'object') return;
    for (const field of fields) if (field in doc) doc[field] = seal(field, doc[field]);
  };
  const openDoc = (doc: unknown) => {
    if (!doc || typeof doc !== 'object' || '$__' in (doc as object)) return;
    for (const field of fields)
      if (field in (doc as Doc)) (doc as Doc)[field] = open(field, (doc as Doc)[field]);
  };
  const sealUpdate = (update: Doc | null | undefined) => {
    if (!update || Array.isArray(update)) return;
    sealDoc(update);
    sealDoc(update.$set as Doc | undefined);
    sealDoc(update.$setOnInsert as Doc | undefined);
  };

  schema.pre(UPDATES, { document: false, query: true }, function (this: Query<unknown, unknown>) {
    const update = this.getUpdate() as Doc | null;
    sealUpdate(update);
    if (update) this.setUpdate(update);
  });
  schema.pre('insertMany', function (docs: unknown) {
    for (const doc of Array.isArray(docs) ? docs : [docs])
      if (!('$__' in (doc as object))) sealDoc(doc as Doc);
  });
  schema.pre('bulkWrite', function (ops: unknown[]) {
    for (const op of ops as Doc[]) {
      const [kind, body] = Object.entries(op)[0] as [string, Doc];
      if (kind === 'insertOne') sealDoc(body.document as Doc);
      else if (kind === 'replaceOne') sealDoc(body.replacement as Doc);
      else if (kind === 'updateOne' || kind === 'updateMany') sealUpdate(body.update as Doc);
    }
  });
  schema.post(
    READS,
    { document: false, query: true },
    function (this: Query<unknown, unknown>, res: unknown) {
      if (!this.mongooseOptions().lean) return;
      const found =
        res && typeof res === 'object' && 'value' in res && 'ok' in res ? (res as Doc).value : res;
      if (Array.isArray(found)) found.forEach(openDoc);
      else openDoc(found);
    },
  );
}
