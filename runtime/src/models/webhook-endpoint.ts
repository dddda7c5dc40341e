import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { tenantScoped } from './tenant-scope';

/**
 * Where replies and events of API-channel conversations are POSTed. The secret signs each
 * delivery (HMAC-SHA256); it must be kept in the clear to sign with, and is shown to owners only
 * when the endpoint is created.
 */
export const webhookEndpointSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    url: { type: String, required: true },
    secret: { type: String, required: true },
    description: { type: String },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    disabledAt: { type: Date },
  },
  { timestamps: true },
);
webhookEndpointSchema.plugin(tenantScoped);
// A workspace backup reads its documents by this (runtime/src/backup).
webhookEndpointSchema.index({ workspaceId: 1 });

export type WebhookEndpointDoc = InferSchemaType<typeof webhookEndpointSchema>;
export const webhookEndpointModel = (conn: Connection) => conn.model('WebhookEndpoint', webhookEndpointSchema);
