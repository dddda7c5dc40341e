import type { Model, Types } from 'mongoose';
import type { Models } from '../models';
import { SEALED_CONTACT_FIELDS } from '../models/contact';
import { emailVisitorId } from '../contacts/blind-keys';
import { dataKeys } from './data-keys';
import { FieldCryptoError, isSealed, openField, sealedKeyId } from './field-crypto';

export interface ResealOptions {
  /** Documents the cursor reads per round trip (bounded memory). */
  batchSize?: number;
  /** Rewrite every contact's blind indexes too, even when its fields are sealed with the current key. */
  reindex?: boolean;
  log?: (msg: string) => void;
}

export interface ResealReport {
  contacts: { seen: number; resealed: number; failed: number };
  emailThreads: { seen: number; resealed: number; failed: number };
}

interface Raw {
  _id: Types.ObjectId;
  workspaceId: Types.ObjectId;
  updatedAt?: Date;
  visitorId?: string;
  emailKey?: string;
  phoneKey?: string;
  [field: string]: unknown;
}

/**
 * Seals every contact's personal fields and every email thread's address with the current data key:
 * clear text (a store from before encryption) and values sealed with an older key alike, and
 * rewrites the contact's blind indexes (emailKey, phoneKey, nameKeys, an email channel's visitorId)
 * from the clear values. Used by `npm run rotate-keys` and, once, by the store migration that
 * encrypts an existing store.
 *
 * Runs beside a live API and worker: it reads the store in bounded batches, skips what is already
 * sealed with the current key (so a run that stopped half way resumes by running again), and each
 * write is conditional on the document being as read (its `updatedAt`), so an edit made meanwhile
 * is never overwritten; such a document is read again. Readers keep working throughout: every
 * process has all the keys in KEFU_DATA_KEYS.
 */
export async function resealPersonalData(models: Models, options: ResealOptions = {}): Promise<ResealReport> {
  const log = options.log ?? (() => {});
  const batchSize = options.batchSize ?? 200;
  const contacts = await resealModel(
    models.Contact as unknown as Model<Raw>,
    SEALED_CONTACT_FIELDS,
    batchSize,
    (raw) => Boolean(options.reindex) || staleIndex(raw),
    // The email channel's key for the contact, from before it was a blind index.
    (raw) =>
      clearEmailVisitor(raw) ? { visitorId: emailVisitorId(raw.visitorId!.slice('email:'.length)) } : {},
    log,
  );
  const emailThreads = await resealModel(
    models.EmailThread as unknown as Model<Raw>,
    ['address'],
    batchSize,
    () => false,
    () => ({}),
    log,
  );
  return { contacts, emailThreads };
}

/** A key kept in clear by code from before encryption (an address or digits rather than an HMAC). */
function staleIndex(raw: Raw): boolean {
  return (
    (typeof raw.emailKey === 'string' && raw.emailKey.includes('@')) ||
    (typeof raw.phoneKey === 'string' && /^\+?\d+$/.test(raw.phoneKey)) ||
    clearEmailVisitor(raw)
  );
}

const clearEmailVisitor = (raw: Raw): boolean =>
  typeof raw.visitorId === 'string' && raw.visitorId.startsWith('email:') && raw.visitorId.includes('@');

async function resealModel(
  model: Model<Raw>,
  fields: readonly string[],
  batchSize: number,
  alsoWhen: (raw: Raw) => boolean,
  extra: (raw: Raw) => Record<string, unknown>,
  log: (msg: string) => void,
): Promise<{ seen: number; resealed: number; failed: number }> {
  const current = dataKeys().currentKeyId;
  let resealed = 0;
  let failed = 0;
  const stale = (raw: Raw) =>
    alsoWhen(raw) ||
    fields.some((f) => typeof raw[f] === 'string' && raw[f] !== '' && sealedKeyId(raw[f]) !== current);

  const reseal = async (first: Raw): Promise<void> => {
    let raw: Raw | null = first;
    // A document edited between our read and our write is read again: the edit wins, and is
    // sealed with the current key by whoever wrote it (or by the next attempt).
    for (let attempt = 0; raw && stale(raw) && attempt < 5; attempt++) {
      const clear: Record<string, string> = {};
      for (const f of fields)
        if (typeof raw[f] === 'string' && raw[f] !== '')
          clear[f] = isSealed(raw[f]) ? openField(dataKeys(), raw[f], `${model.modelName}.${f}`) : raw[f];
      const done = await model.updateOne(
        {
          _id: raw._id,
          workspaceId: raw.workspaceId,
          updatedAt: raw.updatedAt ?? { $exists: false },
        },
        { $set: { ...clear, ...extra(raw) } },
        // Re-encryption is not an edit: this write leaves updatedAt (the model's bookkeeping hooks,
        // e.g. a legacy contact's first list keys, may still touch it).
        { timestamps: false },
      );
      if (done.matchedCount === 1) {
        resealed++;
        return;
      }
      raw = (await model.collection.findOne({ _id: raw._id })) as Raw | null;
    }
  };

  // The stored documents as they are (the driver's cursor: Mongoose's would open the sealed fields),
  // unsorted so FerretDB streams them, a batch in memory at a time.
  let seen = 0;
  for await (const doc of model.collection.find({}, { batchSize })) {
    seen++;
    const raw = doc as unknown as Raw;
    try {
      await reseal(raw);
    } catch (err) {
      // One document this server cannot open (a key missing from KEFU_DATA_KEYS, an altered
      // value) is reported, and the others are still resealed.
      if (!(err instanceof FieldCryptoError) && (err as { code?: number }).code !== 11000) throw err;
      failed++;
      log(`${model.modelName} ${String(raw._id)}: ${(err as Error).message}`);
    }
  }
  if (resealed || failed) log(`${model.modelName}: ${resealed} of ${seen} resealed, ${failed} failed`);
  return { seen, resealed, failed };
}
