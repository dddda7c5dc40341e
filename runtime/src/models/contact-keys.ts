import type { Query, Schema } from 'mongoose';
import { emailIndex, phoneIndex } from '../contacts/blind-keys';

/** The blind indexes a contact is matched by, and the field each is derived from. */
const KEYS = [
  { source: 'email', key: 'emailKey', normalize: emailIndex },
  { source: 'phone', key: 'phoneKey', normalize: phoneIndex },
] as const;

const UPDATES: ('updateOne' | 'updateMany' | 'findOneAndUpdate')[] = [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
];

type Update = Record<string, unknown> & {
  $set?: Record<string, unknown>;
  $setOnInsert?: Record<string, unknown>;
  $unset?: Record<string, unknown>;
};

/**
 * Keeps `emailKey` and `phoneKey` equal to the blind indexes of the normalized email and phone
 * (contacts/blind-keys.ts: the values themselves are stored sealed) on every write, whoever
 * writes (the console, a channel, a flow step, an import), so a contact is found by an equality
 * lookup on an indexed top-level key: the only lookup the embedded store can serve from an index.
 * Covers create, save and insertMany (validation runs for each) and update queries; a write that
 * goes around Mongoose (the raw driver) must set the keys itself.
 */
export function contactKeys(schema: Schema): void {
  schema.pre('validate', function () {
    for (const { source, key, normalize } of KEYS) {
      if (!this.isModified(source) && !this.isNew) continue;
      const value = normalize(this.get(source) as string | null | undefined);
      this.set(key, value ?? undefined);
    }
  });
  schema.pre(UPDATES, { document: false, query: true }, function (this: Query<unknown, unknown>) {
    const update = this.getUpdate() as Update | null;
    if (!update || Array.isArray(update)) return;
    this.setUpdate(withKeys(update));
  });
}

/** The update with the keys of every email or phone it sets, sets on insert or unsets. */
export function withKeys(update: Update): Update {
  const out: Update = { ...update };
  for (const { source, key, normalize } of KEYS) {
    // A plain field in an update document is a $set.
    for (const op of ['$set', '$setOnInsert', null] as const) {
      const fields = op ? out[op] : out;
      if (!fields || !(source in fields)) continue;
      const value = normalize(fields[source] as string | null | undefined);
      const target = op ?? '$set';
      if (value) out[target] = { ...(out[target] as Record<string, unknown>), [key]: value };
      else if (op !== '$setOnInsert') out.$unset = { ...out.$unset, [key]: '' };
    }
    if (out.$unset && source in out.$unset) out.$unset = { ...out.$unset, [key]: '' };
  }
  return out;
}
