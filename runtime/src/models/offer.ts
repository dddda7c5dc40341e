import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { growsWithHistory } from './query-audit';
import { tenantScoped } from './tenant-scope';

export const OFFER_STATUSES = ['offered', 'accepted', 'declined', 'expired', 'released'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/**
 * A conversation offered to one agent by a route-to-team step. The step's run waits on the offer
 * id; declining or going offline passes the same offer to the next agent, so the run never
 * needs to know. Every state change is conditional on `status: 'offered'`, so it happens once.
 */
export const offerSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    conversationId: { type: Schema.Types.ObjectId, required: true },
    teamId: { type: Schema.Types.ObjectId, required: true },
    agentId: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, enum: OFFER_STATUSES, required: true, default: 'offered' },
    strategy: { type: String, enum: ['least-loaded', 'round-robin', 'skills'], required: true },
    skills: { type: [String], default: [] },
    /** Agents who declined or went offline while holding it: not offered it again. */
    passedBy: { type: [Schema.Types.ObjectId], default: [] },
    /** The flow step's wait ends then (its durable timer); the API refuses to accept after it. */
    expiresAt: { type: Date, required: true },
    /** The flow step's key: a retried offerToTeam finds this offer instead of making another. */
    idempotencyKey: { type: String, required: true, unique: true },
    acceptedAt: { type: Date },
    /** Who routing passed over and why when it made the offer (the step's why-trace; a retry returns it). */
    routing: { type: Schema.Types.Mixed },
    /**
     * `due` from the write that accepts the offer until its run has been told: an API that dies in
     * between leaves it, and the hand-off sweeper tells the run. A string so the few due are one
     * key lookup. (A crash before this write leaves the run to its timer: expireOffer finds the
     * acceptance in OfferMove.)
     */
    acceptedSignal: { type: String },
  },
  { timestamps: true },
);
offerSchema.plugin(tenantScoped);
offerSchema.plugin(growsWithHistory);
offerSchema.index({ workspaceId: 1, agentId: 1, status: 1 });
offerSchema.index({ workspaceId: 1, conversationId: 1 });
offerSchema.index({ acceptedSignal: 1 });

export type OfferDoc = InferSchemaType<typeof offerSchema>;
export const offerModel = (conn: Connection) => conn.model('Offer', offerSchema);
