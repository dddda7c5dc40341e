import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { tenantScoped } from './tenant-scope';

/** A ticket: work that outlives a chat. Flows create and update them through idempotent activities. */
export const ticketSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    conversationId: { type: Schema.Types.ObjectId },
    contactId: { type: Schema.Types.ObjectId },
    subject: { type: String, required: true },
    description: { type: String, default: '' },
    status: { type: String, enum: ['open', 'pending', 'resolved', 'closed'], default: 'open', required: true },
    priority: { type: String, enum: ['low', 'normal', 'high', 'urgent'], default: 'normal', required: true },
    tags: { type: [String], default: [] },
    dueAt: { type: Date },
    firstResponseAt: { type: Date },
    resolvedAt: { type: Date },
    /** Internal notes; `key` makes a retried note write land once. */
    notes: {
      type: [{ key: { type: String, required: true }, text: { type: String, required: true }, at: { type: Date, required: true } }],
      default: [],
    },
    /** Every creation names its key (a flow step, or a request id for agents), so a retry creates nothing new. */
    idempotencyKey: { type: String, required: true, unique: true },
  },
  { timestamps: true },
);
ticketSchema.plugin(tenantScoped);
ticketSchema.index({ workspaceId: 1, status: 1 });

export type TicketDoc = InferSchemaType<typeof ticketSchema>;
export const ticketModel = (conn: Connection) => conn.model('Ticket', ticketSchema);
