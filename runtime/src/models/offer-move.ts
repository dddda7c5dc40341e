import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { growsWithHistory } from './query-audit';
import { tenantScoped } from './tenant-scope';

/**
 * The one change that moved an offer away from the agent holding it: accepted by them, passed on
 * (declined, went offline) or expired. FerretDB 1.x does not make `update where status = offered`
 * atomic under concurrency, so an accept and the step's expiry could both "win"; the unique index
 * here lets exactly one of them. Looked up only on a conflict.
 */
export const offerMoveSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    offerId: { type: Schema.Types.ObjectId, required: true },
    fromAgent: { type: Schema.Types.ObjectId, required: true },
    outcome: { type: String, enum: ['accepted', 'passed', 'expired'], required: true },
    /**
     * Who made the move (an agent's id, 'timer' for the step's expiry): two agents may both try to
     * pass the same offer on (one declining, a teammate taking it over), and only one of them did.
     */
    by: { type: String },
  },
  { timestamps: true },
);
offerMoveSchema.plugin(tenantScoped);
offerMoveSchema.plugin(growsWithHistory);
offerMoveSchema.index({ workspaceId: 1, offerId: 1, fromAgent: 1 }, { unique: true });

export type OfferMoveDoc = InferSchemaType<typeof offerMoveSchema>;
export const offerMoveModel = (conn: Connection) => conn.model('OfferMove', offerMoveSchema);
