import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { growsWithHistory } from './query-audit';
import { tenantScoped } from './tenant-scope';

/**
 * What a delivery activity did with one message to one target (the customer's mailbox, or one
 * webhook endpoint). `_id` = idForKey(`outbound/<messageId or event:key>/<target>`), so a retried activity
 * reads its own earlier attempt by primary key and does not send again what was sent.
 */
export const outboundDeliverySchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    conversationId: { type: Schema.Types.ObjectId, required: true },
    /** The message delivered; absent for an event delivery. */
    messageId: { type: Schema.Types.ObjectId },
    /** The event delivered (OutboundEvent.key); absent for a message. */
    eventKey: { type: String },
    channel: { type: String, enum: ['email', 'api'], required: true },
    /** 'email', or the webhook endpoint's id. */
    target: { type: String, required: true },
    /** sending: an attempt began (it may or may not have reached the peer); sent: the peer took it. */
    status: { type: String, enum: ['sending', 'sent', 'skipped'], required: true },
    attempts: { type: Number, default: 0 },
    lastError: { type: String },
    sentAt: { type: Date },
  },
  { timestamps: true },
);
outboundDeliverySchema.plugin(tenantScoped);
// A workspace backup reads its documents by this (runtime/src/backup).
outboundDeliverySchema.index({ workspaceId: 1 });
outboundDeliverySchema.plugin(growsWithHistory);
/** A conversation's, found when it is erased (privacy/erase.ts). */
outboundDeliverySchema.index({ workspaceId: 1, conversationId: 1 });

export type OutboundDeliveryDoc = InferSchemaType<typeof outboundDeliverySchema>;
export const outboundDeliveryModel = (conn: Connection) => conn.model('OutboundDelivery', outboundDeliverySchema);
