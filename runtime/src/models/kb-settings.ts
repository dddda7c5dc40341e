import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { DEFAULT_THRESHOLD } from '../kb/matcher';
import { tenantScoped } from './tenant-scope';

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
