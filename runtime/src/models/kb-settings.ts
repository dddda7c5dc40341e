import { Schema, Types, type Connection, type InferSchemaType, type Model } from 'mongoose';
import { DEFAULT_THRESHOLD } from '../kb/matcher';
import { tenantScoped } from './tenant-scope';
import { upsertOnce } from './upsert';

/** A workspace's knowledge-base tuning, one document per workspace. */
export const kbSettingsSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    /**
     * Groups of terms that mean the same to this shop, e.g. { terms: ["退货", "退回", "return"] }.
     * Objects rather than arrays of arrays: FerretDB 1.x does not store nested arrays.
     */
    synonyms: {
      type: [new Schema({ terms: { type: [String], required: true } }, { _id: false })],
      default: [],
    },
    /** Confidence from which the bot answers; below it the node takes its not-found port. */
    threshold: { type: Number, required: true, min: 0, max: 1, default: DEFAULT_THRESHOLD },
    /**
     * Changes whenever an article or a synonym changes (`touchKnowledgeBase`), so cached
     * matchers know to rebuild. A fresh random value, not a counter: concurrent \$inc can be
     * lost on FerretDB, two different writes of a new id cannot both look unchanged.
     */
    stamp: { type: String, required: true, default: () => new Types.ObjectId().toHexString() },
    /** When the starter articles were given (seed/demo-articles.ts): once, so a deleted one stays deleted. */
    starterArticlesAt: { type: Date },
  },
  { timestamps: true },
);
kbSettingsSchema.plugin(tenantScoped);
kbSettingsSchema.index({ workspaceId: 1 }, { unique: true });

export type KbSettingsDoc = InferSchemaType<typeof kbSettingsSchema>;
export const kbSettingsModel = (conn: Connection) => conn.model('KbSettings', kbSettingsSchema);

/** The groups in the shape the matcher takes. */
export function synonymGroups(settings: Pick<KbSettingsDoc, 'synonyms'> | null): string[][] {
  return (settings?.synonyms ?? []).map((g) => [...g.terms]);
}

/** Call after every change to a workspace's articles or synonyms: cached matchers rebuild. */
export async function touchKnowledgeBase(
  KbSettings: Model<KbSettingsDoc>,
  workspaceId: string | Types.ObjectId,
): Promise<void> {
  const ws = new Types.ObjectId(String(workspaceId));
  const stamp = new Types.ObjectId().toHexString();
  // A concurrent first write may create the settings: upsertOnce then updates them.
  await upsertOnce(() => KbSettings.updateOne({ workspaceId: ws }, { $set: { stamp } }, { upsert: true }));
}
